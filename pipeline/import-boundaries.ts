import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import { queryRows } from '../db/query-rows.ts';
import { recordAudit, type AuditActor } from '../db/record-audit.ts';
import { isGeometryRefusal, labelPoint, readAreaGeometry, type AreaGeometry } from '../domain/boundary-geometry.ts';
import { normalizeText } from '../domain/normalize-text.ts';

/**
 * Boundary files in the shape of the OCHA COD-AB GeoJSON (`../shared/geo/boundaries/`): a
 * FeatureCollection whose features carry `adm1_pcode` ("TH38") for provinces and `adm2_pcode`
 * ("TH3801") for districts. Plain codes ("38", "3801", or `code`) are read too.
 */
export interface BoundaryFiles {
  provinces?: { data: unknown; source: string } | undefined;
  districts?: { data: unknown; source: string } | undefined;
}

export interface BoundaryProblem {
  file: 'provinces' | 'districts';
  /** 1-based position of the feature in the file. */
  index: number;
  code: string | null;
  message: { th: string; en: string };
}

export interface BoundaryLevelImport {
  /** Features in the file, including those refused (listed in `problems`). */
  read: number;
  inserted: number;
  /** Outline differed from the one on record and was replaced. */
  replaced: number;
  unchanged: number;
  /** Features whose area the database does not hold (listed in `withoutArea`). */
  notInDatabase: number;
}

export interface BoundaryImportResult {
  provinces: BoundaryLevelImport | null;
  districts: BoundaryLevelImport | null;
  /** Areas of the database (at the levels imported) that have no boundary after the import. */
  withoutBoundary: Array<{ level: 'province' | 'district'; code: string; nameTh: string }>;
  /** Features of the files whose code is no area of the database: not imported. */
  withoutArea: Array<{ level: 'province' | 'district'; code: string; nameTh: string | null }>;
  problems: BoundaryProblem[];
}

type Level = 'province' | 'district';

interface Parsed {
  code: string;
  nameTh: string | null;
  geometry: AreaGeometry;
}

function featureCode(props: Record<string, unknown>, level: Level): string | null {
  const raw = level === 'province'
    ? props['adm1_pcode'] ?? props['code'] ?? props['province_code']
    : props['adm2_pcode'] ?? props['code'] ?? props['district_code'];
  const s = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? normalizeText(raw).value.toUpperCase() : '';
  const digits = s.startsWith('TH') ? s.slice(2) : s;
  return (level === 'province' ? /^\d{2}$/ : /^\d{4}$/).test(digits) ? digits : null;
}

function parseFeatures(data: unknown, level: Level, file: 'provinces' | 'districts', problems: BoundaryProblem[]): { features: Parsed[]; read: number } {
  const features = data !== null && typeof data === 'object' && (data as { type?: unknown }).type === 'FeatureCollection'
    ? (data as { features?: unknown }).features
    : undefined;
  if (!Array.isArray(features)) {
    problems.push({
      file, index: 0, code: null,
      message: { th: 'ไฟล์ไม่ใช่ GeoJSON FeatureCollection', en: 'the file is not a GeoJSON FeatureCollection' },
    });
    return { features: [], read: 0 };
  }
  const out = new Map<string, Parsed>();
  features.forEach((feature, i) => {
    const props = (feature !== null && typeof feature === 'object' ? (feature as { properties?: unknown }).properties : null) ?? {};
    const code = featureCode(props as Record<string, unknown>, level);
    if (code === null) {
      problems.push({
        file, index: i + 1, code: null,
        message: level === 'province'
          ? { th: 'ไม่พบรหัสจังหวัด 2 หลัก (adm1_pcode เช่น TH38)', en: 'no 2-digit province code (adm1_pcode such as TH38)' }
          : { th: 'ไม่พบรหัสอำเภอ 4 หลัก (adm2_pcode เช่น TH3801)', en: 'no 4-digit district code (adm2_pcode such as TH3801)' },
      });
      return;
    }
    const geometry = readAreaGeometry((feature as { geometry?: unknown }).geometry);
    if (isGeometryRefusal(geometry)) {
      problems.push({ file, index: i + 1, code, message: geometry });
      return;
    }
    if (out.has(code)) {
      problems.push({
        file, index: i + 1, code,
        message: { th: `รหัส ${code} ซ้ำกับรายการก่อนหน้าในไฟล์ ใช้รายการแรก`, en: `code ${code} repeats an earlier feature of the file; the first is kept` },
      });
      return;
    }
    const p = props as Record<string, unknown>;
    const name = level === 'province' ? p['adm1_th'] ?? p['name_th'] : p['adm2_th'] ?? p['name_th'];
    out.set(code, { code, nameTh: typeof name === 'string' ? normalizeText(name).value : null, geometry });
  });
  return { features: [...out.values()], read: features.length };
}

/**
 * Outlines written per statement: one round trip per area made a national import (928 districts)
 * take seconds; the byte bound keeps a statement of detailed outlines to a few MB.
 */
const WRITE_ROWS = 200;
const WRITE_BYTES = 4 * 2 ** 20;

