import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api/client.ts';
import { useLiveGeneration } from './live-updates.ts';

export interface ResourceOptions {
  /**
   * false: the data does not change with registration data (map outlines, the plan's
   * calendar), so a live update or the refresh button does not load it again — the map was
   * re-fetched and redrawn on every event.
   */
  live?: boolean;
}

/** The live generation a resource follows: a resource that opted out stays on 0, so a live update never reloads it. */
export function followedGeneration(generation: number, options: ResourceOptions = {}): number {
  return options.live === false ? 0 : generation;
}

export interface Resource<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data for a key (usually the request URL): a new key aborts the previous request, and
 * a late answer for an old key is dropped. key null means "nothing to load yet". When the
 * page's live updates say something on screen changed, it loads again, keeping the data it
 * shows until the new answer is in — unless it opted out with `{ live: false }`.
 */
export function useResource<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>, options: ResourceOptions = {}): Resource<T> {
  const [state, setState] = useState<{ key: string | null; data: T | null; error: ApiError | null; loading: boolean }>({
    key: null,
    data: null,
    error: null,
    loading: key !== null,
  });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const { live, generation: liveGeneration } = useLiveGeneration();
  const generation = followedGeneration(liveGeneration, options);

  useEffect(() => {
    if (key === null) {
      setState({ key, data: null, error: null, loading: false });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ key, data: s.key === key ? s.data : null, error: null, loading: true }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        setState({ key, data, error: null, loading: false });
        live.loaded();
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        const error = err instanceof ApiError ? err : new ApiError({ type: 'about:blank', status: 0, title: String(err), titleTh: String(err) });
        setState({ key, data: null, error, loading: false });
      },
    );
    return () => controller.abort();
  }, [key, tick, generation]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
