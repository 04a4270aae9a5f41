import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { perDb } from '../../db/per-db.ts';
import { progressVersions } from '../../db/schema/index.ts';

const total = sql<string | number>`coalesce(sum(${progressVersions.version}), 0)::bigint`;

// Read before every progress answer: prepared once per handle.
const provinceVersionQuery = perDb((db) =>
  db
    .select({ v: total })
    .from(progressVersions)
    .where(inArray(progressVersions.provinceCode, [sql.placeholder('province'), '*']))
    .prepare('otop_progress_version_province'),
);
const nationVersionQuery = perDb((db) => db.select({ v: total }).from(progressVersions).prepare('otop_progress_version_nation'));

/**
 * The version of everything progress depends on for a scope: the province's counter plus the
 * all-provinces one ('*'), or the sum of all counters for the nation. Counters only grow, so
 * a changed sum means something changed.
 */
export async function progressVersion(db: Db, provinceCode: string | null): Promise<number> {
  const [row] = provinceCode
    ? await provinceVersionQuery(db).execute({ province: provinceCode })
    : await nationVersionQuery(db).execute();
  return Number(row?.v ?? 0);
}
