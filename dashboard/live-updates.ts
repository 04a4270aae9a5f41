import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';

/** What the page on screen shows: a fiscal year of a province, a district, or the nation. */
export interface LiveScope {
  fy: number;
  province?: string | null;
  district?: string | null;
}

/** A change as /api/events sends it (api/routes/event-routes.ts). */
export interface LiveChange {
  kind: string;
  fiscalYear: number | null;
  quarter: number | null;
  province: string | null;
  district: string | null;
}

/** live: the event stream is open; polling: events are blocked, progress is polled by ETag. */
export type LiveMode = 'off' | 'connecting' | 'live' | 'polling';

export interface LiveSnapshot {
  generation: number;
  lastLoaded: Date | null;
  mode: LiveMode;
}

/**
 * The page's data kept current without a reload: while a page watches a scope, the API's
 * event stream (or, when a proxy blocks it, a poll of the scope's progress by ETag) says when
 * something on screen changed, and `generation` moves on — every `useResource` of the page
 * loads again. One stream per tab, opened only while a page watches.
 */
export interface LiveUpdates {
  snapshot(): LiveSnapshot;
  /** Called on any change of the snapshot. */
  subscribe(listener: () => void): () => void;
  /** Load the page's data again now (the refresh button). */
  refresh(): void;
  /** A resource of the page finished loading (the "updated hh.mm" time). */
  loaded(): void;
  /** The page shows this scope; the returned function stops watching. */
  watch(scope: LiveScope): () => void;
}

export interface LiveUpdatesOptions {
  eventSource?: (url: string) => EventSource;
  fetch?: typeof fetch;
  /** How often to poll when events are blocked. */
  pollMs?: number;
  /** How long to wait for the stream's `ready` before polling (a buffering proxy). */
  readyTimeoutMs?: number;
  /** Changes arriving together (a load touches several rows) cause one reload. */
  debounceMs?: number;
  /** After the stream was refused (429, a proxy), how long before trying it again. */
  retryStreamMs?: number;
  now?: () => Date;
}

/** Whether a change concerns the scope on screen (a national change concerns every page). */
export function changeConcerns(scope: LiveScope, e: LiveChange): boolean {
  if (e.fiscalYear !== null && e.fiscalYear !== scope.fy) return false;
  const province = scope.province ?? (scope.district ? scope.district.slice(0, 2) : null);
  if (e.province !== null && province && e.province !== province) return false;
  if (e.district !== null && scope.district && e.district !== scope.district) return false;
  return true;
}

/** The progress request whose ETag tells whether the scope changed (the polling fallback). */
export function progressPollUrl(scope: LiveScope): string {
  const q = new URLSearchParams({ fy: String(scope.fy) });
  if (scope.district) q.set('district', scope.district);
  else if (scope.province) q.set('province', scope.province);
  return `/api/progress?${q.toString()}`;
}

