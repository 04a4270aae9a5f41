import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';

/** Thai names of provinces (2-digit codes) and districts (4-digit codes), by code; unknown codes are left out. */
export async function areaNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter((c) => /^\d{2}$|^\d{4}$/.test(c)))];
  if (wanted.length === 0) return new Map();
  const rows = await queryRows<{ code: string; name_th: string }>(
    db,
    sql`select code::text as code, name_th from provinces where code::text in ${sql`(${sql.join(wanted.map((c) => sql`${c}`), sql`, `)})`}
        union all
        select code::text, name_th from districts where code::text in ${sql`(${sql.join(wanted.map((c) => sql`${c}`), sql`, `)})`}`,
  );
  return new Map(rows.map((r) => [r.code.trim(), r.name_th]));
}
