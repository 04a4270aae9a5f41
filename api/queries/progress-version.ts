import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';

/**
 * The version of everything progress depends on for a scope: the province's counter plus the
 * all-provinces one ('*'), or the sum of all counters for the nation. Counters only grow, so
 * a changed sum means something changed.
 */
export async function progressVersion(db: Db, provinceCode: string | null): Promise<number> {
  const [row] = await queryRows<{ v: number | string }>(
    db,
    provinceCode
      ? sql`select coalesce(sum(version), 0)::bigint as v from progress_versions where province_code in (${provinceCode}, '*')`
      : sql`select coalesce(sum(version), 0)::bigint as v from progress_versions`,
  );
  return Number(row?.v ?? 0);
}
