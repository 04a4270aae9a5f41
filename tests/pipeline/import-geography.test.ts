import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { importGeography, type GeographyFiles } from '../../pipeline/import-geography.ts';
import { readGeographyDir } from '../../pipeline/generate/national-geography.ts';
import { fixture } from './pipeline-fixtures.ts';

describe(`geography import (${TEST_ENGINE})`, () => {
  let t: TestDb;
  let files: GeographyFiles;
  beforeAll(async () => {
    t = await createTestDb();
    await seedReference(t.db);
    files = readGeographyDir(fixture('geo'))!;
  });
  afterAll(async () => t.close());

  it('loads valid rows, trims names, keeps the shipped Bueng Kan English names and postal codes, and lists every bad row', async () => {
    const r = await importGeography(t.db, files);
    expect(r.provinces).toEqual({ read: 3, inserted: 1, renamed: 0, kept: 1, skipped: 1 });
    expect(r.districts).toEqual({ read: 4, inserted: 2, renamed: 0, kept: 1, skipped: 1 });
    expect(r.subdistricts).toEqual({ read: 8, inserted: 3, renamed: 0, kept: 2, skipped: 3 });
    expect(r.problems).toEqual([
      { file: 'provinces', index: 3, code: null, message: 'province code is not 2 digits' },
      { file: 'districts', index: 4, code: '3899', message: 'district code does not start with its province code 10' },
      { file: 'subdistricts', index: 6, code: '100301', message: 'subdistrict code does not start with its district code 1002' },
      { file: 'subdistricts', index: 7, code: '100201', message: 'subdistrict code repeated' },
      { file: 'subdistricts', index: 8, code: '100202', message: 'Thai name missing' },
    ]);
    const rows = await queryRows<{ code: string; name_th: string; name_en: string; postal_code: string | null }>(
      t.db,
      sql`select code, name_th, name_en, postal_code from subdistricts where code in ('100102', '380101', '380202') order by code`,
    );
    expect(rows).toEqual([
      { code: '100102', name_th: 'วังบูรพาภิรมย์', name_en: 'Wang Burapha Phirom', postal_code: '10200' },
      { code: '380101', name_th: 'บึงกาฬ', name_en: 'Bueng Kan', postal_code: '38000' },
      { code: '380202', name_th: 'ดอนหญ้านาง', name_en: 'Don Ya Nang', postal_code: '38180' },
    ]);
    const [district] = await queryRows<{ name_th: string; postal_code: string }>(t.db, sql`select name_th, postal_code from districts where code = '3802'`);
    expect(district).toEqual({ name_th: 'พรเจริญ', postal_code: '38180' });
  });

  it('changes nothing the second time', async () => {
    const before = await queryRows(t.db, sql`select * from subdistricts order by code`);
    const r = await importGeography(t.db, files);
    expect([r.provinces.inserted, r.districts.inserted, r.subdistricts.inserted]).toEqual([0, 0, 0]);
    expect([r.provinces.renamed, r.districts.renamed, r.subdistricts.renamed]).toEqual([0, 0, 0]);
    expect(await queryRows(t.db, sql`select * from subdistricts order by code`)).toEqual(before);
  });

  it('takes the file’s Thai name over a stored one (Thai names are authoritative)', async () => {
    const renamed = { ...files, subdistricts: [{ districtCode: 1002, subdistrictCode: 100201, subdistrictNameTh: 'ดุสิต (แก้ไข)', subdistrictNameEn: 'x' }] };
    const r = await importGeography(t.db, renamed);
    expect(r.subdistricts).toMatchObject({ inserted: 0, renamed: 1 });
    const [row] = await queryRows<{ name_th: string; name_en: string }>(t.db, sql`select name_th, name_en from subdistricts where code = '100201'`);
    expect(row).toEqual({ name_th: 'ดุสิต (แก้ไข)', name_en: 'Dusit' });
  });
});
