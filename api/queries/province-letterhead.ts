import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';

export interface ProvinceLetterhead {
  code: string;
  nameTh: string;
  /** The capital district (code ending 01), where the provincial hall stands. */
  capitalDistrictNameTh: string | null;
  postalCode: string | null;
  districts: number;
}

/** What a provincial letter's head needs: the province's name and its capital district's postal code; null when unknown. */
export async function provinceLetterhead(db: Db, provinceCode: string): Promise<ProvinceLetterhead | null> {
  const [row] = await queryRows<{ code: string; name_th: string; capital: string | null; postal_code: string | null; districts: number }>(
    db,
    sql`select p.code, p.name_th, d.name_th as capital, d.postal_code,
               (select count(*)::int from districts x where x.province_code = p.code) as districts
        from provinces p
        left join districts d on d.code = p.code || '01'
        where p.code = ${provinceCode}`,
  );
  if (!row) return null;
  return {
    code: row.code.trim(),
    nameTh: row.name_th,
    capitalDistrictNameTh: row.capital,
    postalCode: row.postal_code?.trim() ?? null,
    districts: Number(row.districts),
  };
}
