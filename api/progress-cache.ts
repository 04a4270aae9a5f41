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
  readonly stats: { hits: number; misses: number };
}

export function createProgressCache(options: { maxEntries?: number } = {}): ProgressCache {
  const maxEntries = options.maxEntries ?? 256;
  const entries = new Map<string, ProgressResult>();
  const stats = { hits: 0, misses: 0 };
  return {
    stats,
    async get(db, filter, now) {
      const provinceCode = filter.districtCode ? filter.districtCode.slice(0, 2) : (filter.provinceCode ?? null);
      const version = await progressVersion(db, provinceCode);
      const key = JSON.stringify([filter.fiscalYear, filter.provinceCode ?? null, filter.districtCode ?? null, filter.detail ?? null, version, bangkokDate(now)]);
      const cached = entries.get(key);
      if (cached) {
        stats.hits++;
        // Most recently used last, so eviction takes the oldest.
        entries.delete(key);
        entries.set(key, cached);
        return { ...cached, asOf: now.toISOString() };
      }
      stats.misses++;
      const result = await progress(db, filter, now);
      entries.set(key, result);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return result;
    },
  };
}
