import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useApp } from '../app-context.ts';

/** The page's h1 (focus target after navigation) and the document title that goes with it. */
export function PageHeading({ title, children }: { title: string; children?: ComponentChildren }) {
  const { t } = useApp();
  useEffect(() => {
    document.title = `${title} · ${t.appShort}`;
  }, [title, t.appShort]);
  return (
    <div class="page-heading">
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </div>
  );
}
