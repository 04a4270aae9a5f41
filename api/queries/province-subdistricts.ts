import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { districts, provinces, subdistricts } from '../../db/schema/index.ts';

export interface ProvinceDistrictSubdistricts {
  code: string;
  nameTh: string;
  subdistricts: { code: string; nameTh: string }[];
}

/** Every district of a province with its subdistricts, in code order (the blank forms' rows). */
export async function provinceSubdistricts(db: Db, provinceCode: string): Promise<{ provinceNameTh: string | null; districts: ProvinceDistrictSubdistricts[] }> {
  const rows = await db
    .select({ provinceNameTh: provinces.nameTh, code: districts.code, nameTh: districts.nameTh, subCode: subdistricts.code, subNameTh: subdistricts.nameTh })
    .from(districts)
    .innerJoin(provinces, eq(provinces.code, districts.provinceCode))
    .leftJoin(subdistricts, eq(subdistricts.districtCode, districts.code))
    .where(eq(districts.provinceCode, provinceCode))
    .orderBy(asc(districts.code), asc(subdistricts.code));
  const out = new Map<string, ProvinceDistrictSubdistricts>();
  for (const r of rows) {
    let d = out.get(r.code);
    if (!d) out.set(r.code, (d = { code: r.code, nameTh: r.nameTh, subdistricts: [] }));
    if (r.subCode && r.subNameTh) d.subdistricts.push({ code: r.subCode, nameTh: r.subNameTh });
  }
  return { provinceNameTh: rows[0]?.provinceNameTh ?? null, districts: [...out.values()] };
}
