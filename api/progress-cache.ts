import type { Db } from '../db/create-db.ts';
import { bangkokDate } from '../domain/timeliness.ts';
import { progress, type ProgressFilter, type ProgressResult } from './queries/progress.ts';
import { progressVersion } from './queries/progress-version.ts';

/**
 * Progress answers reused while nothing they depend on has changed. The key holds the filter,
 * the database's progress version for the scope (raised by triggers in the writing
 * transaction, so every API process sees a change at its next request) and the Bangkok date
 * (days left and step statuses move at midnight). The version is read before the figures, so
 * a cached answer is never older than the version it is filed under.
 */
export interface ProgressCache {
  get(db: Db, filter: ProgressFilter, now: Date): Promise<ProgressResult>;
  /** The same answer as JSON text; a hit costs no serialisation (the national answer is large). */
  getJson(db: Db, filter: ProgressFilter, now: Date): Promise<string>;
  readonly stats: { hits: number; misses: number };
}

interface Entry {
  result: ProgressResult;
  /** The result serialised without its leading `asOf`, which each answer sets anew. */
  tail: string;
}

export function createProgressCache(options: { maxEntries?: number } = {}): ProgressCache {
  const maxEntries = options.maxEntries ?? 256;
  const entries = new Map<string, Entry>();
  const stats = { hits: 0, misses: 0 };
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
    stats.misses++;
    const result = await progress(db, filter, now);
    const { asOf: _asOf, ...rest } = result;
    const entry = { result, tail: JSON.stringify(rest).slice(1) };
    entries.set(key, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    return entry;
  };
  return {
    stats,
    async get(db, filter, now) {
      const { result } = await lookup(db, filter, now);
      return { ...result, asOf: now.toISOString() };
    },
    async getJson(db, filter, now) {
      const { tail } = await lookup(db, filter, now);
      return `{"asOf":${JSON.stringify(now.toISOString())}${tail === '}' ? '}' : `,${tail}`}`;
    },
  };
}
