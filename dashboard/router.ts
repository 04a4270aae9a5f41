import { useEffect, useState } from 'preact/hooks';

/**
 * History-API routing: the path picks the page, the query string holds the view's filters
 * (url-state.ts). navigate() pushes a history entry and tells every listener; back and forward
 * arrive as popstate and are told the same way.
 */
const CHANGE = 'otop:navigate';

export interface LocationState {
  pathname: string;
  search: string;
}

function read(): LocationState {
  return { pathname: window.location.pathname, search: window.location.search };
}

export function navigate(href: string, options: { replace?: boolean } = {}): void {
  const target = new URL(href, window.location.href);
  if (target.origin !== window.location.origin) {
    window.location.assign(target.href);
    return;
  }
  const next = target.pathname + target.search + target.hash;
  const current = window.location.pathname + window.location.search + window.location.hash;
  if (next !== current) {
    if (options.replace) window.history.replaceState(null, '', next);
    else window.history.pushState(null, '', next);
  }
  window.dispatchEvent(new Event(CHANGE));
}

export function useLocation(): LocationState {
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const update = () => setLoc(read());
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return loc;
}

/** Click handler for in-app links: plain left clicks route in place, the rest stay native. */
export function onLinkClick(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.currentTarget as HTMLElement).closest('a');
  if (!a || a.target || a.hasAttribute('download')) return;
  const href = a.getAttribute('href');
  if (!href || href.startsWith('/api/') || /^[a-z]+:/i.test(href)) return;
  e.preventDefault();
  navigate(href);
}
