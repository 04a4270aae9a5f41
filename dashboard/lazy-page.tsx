import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading, ProblemMessage } from './components/status.tsx';
import { syntheticProblem } from './api/client.ts';

/**
 * A page loaded on first visit (its own chunk). Pages with charts pull ECharts in this way,
 * so the first script stays small.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> & { preload(): void } {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  // Started at boot for the page the URL names, beside GET /api/me rather than after it.
  const preload = () => {
    pending ??= load().then(
      (c) => (loaded = c),
      (err: unknown) => {
        pending = null;
        throw err;
      },
    );
    pending.catch(() => undefined);
  };
  return Object.assign(function LazyPage(props: P) {
    const [Page, setPage] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Page) return;
      pending ??= load();
      pending.then(
        (c) => {
          loaded = c;
          setPage(() => c);
        },
        () => {
          pending = null;
          setFailed(true);
        },
      );
    }, [Page, failed]);
    if (failed) return <ProblemMessage problem={syntheticProblem(0)} onRetry={() => setFailed(false)} />;
    return Page ? <Page {...props} /> : <Loading />;
  }, { preload });
}
