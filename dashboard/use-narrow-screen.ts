import { useEffect, useState } from 'preact/hooks';

/** Phone width (390 px and the like): at most this many CSS pixels wide. */
export const NARROW_MAX_WIDTH = 640;

/** Whether the viewport is phone-narrow, following rotation and resizing. */
export function useNarrowScreen(maxWidth: number = NARROW_MAX_WIDTH): boolean {
  const query = `(max-width: ${maxWidth}px)`;
  const [narrow, setNarrow] = useState(() => typeof matchMedia === 'function' && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const m = matchMedia(query);
    const follow = () => setNarrow(m.matches);
    follow();
    m.addEventListener('change', follow);
    return () => m.removeEventListener('change', follow);
  }, [query]);
  return narrow;
}