/** One multi-row upsert of `(level, code, province_code, geometry, label_lon, label_lat, source)` tuples. */
async function writeBoundaries(tx: Db, rows: SQL[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into area_boundaries (level, code, province_code, geometry, label_lon, label_lat, source)
    values ${sql.join(rows, sql`, `)}
    on conflict (level, code) do update set
      province_code = excluded.province_code, geometry = excluded.geometry,
      label_lon = excluded.label_lon, label_lat = excluded.label_lat,
      source = excluded.source, imported_at = now()`);
}

async function importLevel(
  tx: Db,
  level: Level,
  { features, read }: { features: Parsed[]; read: number },
  source: string,
  withoutArea: BoundaryImportResult['withoutArea'],
): Promise<BoundaryLevelImport> {
  const known = await queryRows<{ code: string; province_code: string }>(
    tx,
    level === 'province'
      ? sql`select code::text as code, code::text as province_code from provinces`
      : sql`select code::text as code, province_code::text as province_code from districts`,
  );
  const provinceOf = new Map(known.map((r) => [r.code.trim(), r.province_code.trim()]));
  const existing = await queryRows<{ code: string; geometry: unknown }>(
    tx, sql`select code, geometry from area_boundaries where level = ${level}`,
  );
  const before = new Map(existing.map((r) => [r.code, JSON.stringify(typeof r.geometry === 'string' ? JSON.parse(r.geometry) : r.geometry)]));
  const result: BoundaryLevelImport = { read, inserted: 0, replaced: 0, unchanged: 0, notInDatabase: 0 };
  const writes: SQL[] = [];
  let writeBytes = 0;
  for (const f of features) {
    const provinceCode = provinceOf.get(f.code);
    if (provinceCode === undefined) {
      result.notInDatabase++;
      withoutArea.push({ level, code: f.code, nameTh: f.nameTh });
      continue;
    }
    const json = JSON.stringify(f.geometry);
    const previous = before.get(f.code);
    if (previous === json) {
      result.unchanged++;
      continue;
    }
    const [lon, lat] = labelPoint(f.geometry);
    writes.push(sql`(${level}, ${f.code}, ${provinceCode}, ${json}::jsonb, ${lon}, ${lat}, ${source})`);
    writeBytes += json.length;
    if (writes.length >= WRITE_ROWS || writeBytes >= WRITE_BYTES) {
      await writeBoundaries(tx, writes.splice(0));
      writeBytes = 0;
    }
    if (previous === undefined) result.inserted++;
    else result.replaced++;
  }
  await writeBoundaries(tx, writes);
  return result;
}

/**
 * Imports province and/or district outlines for the areas the database holds, in one
 * transaction. Idempotent: an outline equal to the one on record is left as it is. Features of
 * areas the database does not know are not imported and are listed; areas with no outline after
 * the import are listed too (a district created after the boundary data was drawn has none, and
 * the maps say so rather than guess).
 */
export async function importBoundaries(
  db: Db,
  files: BoundaryFiles,
  options: { actor: AuditActor },
): Promise<BoundaryImportResult> {
  const problems: BoundaryProblem[] = [];
  const parsed = {
    province: files.provinces ? parseFeatures(files.provinces.data, 'province', 'provinces', problems) : null,
    district: files.districts ? parseFeatures(files.districts.data, 'district', 'districts', problems) : null,
  };
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const withoutArea: BoundaryImportResult['withoutArea'] = [];
    const provinces = parsed.province ? await importLevel(tx, 'province', parsed.province, files.provinces!.source, withoutArea) : null;
    const districts = parsed.district ? await importLevel(tx, 'district', parsed.district, files.districts!.source, withoutArea) : null;
    const levels = [...(provinces ? ['province'] : []), ...(districts ? ['district'] : [])];
    const withoutBoundary: BoundaryImportResult['withoutBoundary'] = [];
    if (levels.includes('province')) {
      const rows = await queryRows<{ code: string; name_th: string }>(tx, sql`
        select p.code::text as code, p.name_th from provinces p
        where not exists (select 1 from area_boundaries b where b.level = 'province' and b.code = p.code::text)
        order by p.code`);
      for (const r of rows) withoutBoundary.push({ level: 'province', code: r.code.trim(), nameTh: r.name_th });
    }
    if (levels.includes('district')) {
      const rows = await queryRows<{ code: string; name_th: string }>(tx, sql`
        select d.code::text as code, d.name_th from districts d
        where not exists (select 1 from area_boundaries b where b.level = 'district' and b.code = d.code::text)
        order by d.code`);
      for (const r of rows) withoutBoundary.push({ level: 'district', code: r.code.trim(), nameTh: r.name_th });
    }
    const changed = (provinces?.inserted ?? 0) + (provinces?.replaced ?? 0) + (districts?.inserted ?? 0) + (districts?.replaced ?? 0);
    if (changed > 0) {
      await recordAudit(tx, {
        actor: options.actor,
        action: 'geography.boundaries',
        details: {
          provinces, districts,
          sources: [files.provinces?.source, files.districts?.source].filter(Boolean),
          withoutBoundary: withoutBoundary.length,
          withoutArea: withoutArea.length,
        },
      });
    }
    return { provinces, districts, withoutBoundary, withoutArea, problems };
  });
}
