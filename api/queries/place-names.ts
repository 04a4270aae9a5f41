import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';

/**
 * The Thai names of every province, district and subdistrict in the geography tables, each
 * once: the names the official forms' line breaker must never split (reports/typeset).
 */
export async function placeNames(db: Db): Promise<string[]> {
  const rows = await queryRows<{ name_th: string }>(
    db,
    sql`select name_th from provinces
        union
        select name_th from districts
        union
        select name_th from subdistricts`,
  );
  return rows.map((r) => r.name_th);
}