export function createLiveUpdates(options: LiveUpdatesOptions = {}): LiveUpdates {
  const openStream = options.eventSource ?? ((url: string) => new EventSource(url));
  const get = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const pollMs = options.pollMs ?? 10_000;
  const readyTimeoutMs = options.readyTimeoutMs ?? 8_000;
  const debounceMs = options.debounceMs ?? 250;
  const retryStreamMs = options.retryStreamMs ?? 60_000;
  const now = options.now ?? (() => new Date());

  let snap: LiveSnapshot = { generation: 0, lastLoaded: null, mode: 'off' };
  const listeners = new Set<() => void>();
  let scope: LiveScope | null = null;
  let stream: EventSource | null = null;
  let readyTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pollTimer: ReturnType<typeof setInterval> | undefined;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  let etag: string | null = null;

  const set = (next: Partial<LiveSnapshot>) => {
    snap = { ...snap, ...next };
    for (const l of listeners) l();
  };
  const reload = () => {
    clearTimeout(debounce);
    debounce = undefined;
    set({ generation: snap.generation + 1 });
  };
  const schedule = () => {
    if (debounce === undefined) debounce = setTimeout(reload, debounceMs);
  };

  const poll = async () => {
    const watching = scope;
    if (!watching) return;
    try {
      const res = await get(progressPollUrl(watching), { headers: etag ? { 'if-none-match': etag } : {}, credentials: 'same-origin' });
      if (watching !== scope) return;
      const tag = res.headers.get('etag');
      // Signed out or no longer allowed: the page's own next request shows why; stop asking.
      if (res.status === 401 || res.status === 403) stopPolling();
      if (res.status === 200) {
        void res.body?.cancel();
        if (etag !== null && tag !== etag) schedule();
        etag = tag;
      }
    } catch {
      // offline for a moment: the next poll tries again
    }
  };
  const startPolling = () => {
    if (pollTimer !== undefined) return;
    set({ mode: 'polling' });
    etag = null;
    void poll();
    pollTimer = setInterval(() => void poll(), pollMs);
  };
  const stopPolling = () => {
    clearInterval(pollTimer);
    pollTimer = undefined;
  };

  const connect = () => {
    clearTimeout(retryTimer);
    if (stream) return;
    const es = openStream('/api/events');
    stream = es;
    if (snap.mode === 'off') set({ mode: 'connecting' });
    readyTimer = setTimeout(startPolling, readyTimeoutMs);
    es.addEventListener('ready', () => {
      clearTimeout(readyTimer);
      stopPolling();
      set({ mode: 'live' });
    });
    es.addEventListener('change', (ev) => {
      let change: LiveChange;
      try {
        change = JSON.parse((ev as MessageEvent<string>).data) as LiveChange;
      } catch {
        return;
      }
      if (scope && changeConcerns(scope, change)) schedule();
    });
    es.addEventListener('refresh', schedule);
    es.addEventListener('error', () => {
      // CONNECTING: the browser reconnects by itself (with Last-Event-ID). CLOSED: the answer
      // was not a stream (429 too many tabs, a proxy's page, signed out): poll, try later.
      if (es.readyState === 2) {
        if (stream === es) stream = null;
        clearTimeout(readyTimer);
        startPolling();
        retryTimer = setTimeout(() => scope && connect(), retryStreamMs);
      } else if (snap.mode === 'live') set({ mode: 'connecting' });
    });
  };
  const disconnect = () => {
    stream?.close();
    stream = null;
    clearTimeout(readyTimer);
    clearTimeout(retryTimer);
    clearTimeout(debounce);
    debounce = undefined;
    stopPolling();
    set({ mode: 'off' });
  };

  return {
    snapshot: () => snap,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    refresh: reload,
    loaded: () => set({ lastLoaded: now() }),
    watch(next) {
      scope = next;
      etag = null;
      connect();
      return () => {
        if (scope !== next) return;
        scope = null;
        // The next page (or the same page with another year) usually watches at once: keep the
        // stream unless nothing watches after this turn.
        setTimeout(() => scope === null && disconnect(), 0);
      };
    },
  };
}

/** Outside a provider (tests of single components): nothing is live, nothing reloads. */
const INERT: LiveUpdates = {
  snapshot: () => ({ generation: 0, lastLoaded: null, mode: 'off' }),
  subscribe: () => () => {},
  refresh: () => {},
  loaded: () => {},
  watch: () => () => {},
};

export const LiveContext = createContext<LiveUpdates>(INERT);

/** The generation alone: a resource re-renders when its page must reload, not on every load. */
export function useLiveGeneration(): { live: LiveUpdates; generation: number } {
  const live = useContext(LiveContext);
  const [generation, setGeneration] = useState(() => live.snapshot().generation);
  useEffect(() => live.subscribe(() => setGeneration(live.snapshot().generation)), [live]);
  return { live, generation };
}

/** The live snapshot, re-rendering the caller when it changes. */
export function useLiveSnapshot(): { live: LiveUpdates; snapshot: LiveSnapshot } {
  const live = useContext(LiveContext);
  const [snapshot, setSnapshot] = useState(live.snapshot);
  useEffect(() => {
    setSnapshot(live.snapshot());
    return live.subscribe(() => setSnapshot(live.snapshot()));
  }, [live]);
  return { live, snapshot };
}
