import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { ingestSubmission, type IngestInput } from '../../pipeline/ingest-submission.ts';
import { ADMIN, DISTRICT_3801, IN_WINDOW } from './pipeline-fixtures.ts';
import { BASE_ROWS, HEADER_VARIANTS, variantBytes, type HeaderVariant } from './header-corpus.ts';

const variant = (part: string): HeaderVariant => HEADER_VARIANTS.find((v) => v.name.includes(part))!;

describe(`header mapping: recognised titles load, unsure ones are asked, confirmed ones remembered (${TEST_ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seedReference(t.db);
  });
  afterAll(async () => t.close());

  const ingest = async (v: HeaderVariant, options: Partial<IngestInput> = {}, rows = BASE_ROWS) =>
    ingestSubmission(t.db, {
      source: { kind: 'bytes', bytes: await variantBytes(v, rows) }, fileName: `${v.format}.${v.format === 'xlsx' ? 'xlsx' : 'csv'}`,
      districtCode: '3801', roundCode: '2561-Q1', dryRun: true, user: DISTRICT_3801, now: IN_WINDOW, ...options,
    });

  it('a file differing from the template only in its own titles loads without a question (every recognisable variant)', async () => {
    for (const v of HEADER_VARIANTS.filter((x) => !x.expectAsk)) {
      const r = await ingest(v);
      expect(r.issues.filter((i) => i.row === null && i.severity === 'error'), v.name).toEqual([]);
      expect(r, v.name).toMatchObject({ status: 'validated', rowsRead: 5, rejected: 0, accepted: { total: 5 } });
      expect(r.headerMapping, v.name).toMatchObject({ needsMapping: false, missing: [], source: 'recognised' });
    }
  });

  it('an XLSX under merged title rows, with ลำดับ and หมายเหตุ, loads for real; the report says which columns were not loaded', async () => {
    const r = await ingest(variant('two title rows merged'), { dryRun: false });
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 5, accepted: { total: 5, created: 5 } });
    expect(r.headerMapping!.headerRow).toBe(4);
    expect(r.headerMapping!.notices).toEqual([{
      th: 'คอลัมน์ที่ไม่ได้นำเข้า: A "ลำดับ" (เป็นเลขลำดับแถว), J "หมายเหตุ" (ไม่รู้จักหัวคอลัมน์นี้)',
      en: 'Columns not loaded: A "ลำดับ" (a running number), J "หมายเหตุ" (title not recognised)',
    }]);
    // Stored with the submission (without the sample values).
    const [stored] = await queryRows<{ m: { notices: unknown[]; columns: Array<{ samples?: unknown }> } }>(
      t.db, sql`select header_mapping as m from submissions where id = ${r.submissionId}`);
    expect(stored!.m.notices).toHaveLength(1);
    expect(stored!.m.columns.every((c) => c.samples === undefined)).toBe(true);
  });

  it('an XLSX whose top header row holds only group titles (merged) under a title row loads for real, each column right', async () => {
    const v = variant('only group titles');
    // Products of their own, so what this load wrote is told apart from the other loads here.
    const r = await ingest(v, { dryRun: false }, BASE_ROWS.map((row) => ({ ...row, product_name: `${row.product_name} (สองชั้น)` })));
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 5, rejected: 0, accepted: { total: 5 } });
    const h = r.headerMapping!;
    expect(h).toMatchObject({ headerRow: 3, needsMapping: false, missing: [] });
    expect(h.columns.map((c) => [c.header, c.key])).toEqual([
      ['ลำดับ', null], ['ข้อมูลผู้ผลิต › ชื่อ', 'producer_name'], ['ข้อมูลผู้ผลิต › เลขประจำตัวประชาชน', 'citizen_id'],
      ['ข้อมูลผู้ผลิต › ประเภท', 'producer_type'], ['ที่อยู่ › เลขที่', 'house_no'], ['ที่อยู่ › หมู่ที่', 'village_no'], ['ที่อยู่ › ตำบล', 'subdistrict'],
      ['ข้อมูลผลิตภัณฑ์ › ชื่อ', 'product_name'], ['ข้อมูลผลิตภัณฑ์ › ประเภท', 'category'], ['ข้อมูลผลิตภัณฑ์ › ระดับดาว', 'stars'],
    ]);
    // What was loaded is what the header says: the producer's name, not the product's, and the product's category.
    const rows = await queryRows<{ producer: string; product: string; category: string }>(t.db, sql`
      select p.name as producer, pr.name as product, pr.category as category from products pr join producers p on p.id = pr.producer_id
      where pr.name like ${'% (สองชั้น)'} order by pr.name`);
    expect(rows).toHaveLength(5);
    expect(rows).toContainEqual({ producer: 'นายบุญมี แก้วมณี', product: 'น้ำพริกเผา (สองชั้น)', category: 'food' });
    expect(rows).toContainEqual({ producer: 'บริษัท บึงกาฬฟู้ด จำกัด', product: 'ไวน์หมากเม่า (สองชั้น)', category: 'beverage' });
  });

  it('unsure title: the dry run answers with the unmapped header, its candidates and samples; a mapping loads it and is remembered', async () => {
    const v = variant('"ชื่อ" alone');
    const asked = await ingest(v);
    expect(asked.status).toBe('rejected');
    expect(asked.issues.map((i) => [i.code, i.column])).toEqual([['missing-column', 'ชื่อผู้ผลิต']]);
    expect(asked.issues[0]!.message.en).toContain('column "ชื่อ" (A) may be it');
    const h = asked.headerMapping!;
    expect(h).toMatchObject({ needsMapping: true, missing: ['producer_name'], source: 'recognised' });
    expect(h.columns[0]).toMatchObject({ index: 0, letter: 'A', header: 'ชื่อ', key: null, ignored: 'unknown', samples: ['กลุ่มทอผ้าไหมบ้านโนนสมบูรณ์', 'กลุ่มทอผ้าไหมบ้านโนนสมบูรณ์', 'กลุ่มทอผ้าไหมบ้านโนนสมบูรณ์'] });
    expect(h.columns[0]!.candidates[0]).toMatchObject({ key: 'producer_name' });

    const loaded = await ingest(v, { dryRun: false, mapping: { 'ชื่อ': 'producer_name' } });
    expect(loaded).toMatchObject({ status: 'loaded', accepted: { total: 5 }, rejected: 0 });
    expect(loaded.headerMapping).toMatchObject({ source: 'explicit', needsMapping: false });
    expect(loaded.headerMapping!.columns[0]).toMatchObject({ header: 'ชื่อ', key: 'producer_name', via: 'explicit' });
    expect(loaded.columns[0]).toEqual({ header: 'ชื่อ', key: 'producer_name' });
    const remembered = await queryRows<{ district_code: string; choices: unknown; confirmed_by: string }>(
      t.db, sql`select district_code, choices, confirmed_by from header_mappings`);
    expect(remembered).toEqual([{ district_code: '3801', choices: { 'ชื่อ': 'producer_name' }, confirmed_by: 'district3801' }]);

    // The district's next file with the same header row maps itself, and says so.
    const next = BASE_ROWS.map((r) => ({ ...r, product_name: `${r.product_name} รุ่นใหม่` }));
    const again = await ingest(v, {}, next);
    expect(again).toMatchObject({ status: 'validated', accepted: { total: 5 }, rejected: 0 });
    expect(again.headerMapping).toMatchObject({ source: 'remembered', needsMapping: false });
    expect(again.headerMapping!.columns[0]).toMatchObject({ key: 'producer_name', via: 'remembered' });

    // … and can be changed: the upload's own mapping wins over the remembered one.
    const changed = await ingest(v, { mapping: { 'ชื่อ': 'contact_name' } }, next);
    expect(changed.headerMapping!.columns[0]).toMatchObject({ key: 'contact_name', via: 'explicit' });
    expect(changed.headerMapping!.missing).toEqual(['producer_name']);

    // Another district does not get 3801's mapping.
    const elsewhere = await ingest(v, { districtCode: '3802', user: ADMIN }, next);
    expect(elsewhere.headerMapping).toMatchObject({ source: 'recognised', missing: ['producer_name'] });
  });

  it('a required column truly absent is refused with what, where and why, in Thai and English', async () => {
    const r = await ingest(variant('truly absent'));
    expect(r.status).toBe('rejected');
    expect(r.issues.map((i) => [i.row, i.column, i.code, i.message])).toEqual([[null, 'ชื่อผลิตภัณฑ์', 'missing-column', {
      th: 'ไม่พบคอลัมน์ที่จำเป็น: ชื่อผลิตภัณฑ์ (product_name) ไม่มีหัวคอลัมน์ใดในแถวที่ 1 ตรงกับคอลัมน์นี้ ซึ่งทุกแถวต้องมี; เพิ่มคอลัมน์นี้ในไฟล์ (ดูแบบฟอร์มนำเข้า) หรือจับคู่หัวคอลัมน์ที่ใช้แทน',
      en: 'A required column is missing: Product name (product_name): no header in row 1 names this column, which every row needs; add the column to the file (see the import template), or map the title used instead',
    }]]);
  });

  it('two titles for one column: refused as a duplicate, and leaving one out by mapping loads the file', async () => {
    const v = variant('two titles for one column');
    const asked = await ingest(v);
    expect(asked.issues.map((i) => i.code)).toEqual(['duplicate-column']);
    expect(asked.headerMapping).toMatchObject({ needsMapping: true });
    expect(asked.headerMapping!.columns[1]).toMatchObject({ header: 'ชื่อผู้ผลิต', key: null, ignored: 'duplicate' });
    const mapped = await ingest(v, { mapping: { 'ชื่อผู้ผลิต': 'contact_name' } });
    expect(mapped).toMatchObject({ status: 'validated', accepted: { total: 5 } });
    // A mapping naming a title the file does not have is said, not silently dropped.
    const stray = await ingest(v, { mapping: { 'ชื่อผู้ผลิต': null, 'ไม่มีคอลัมน์นี้': 'phone' } });
    expect(stray.status).toBe('validated');
    expect(stray.headerMapping!.notices.map((n) => n.en)).toContain('mapping of "ไม่มีคอลัมน์นี้" not used: no such title in row 1');
  });
});
