import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import { recordAudit, type AuditActor } from '../db/record-audit.ts';
import { districts, provinces, subdistricts } from '../db/schema/index.ts';
import { normalizeText } from '../domain/normalize-text.ts';

/**
 * Input rows in the shape of the public thailand-geography-json files (and of DOPA's
 * location-code list once converted): codes as numbers or strings, Thai and English names,
 * postal codes. Unknown fields are ignored.
 */
export interface GeographyFiles {
  provinces: unknown[];
  districts: unknown[];
  subdistricts: unknown[];
}

export interface GeographyProblem {
  file: 'provinces' | 'districts' | 'subdistricts';
  /** 1-based position in the file's array. */
  index: number;
  code: string | null;
  message: string;
}

export interface TableImport {
  read: number;
  inserted: number;
  /** Existing rows whose Thai name differed (the file's Thai name wins). */
  renamed: number;
  /** Existing rows left as they were (a differing English name or postal code does not overwrite). */
  kept: number;
  skipped: number;
}

export interface GeographyImportResult {
  provinces: TableImport;
  districts: TableImport;
  subdistricts: TableImport;
  problems: GeographyProblem[];
}

type Row = Record<string, unknown>;

function text(v: unknown): string {
  return typeof v === 'string' ? normalizeText(v).value : typeof v === 'number' ? String(v) : '';
}

function code(v: unknown, digits: number): string | null {
  const s = typeof v === 'number' && Number.isInteger(v) ? String(v) : typeof v === 'string' ? normalizeText(v).value : '';
  return new RegExp(`^\\d{${digits}}$`).test(s) ? s : null;
}

function postal(v: unknown): string | null {
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  return /^\d{5}$/.test(s) ? s : null;
}

function pick(row: Row, ...names: string[]): unknown {
  for (const n of names) if (row[n] !== undefined) return row[n];
  return undefined;
}

const CHUNK = 1000;

/** Made-up geography refused into a database that holds real geography (unless forced). */
export class SyntheticGeographyRefusedError extends Error {
  constructor(readonly syntheticRows: number, readonly realProvinces: number) {
    super(
      `The files hold ${syntheticRows} made-up (synthetic) provinces, districts or subdistricts, and this database holds ` +
        `${realProvinces} real provinces: nothing imported. Import generated geography only into a test database, or add --force. / ` +
        `ไฟล์มีพื้นที่สมมุติ (synthetic) ${syntheticRows} รายการ แต่ฐานข้อมูลนี้มีจังหวัดจริง ${realProvinces} จังหวัด จึงไม่นำเข้า ` +
        `ใช้กับฐานข้อมูลทดสอบเท่านั้น หรือระบุ --force`,
    );
  }
}

/**
 * Loads provinces, districts and subdistricts, validating every code against its parent
 * (district 4 digits starting with its province's, subdistrict 6 starting with its
 * district's). Names are trimmed and normalised. Idempotent: a second import changes nothing.
 * On an existing row the file's Thai name wins (Thai names are authoritative); English names
 * and postal codes already present are kept unless `overwrite` is set, because public files
 * carry known shifted English names and wrong postal codes (see shared/geo/NOTES.md).
 * Rows that fail validation are skipped and reported, never guessed. An import that changes
 * anything is audited ('geography.import', the counts per table) in its transaction.
 */
