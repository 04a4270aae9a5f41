import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';

/** Whose place names a document can print: one province's, or (no code) the nation's. */
export interface PlaceNameScope {
  provinceCode?: string | null | undefined;
}

/**
 * The Thai names the official forms' line breaker must never split (reports/typeset), each
 * once, for the places a document of `scope` can name: every province, and then either one
 * province's districts and subdistricts (its villages are named after them) or, for the
 * nation, every district. A province's document reads about a hundred names instead of the
 * country's 8,400 (the province report form's render budget is 200 ms).
 */
export async function placeNames(db: Db, scope: PlaceNameScope = {}): Promise<string[]> {
  const province = scope.provinceCode?.slice(0, 2) ?? null;
  const rows = await queryRows<{ name_th: string }>(
    db,
    province === null
      ? sql`select name_th from provinces
            union
            select name_th from districts`
      : sql`select name_th from provinces
            union
            select name_th from districts where province_code = ${province}
            union
            select s.name_th from subdistricts s join districts d on d.code = s.district_code where d.province_code = ${province}`,
  );
  return rows.map((r) => r.name_th);
}
