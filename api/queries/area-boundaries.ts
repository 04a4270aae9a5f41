import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import type { AreaGeometry } from '../../domain/boundary-geometry.ts';

export interface AreaBoundary {
  code: string;
  nameTh: string;
  nameEn: string;
  provinceCode: string;
  /** Null when no outline is on record for the area. */
  geometry: AreaGeometry | null;
  label: [number, number] | null;
}

/**
 * The outlines of an area set: the districts of one province (optionally one district), or every
 * province. Areas without an outline come back with `geometry: null`, so a map can list them.
 */
export async function areaBoundaries(
  db: Db,
  area: { level: 'district'; provinceCode: string; districtCode?: string | undefined } | { level: 'province' },
): Promise<AreaBoundary[]> {
  const rows = area.level === 'province'
    ? await queryRows<{ code: string; name_th: string; name_en: string; province_code: string; geometry: unknown; label_lon: number | null; label_lat: number | null }>(db, sql`
        select p.code::text as code, p.name_th, p.name_en, p.code::text as province_code, b.geometry, b.label_lon, b.label_lat
        from provinces p
        left join area_boundaries b on b.level = 'province' and b.code = p.code::text
        order by p.code`)
    : await queryRows<{ code: string; name_th: string; name_en: string; province_code: string; geometry: unknown; label_lon: number | null; label_lat: number | null }>(db, sql`
        select d.code::text as code, d.name_th, d.name_en, d.province_code::text as province_code, b.geometry, b.label_lon, b.label_lat
        from districts d
        left join area_boundaries b on b.level = 'district' and b.code = d.code::text
        where d.province_code = ${area.provinceCode}
          ${area.districtCode ? sql`and d.code = ${area.districtCode}` : sql``}
        order by d.code`);
  return rows.map((r) => ({
    code: r.code.trim(),
    nameTh: r.name_th,
    nameEn: r.name_en,
    provinceCode: r.province_code.trim(),
    geometry: r.geometry === null ? null : (typeof r.geometry === 'string' ? JSON.parse(r.geometry) : r.geometry) as AreaGeometry,
    label: r.label_lon === null || r.label_lat === null ? null : [Number(r.label_lon), Number(r.label_lat)],
  }));
}
