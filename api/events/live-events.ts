import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import type postgres from 'postgres';
import { engineOf, type Db } from '../../db/create-db.ts';
import { parseLiveEventPayload, type LiveEvent } from './live-event.ts';

/** The channel the triggers of migration live_events notify on. */
export const LIVE_EVENTS_CHANNEL = 'otop_events';

/** start() after close(): the process is shutting down. */
export class LiveEventsClosedError extends Error {
  constructor() {
    super('live events closed: the process is shutting down');
  }
}

export interface LiveEventsOptions {
  /** The primary (notifications are sent where the writes commit, never on a replica). */
  db: Db;
  /** Events kept for replay after a reconnect (`Last-Event-ID`); older ids are told to refresh. */
  bufferSize?: number;
  /** Open event streams one account may hold (tabs of one browser, a few devices). */
  maxStreamsPerUser?: number;
  /** A comment line this often, so proxies and browsers keep an idle stream open. */
  heartbeatMs?: number;
  /**
   * A stream is ended after this long; the browser reconnects at once with `Last-Event-ID`,
   * which passes the session check again (a signed-out or expired session stops hearing).
   */
  maxStreamMs?: number;
}

export interface LiveSubscriber {
  event(e: LiveEvent): void;
  /** Changes may have been missed (the database connection was re-established): reload all. */
  refresh(): void;
  /** The process is shutting down: end the stream. */
  close(): void;
}

/**
 * The API process's end of PostgreSQL LISTEN/NOTIFY (on the embedded engine, PGlite's own
 * in-process listen): every committed change the triggers announce is numbered, kept in a
 * small buffer for reconnects and passed to every open event stream, whichever process wrote
 * it. Listening starts with the first stream, so a process nobody watches holds no extra
 * connection.
 */
export interface LiveEvents {
  readonly heartbeatMs: number;
  readonly maxStreamMs: number;
  /** Resolves once the database listens (idempotent). */
  start(): Promise<void>;
  /**
   * Subscribes, and in the same turn answers what a reconnecting client missed since
   * `lastEventId`: the events after it, or 'refresh' when they are no longer (or never were)
   * in this process's buffer. `current` is the id to announce as the stream's position.
   */
  subscribe(subscriber: LiveSubscriber, lastEventId?: string | null): { missed: LiveEvent[] | 'refresh' | null; current: string; unsubscribe: () => void };
  /** Takes one of the user's stream slots; null when all are taken. */
  claim(userId: string): (() => void) | null;
  /** Stops listening and ends every open stream (shutdown). */
  close(): Promise<void>;
}

export function createLiveEvents(options: LiveEventsOptions): LiveEvents {
  const bufferSize = options.bufferSize ?? 256;
  const maxStreamsPerUser = options.maxStreamsPerUser ?? 6;
  // Ids of this process: a reconnect carrying another process's id is told to refresh.
  const processId = randomBytes(4).toString('hex');
  let seq = 0;
  const buffer: LiveEvent[] = [];
  const subscribers = new Set<LiveSubscriber>();
  const streamsOf = new Map<string, number>();
  let listening: Promise<void> | null = null;
  let stop: (() => Promise<void>) | null = null;
  let closed = false;

  const idOf = (n: number) => `${processId}-${n}`;
  const publish = (payload: string) => {
    const change = parseLiveEventPayload(payload);
    if (!change) return;
    const e: LiveEvent = { id: idOf(++seq), ...change };
    buffer.push(e);
    if (buffer.length > bufferSize) buffer.shift();
    for (const s of subscribers) s.event(e);
  };
  const refreshAll = () => {
    for (const s of subscribers) s.refresh();
  };

  const listen = async (): Promise<void> => {
    if (engineOf(options.db) === 'pglite') {
      const client = options.db.$client as PGlite;
      const unlisten = await client.listen(LIVE_EVENTS_CHANNEL, publish);
      stop = () => unlisten();
      return;
    }
    const client = options.db.$client as postgres.Sql;
    let first = true;
    // postgres.js keeps one dedicated connection for LISTEN and re-listens after losing it;
    // whatever was notified in between is lost, so every stream is told to reload.
    const meta = await client.listen(LIVE_EVENTS_CHANNEL, publish, () => {
      if (!first) refreshAll();
      first = false;
    });
    stop = () => meta.unlisten();
  };

  const replay = (lastEventId: string): LiveEvent[] | 'refresh' => {
    const m = /^([0-9a-f]{8})-(\d{1,15})$/.exec(lastEventId.trim());
    if (!m || m[1] !== processId) return 'refresh';
    const after = Number(m[2]);
    if (after > seq) return 'refresh';
    const oldest = buffer[0] ? Number(buffer[0].id.split('-')[1]) : seq + 1;
    // Every event after `after` must still be in the buffer.
    if (after + 1 < oldest) return 'refresh';
    return buffer.filter((e) => Number(e.id.split('-')[1]) > after);
  };

  return {
    heartbeatMs: options.heartbeatMs ?? 25_000,
    maxStreamMs: options.maxStreamMs ?? 5 * 60_000,
    start() {
      if (closed) return Promise.reject(new LiveEventsClosedError());
      listening ??= listen().catch((err: unknown) => {
        listening = null;
        throw err;
      });
      return listening;
    },
    subscribe(subscriber, lastEventId) {
      subscribers.add(subscriber);
      const missed = lastEventId ? replay(lastEventId) : null;
      return { missed, current: idOf(seq), unsubscribe: () => void subscribers.delete(subscriber) };
    },
    claim(userId) {
      const open = streamsOf.get(userId) ?? 0;
      if (open >= maxStreamsPerUser) return null;
      streamsOf.set(userId, open + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (streamsOf.get(userId) ?? 1) - 1;
        if (left > 0) streamsOf.set(userId, left);
        else streamsOf.delete(userId);
      };
    },
    async close() {
      closed = true;
      for (const s of [...subscribers]) s.close();
      subscribers.clear();
      await listening?.catch(() => {});
      const stopping = stop;
      stop = null;
      await stopping?.().catch(() => {});
    },
  };
}
