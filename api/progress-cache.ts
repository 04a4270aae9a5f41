import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Db } from '../db/create-db.ts';
import { bangkokDate } from '../domain/timeliness.ts';
import { progress, type ProgressFilter, type ProgressResult } from './queries/progress.ts';
import { progressVersion } from './queries/progress-version.ts';

/**
 * Progress answers reused while nothing they depend on has changed. The key holds the filter,
 * the database's progress version for the scope (raised by triggers in the writing
 * transaction, so every API process sees a change at its next request) and the Bangkok date
 * (days left and step statuses move at midnight). The version is read before the figures, so
 * a cached answer is never older than the version it is filed under. One cache serves one
 * database handle (the progress route's read handle), so version and figures share a source.
 */
export interface ProgressCache {
  get(db: Db, filter: ProgressFilter, now: Date): Promise<ProgressResult>;
  /**
   * The answer as the bytes to send, gzip-compressed when the client accepts it. `asOf` is the
   * request's time to the whole second, so within a second every request for the same answer
   * gets the same bytes, compressed once (the national answer: ≈ 310 KB of JSON, ≈ 13 KB gzip).
   */
  getBody(db: Db, filter: ProgressFilter, now: Date, options: { gzip: boolean }): Promise<ProgressBody>;
  /**
   * Drops the answers of a province (null: every answer), on a committed change announced by
   * the database: memory goes back at once instead of when the entries age out. Correctness
   * does not depend on it — the version in the key already tells a changed scope.
   */
  invalidate(provinceCode: string | null): void;
  readonly stats: { hits: number; misses: number };
}

export interface ProgressBody {
  bytes: Uint8Array;
  encoding: 'gzip' | null;
  /**
   * A strong validator of the figures (filter, version and Bangkok date, not `asOf`): the same
   * while nothing the answer depends on has changed, so a poll can be answered 304.
   */
  etag: string;
}

interface Entry {
  result: ProgressResult;
  etag: string;
  /** The province the answer is about (null: national). */
  provinceCode: string | null;
  /** The result serialised without its leading `asOf`, which each answer sets anew. */
  tail: string;
  /** The last second's rendering, reused by every request within that second. */
  rendered?: { asOf: string; json: Buffer; gzip?: Buffer };
}

export function createProgressCache(options: { maxEntries?: number } = {}): ProgressCache {
  const maxEntries = options.maxEntries ?? 256;
  const entries = new Map<string, Entry>();
  // Concurrent misses for the same key (every client after a write) share one computation.
  const pending = new Map<string, Promise<Entry>>();
  const stats = { hits: 0, misses: 0 };
  const compute = async (db: Db, key: string, provinceCode: string | null, filter: ProgressFilter, now: Date): Promise<Entry> => {
    stats.misses++;
    const result = await progress(db, filter, now);
    const { asOf: _asOf, ...rest } = result;
    const etag = `"${createHash('sha256').update(key).digest('base64url').slice(0, 22)}"`;
    const entry: Entry = { result, etag, provinceCode, tail: JSON.stringify(rest).slice(1) };
    entries.set(key, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    return entry;
  };
  const lookup = async (db: Db, filter: ProgressFilter, now: Date): Promise<Entry> => {
    const provinceCode = filter.districtCode ? filter.districtCode.slice(0, 2) : (filter.provinceCode ?? null);
    const version = await progressVersion(db, provinceCode);
    const key = JSON.stringify([filter.fiscalYear, filter.provinceCode ?? null, filter.districtCode ?? null, filter.detail ?? null, version, bangkokDate(now)]);
    const cached = entries.get(key);
    if (cached) {
      stats.hits++;
      // Most recently used last, so eviction takes the oldest.
      entries.delete(key);
      entries.set(key, cached);
      return cached;
    }
    const inFlight = pending.get(key);
    if (inFlight) return inFlight;
    const computing = compute(db, key, provinceCode, filter, now).finally(() => pending.delete(key));
    pending.set(key, computing);
    return computing;
  };
  const json = (asOf: string, tail: string) => `{"asOf":${JSON.stringify(asOf)}${tail === '}' ? '}' : `,${tail}`}`;
  return {
    stats,
    async get(db, filter, now) {
      const { result } = await lookup(db, filter, now);
      return { ...result, asOf: now.toISOString() };
    },
    async getBody(db, filter, now, { gzip }) {
      const entry = await lookup(db, filter, now);
      const asOf = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString();
      if (entry.rendered?.asOf !== asOf) entry.rendered = { asOf, json: Buffer.from(json(asOf, entry.tail), 'utf8') };
      const rendered = entry.rendered;
      if (!gzip) return { bytes: rendered.json, encoding: null, etag: entry.etag };
      rendered.gzip ??= gzipSync(rendered.json, { level: 6 });
      return { bytes: rendered.gzip, encoding: 'gzip', etag: entry.etag };
    },
    invalidate(provinceCode) {
      for (const [key, entry] of entries) {
        if (provinceCode === null || entry.provinceCode === null || entry.provinceCode === provinceCode) entries.delete(key);
      }
    },
  };
}