export async function importGeography(
  db: Db,
  files: GeographyFiles,
  options: {
    overwrite?: boolean;
    /** Import rows marked synthetic (`"synthetic": true`, as `otop generate --geo-out` writes them) into a database holding real geography. */
    force?: boolean;
    /** Who imports, for the audit trail (default 'system'). */
    actor?: AuditActor;
    /** The files it came from, named in the audit row. */
    source?: { files: Array<{ fileName: string; sha256: string }> };
  } = {},
): Promise<GeographyImportResult> {
  const problems: GeographyProblem[] = [];
  const problem = (file: GeographyProblem['file'], index: number, c: string | null, message: string) =>
    problems.push({ file, index, code: c, message });

  const provinceRows = new Map<string, { code: string; nameTh: string; nameEn: string; synthetic: boolean }>();
  files.provinces.forEach((raw, i) => {
    const row = (raw ?? {}) as Row;
    const c = code(pick(row, 'provinceCode', 'code', 'province_code'), 2);
    const nameTh = text(pick(row, 'provinceNameTh', 'nameTh', 'name_th'));
    if (!c) return problem('provinces', i + 1, null, 'province code is not 2 digits');
    if (!nameTh) return problem('provinces', i + 1, c, 'Thai name missing');
    if (provinceRows.has(c)) return problem('provinces', i + 1, c, 'province code repeated');
    provinceRows.set(c, { code: c, nameTh, nameEn: text(pick(row, 'provinceNameEn', 'nameEn', 'name_en')), synthetic: row.synthetic === true });
  });

  const existingProvinces = new Set(
    (await db.select({ code: provinces.code }).from(provinces)).map((p) => p.code),
  );
  const districtRows = new Map<string, { code: string; provinceCode: string; nameTh: string; nameEn: string; postalCode: string | null; synthetic: boolean }>();
  files.districts.forEach((raw, i) => {
    const row = (raw ?? {}) as Row;
    const c = code(pick(row, 'districtCode', 'code', 'district_code'), 4);
    const p = code(pick(row, 'provinceCode', 'province_code'), 2);
    const nameTh = text(pick(row, 'districtNameTh', 'nameTh', 'name_th'));
    if (!c) return problem('districts', i + 1, null, 'district code is not 4 digits');
    if (!p || c.slice(0, 2) !== p) return problem('districts', i + 1, c, `district code does not start with its province code ${p ?? '?'}`);
    if (!provinceRows.has(p) && !existingProvinces.has(p)) return problem('districts', i + 1, c, `unknown province ${p}`);
    if (!nameTh) return problem('districts', i + 1, c, 'Thai name missing');
    if (districtRows.has(c)) return problem('districts', i + 1, c, 'district code repeated');
    districtRows.set(c, {
      code: c, provinceCode: p, nameTh, nameEn: text(pick(row, 'districtNameEn', 'nameEn', 'name_en')),
      postalCode: postal(pick(row, 'postalCode', 'postal_code')), synthetic: row.synthetic === true,
    });
  });

  const existingDistricts = new Set((await db.select({ code: districts.code }).from(districts)).map((d) => d.code));
  const subdistrictRows = new Map<string, { code: string; districtCode: string; nameTh: string; nameEn: string; postalCode: string | null; synthetic: boolean }>();
  files.subdistricts.forEach((raw, i) => {
    const row = (raw ?? {}) as Row;
    const c = code(pick(row, 'subdistrictCode', 'code', 'subdistrict_code'), 6);
    const d = code(pick(row, 'districtCode', 'district_code'), 4);
    const nameTh = text(pick(row, 'subdistrictNameTh', 'nameTh', 'name_th'));
    if (!c) return problem('subdistricts', i + 1, null, 'subdistrict code is not 6 digits');
    if (!d || c.slice(0, 4) !== d) return problem('subdistricts', i + 1, c, `subdistrict code does not start with its district code ${d ?? '?'}`);
    if (!districtRows.has(d) && !existingDistricts.has(d)) return problem('subdistricts', i + 1, c, `unknown district ${d}`);
    if (!nameTh) return problem('subdistricts', i + 1, c, 'Thai name missing');
    if (subdistrictRows.has(c)) return problem('subdistricts', i + 1, c, 'subdistrict code repeated');
    subdistrictRows.set(c, {
      code: c, districtCode: d, nameTh, nameEn: text(pick(row, 'subdistrictNameEn', 'nameEn', 'name_en')),
      postalCode: postal(pick(row, 'postalCode', 'postal_code')), synthetic: row.synthetic === true,
    });
  });

  const synthetic = [...provinceRows.values(), ...districtRows.values(), ...subdistrictRows.values()].filter((r) => r.synthetic).length;
  if (synthetic > 0 && options.force !== true) {
    // Real geography other than what the file itself carries as real (a generated file keeps the
    // shipped Bueng Kan as it is): made-up rows would sit beside it, or rename it.
    const realInFile = new Set([...provinceRows.values()].filter((r) => !r.synthetic).map((r) => r.code));
    const real = (await db.select({ code: provinces.code }).from(provinces).where(eq(provinces.synthetic, false)))
      .map((r) => r.code)
      .filter((c) => !realInFile.has(c));
    if (real.length > 0) throw new SyntheticGeographyRefusedError(synthetic, real.length);
  }

  const overwrite = options.overwrite === true;
  return db.transaction(async (tx) => {
    // Each upsert reports, per row, whether it inserted, renamed or kept (xmax = 0 on insert).
    const upsert = async <T extends Record<string, unknown>>(
      rows: T[],
      insert: (chunk: T[]) => Promise<Array<{ inserted: boolean }>>,
    ): Promise<{ inserted: number; renamed: number }> => {
      let inserted = 0;
      let renamed = 0;
      for (let i = 0; i < rows.length; i += CHUNK) {
        for (const r of await insert(rows.slice(i, i + CHUNK))) {
          if (r.inserted) inserted++;
          else renamed++;
        }
      }
      return { inserted, renamed };
    };
    const p = await upsert([...provinceRows.values()], (chunk) =>
      tx.insert(provinces).values(chunk)
        .onConflictDoUpdate({
          target: provinces.code,
          set: {
            nameTh: sql`excluded.name_th`,
            nameEn: overwrite ? sql`excluded.name_en` : sql`provinces.name_en`,
            synthetic: sql`provinces.synthetic and excluded.synthetic`,
          },
          setWhere: overwrite
            ? sql`(provinces.name_th, provinces.name_en) is distinct from (excluded.name_th, excluded.name_en) or (provinces.synthetic and not excluded.synthetic)`
            : sql`provinces.name_th is distinct from excluded.name_th or (provinces.synthetic and not excluded.synthetic)`,
        })
        .returning({ inserted: sql<boolean>`(xmax = 0)` }));
    const d = await upsert([...districtRows.values()], (chunk) =>
      tx.insert(districts).values(chunk)
        .onConflictDoUpdate({
          target: districts.code,
          set: {
            nameTh: sql`excluded.name_th`,
            nameEn: overwrite ? sql`excluded.name_en` : sql`districts.name_en`,
            postalCode: overwrite ? sql`excluded.postal_code` : sql`coalesce(districts.postal_code, excluded.postal_code)`,
            synthetic: sql`districts.synthetic and excluded.synthetic`,
          },
          setWhere: overwrite
            ? sql`(districts.name_th, districts.name_en, districts.postal_code) is distinct from (excluded.name_th, excluded.name_en, excluded.postal_code) or (districts.synthetic and not excluded.synthetic)`
            : sql`districts.name_th is distinct from excluded.name_th or (districts.synthetic and not excluded.synthetic)`,
        })
        .returning({ inserted: sql<boolean>`(xmax = 0)` }));
    const s = await upsert([...subdistrictRows.values()], (chunk) =>
      tx.insert(subdistricts).values(chunk)
        .onConflictDoUpdate({
          target: subdistricts.code,
          set: {
            nameTh: sql`excluded.name_th`,
            nameEn: overwrite ? sql`excluded.name_en` : sql`subdistricts.name_en`,
            postalCode: overwrite ? sql`excluded.postal_code` : sql`coalesce(subdistricts.postal_code, excluded.postal_code)`,
            synthetic: sql`subdistricts.synthetic and excluded.synthetic`,
          },
          setWhere: overwrite
            ? sql`(subdistricts.name_th, subdistricts.name_en, subdistricts.postal_code) is distinct from (excluded.name_th, excluded.name_en, excluded.postal_code) or (subdistricts.synthetic and not excluded.synthetic)`
            : sql`subdistricts.name_th is distinct from excluded.name_th or (subdistricts.synthetic and not excluded.synthetic)`,
        })
        .returning({ inserted: sql<boolean>`(xmax = 0)` }));
    const result = (read: number, files: number, r: { inserted: number; renamed: number }, skipped: number): TableImport => ({
      read: files, inserted: r.inserted, renamed: r.renamed, kept: read - r.inserted - r.renamed, skipped,
    });
    const skippedIn = (file: GeographyProblem['file']) => problems.filter((x) => x.file === file).length;
    const imported: GeographyImportResult = {
      provinces: result(provinceRows.size, files.provinces.length, p, skippedIn('provinces')),
      districts: result(districtRows.size, files.districts.length, d, skippedIn('districts')),
      subdistricts: result(subdistrictRows.size, files.subdistricts.length, s, skippedIn('subdistricts')),
      problems,
    };
    // A write is audited with the import, in its transaction; a re-import that changes nothing writes nothing.
    if (p.inserted + p.renamed + d.inserted + d.renamed + s.inserted + s.renamed > 0) {
      await recordAudit(tx, {
        actor: options.actor ?? { id: null, username: 'system' },
        action: 'geography.import',
        details: {
          overwrite,
          synthetic,
          provinces: imported.provinces,
          districts: imported.districts,
          subdistricts: imported.subdistricts,
          problems: problems.length,
          ...(options.source ? { files: options.source.files } : {}),
        },
      });
    }
    return imported;
  });
}
