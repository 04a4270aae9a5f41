import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { ingestSubmission } from '../../pipeline/ingest-submission.ts';
import { ADMIN, fixture, fixtureBytes, IN_WINDOW, load } from './pipeline-fixtures.ts';

type ProductRow = { thai_id: string; producer_name: string; product: string; name_key: string; category: string; standards: string[]; stars: number | null };

/** What the base fixture stands for once loaded: 3 producers, 5 products. */
const BASE_PRODUCTS: ProductRow[] = [
  { thai_id: '0105550001232', producer_name: 'บริษัท บึงกาฬฟู้ด จำกัด', product: 'ไวน์หมากเม่า', name_key: 'ไวน์หมากเม่า', category: 'beverage', standards: ['fda'], stars: 5 },
  { thai_id: '3380100001019', producer_name: 'กลุ่มทอผ้าไหมบ้านโนนสมบูรณ์', product: 'ตะกร้า, สานไม้ไผ่', name_key: 'ตะกร้า,สานไม้ไผ่', category: 'household', standards: [], stars: null },
  { thai_id: '3380100001019', producer_name: 'กลุ่มทอผ้าไหมบ้านโนนสมบูรณ์', product: 'ผ้าขาวม้า', name_key: 'ผ้าขาวม้า', category: 'textile', standards: ['mophor'], stars: 3 },
  { thai_id: '3380100001019', producer_name: 'กลุ่มทอผ้าไหมบ้านโนนสมบูรณ์', product: 'ผ้าไหมมัดหมี่', name_key: 'ผ้าไหมมัดหมี่', category: 'textile', standards: ['mophor'], stars: 4 },
  { thai_id: '3380100001027', producer_name: 'นายบุญมี แก้วมณี', product: 'น้ำพริกเผา', name_key: 'น้ำพริกเผา', category: 'food', standards: ['fda', 'gmp'], stars: null },
];

async function products(t: TestDb): Promise<ProductRow[]> {
  return queryRows<ProductRow>(
    t.db,
    sql`select p.thai_id, p.name as producer_name, pr.name as product, pr.name_key, pr.category, pr.standards, pr.stars
        from products pr join producers p on p.id = pr.producer_id order by p.thai_id, pr.name_key`,
  );
}

async function fresh(): Promise<TestDb> {
  const t = await createTestDb();
  await seedReference(t.db);
  return t;
}

describe(`reading district files (${TEST_ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await fresh();
  });
  afterAll(async () => t.close());

  it('loads a UTF-8 CSV with a byte-order mark: 3 producers, 5 products, a producer with three products', async () => {
    const r = await load(t.db, 'utf8-bom.csv');
    expect(r).toMatchObject({
      status: 'loaded', rowsRead: 5, rejected: 0, warnings: 0, accepted: { total: 5, created: 5, updated: 0, unchanged: 0 },
      source: { format: 'csv', encoding: 'utf-8-bom', delimiter: ',' },
    });
    expect(r.issues).toEqual([]);
    expect(r.columns.map((c) => c.key)).toEqual([
      'producer_name', 'citizen_id', 'producer_type', 'contact_name', 'phone', 'members', 'house_no', 'village_no',
      'subdistrict', 'product_name', 'category', 'standards', 'stars', 'registered_date',
    ]);
    expect(await products(t)).toEqual(BASE_PRODUCTS);
    const [group] = await queryRows<Record<string, unknown>>(
      t.db,
      sql`select p.producer_type, p.members, p.village_no, p.subdistrict_code, p.district_code, p.province_code, p.phone,
                 r.round_code, r.fiscal_year, r.district_code as reg_district, r.registered_at
          from producers p join registrations r on r.producer_id = p.id where p.thai_id = '3380100001019'`,
    );
    expect(group).toMatchObject({
      producer_type: 'community-group', members: 25, village_no: 5, subdistrict_code: '380102', district_code: '3801',
      province_code: '38', phone: '0812345678', round_code: '2561-Q1', fiscal_year: 2561, reg_district: '3801',
    });
    // 15/11/2560 (BE) is 15 November 2017, kept as noon in Bangkok.
    expect(new Date(group!.registered_at as string).toISOString()).toBe('2017-11-15T05:00:00.000Z');
    expect(r.normalized.byKind).toEqual({ 'be-date': 4 });
  });

  it('detects Windows-874 (Thai Excel "CSV") without being told, and reads the same rows', async () => {
    const other = await fresh();
    try {
      const r = await load(other.db, 'windows-874.csv');
      expect(r).toMatchObject({ status: 'loaded', rowsRead: 5, accepted: { created: 5 }, source: { encoding: 'windows-874' } });
      expect(await products(other)).toEqual(BASE_PRODUCTS);
    } finally {
      await other.close();
    }
  });

  it('reads Excel’s "Unicode Text" (UTF-16 with a byte-order mark, tab-separated)', async () => {
    const r = await load(t.db, 'utf16le-unicode-text.txt', { dryRun: true });
    expect(r).toMatchObject({ status: 'validated', rowsRead: 5, rejected: 0, source: { encoding: 'utf-16le', delimiter: '\t' } });
  });

  it('reads an XLSX: numbers, date cells and a juristic ID that lost its leading zero — the same data, so unchanged', async () => {
    const r = await load(t.db, 'registrations.xlsx');
    expect(r).toMatchObject({
      status: 'loaded', rowsRead: 5, rejected: 0, accepted: { total: 5, created: 0, updated: 0, unchanged: 5 },
      source: { format: 'xlsx', sheet: 'ทะเบียน' },
    });
    expect(r.normalized.samples).toContainEqual({
      row: 6, column: 'เลขประจำตัวประชาชน', value: '105550001232', normalized: '0105550001232', kinds: ['leading-zero'],
    });
    expect(await products(t)).toEqual(BASE_PRODUCTS);
  });

  it('reads the worksheet the user names, from bytes in memory', async () => {
    const r = await ingestSubmission(t.db, {
      source: { kind: 'bytes', bytes: fixtureBytes('registrations.xlsx') }, fileName: 'registrations.xlsx', sheetName: 'รอบก่อน',
      districtCode: '3801', roundCode: '2561-Q1', dryRun: true, user: ADMIN, now: IN_WINDOW,
    });
    expect(r).toMatchObject({ status: 'validated', rowsRead: 1, accepted: { total: 1, created: 1 }, source: { sheet: 'รอบก่อน' } });
  });

  it('folds Thai digits everywhere a number goes, and says so', async () => {
    const other = await fresh();
    try {
      const r = await load(other.db, 'thai-digits.csv');
      expect(r).toMatchObject({ status: 'loaded', rowsRead: 2, rejected: 0, accepted: { created: 2 } });
      expect(r.normalized.byKind['thai-digits']).toBe(18);
      expect(r.normalized.byKind['be-date']).toBe(2);
      expect(r.normalized.samples[0]).toEqual({
        row: 2, column: 'เลขประจำตัวประชาชน', value: '๓๓๘๐๑๐๐๐๐๑๐๑๙', normalized: '3380100001019', kinds: ['thai-digits'],
      });
      const rows = await queryRows<Record<string, unknown>>(
        other.db,
        sql`select p.thai_id, p.producer_type, p.members, p.village_no, p.subdistrict_code, p.phone, pr.category, pr.stars
            from producers p join products pr on pr.producer_id = p.id order by p.thai_id`,
      );
      expect(rows).toEqual([
        { thai_id: '3380100001019', producer_type: 'community-group', members: 25, village_no: 5, subdistrict_code: '380102', phone: '0812345678', category: 'textile', stars: 4 },
        { thai_id: '3380100001027', producer_type: 'single-owner', members: 1, village_no: 3, subdistrict_code: '380104', phone: '0898765432', category: 'food', stars: null },
      ]);
    } finally {
      await other.close();
    }
  });

  it('reads Buddhist-Era dates in every way offices type them (15/03/2561 → 2018-03-15)', async () => {
    const other = await fresh();
    try {
      const r = await ingestSubmission(other.db, {
        source: { kind: 'path', path: fixture('be-dates.csv') }, fileName: 'be-dates.csv', districtCode: '3801',
        roundCode: '2561-Q2', dryRun: false, user: ADMIN, now: new Date('2018-03-18T05:00:00Z'),
      });
      expect(r).toMatchObject({ status: 'loaded', rowsRead: 5, rejected: 0 });
      expect(r.normalized.byKind['be-date']).toBe(4);
      const dates = await queryRows<{ d: string }>(
        other.db,
        sql`select distinct (registered_at at time zone 'Asia/Bangkok')::date::text as d from registrations`,
      );
      expect(dates).toEqual([{ d: '2018-03-15' }]);
    } finally {
      await other.close();
    }
  });

  it('reads semicolon-separated files with quoted values holding the delimiter, quotes and line breaks', async () => {
    const r = await load(t.db, 'semicolon-quoted-newlines.csv', { dryRun: true });
    expect(r).toMatchObject({ status: 'validated', rowsRead: 2, rejected: 0, source: { delimiter: ';' } });
    const other = await fresh();
    try {
      await load(other.db, 'semicolon-quoted-newlines.csv');
      expect((await products(other)).map((p) => [p.producer_name, p.product])).toEqual([
        ['กลุ่ม "บ้านสวน" หอคำ', 'ผ้าไหม ลายนาค'],
        ['ผู้ผลิตสอง', 'ข้าว; ฮาง'],
      ]);
    } finally {
      await other.close();
    }
  });

  it('reads tab-separated files, columns in any order', async () => {
    const r = await load(t.db, 'tab-separated.csv', { dryRun: true });
    expect(r).toMatchObject({ status: 'validated', rowsRead: 1, rejected: 0, source: { delimiter: '\t' } });
  });

  it('takes English headers in any order, and codes or English labels for categories and types', async () => {
    const r = await load(t.db, 'english-headers-any-order.csv', { dryRun: true });
    expect(r).toMatchObject({ status: 'validated', rowsRead: 2, rejected: 0, accepted: { total: 2 } });
    expect(r.columns.map((c) => c.key)).toEqual([
      'category', 'product_name', 'subdistrict', 'producer_type', 'citizen_id', 'producer_name', 'stars', 'village_no',
    ]);
  });

  it('finds the header row under title rows and skips blank rows, keeping spreadsheet row numbers', async () => {
    const r = await load(t.db, 'title-rows.csv', { dryRun: true });
    expect(r).toMatchObject({ status: 'validated', rowsRead: 2, rejected: 0, accepted: { total: 2 } });
  });

  it('folds the usual keying slips (เเ for แ, ํ + า for ำ, zero-width and doubled spaces) and records them', async () => {
    const other = await fresh();
    try {
      const r = await load(other.db, 'keying-slips.csv');
      expect(r).toMatchObject({ status: 'loaded', rowsRead: 2, rejected: 0 });
      expect(r.normalized.byKind).toMatchObject({ 'double-sara-e': 2, 'zero-width': 1, 'split-sara-am': 1, whitespace: 1 });
      const rows = await queryRows<{ name: string; product: string }>(
        other.db,
        sql`select p.name, pr.name as product from producers p join products pr on pr.producer_id = p.id order by pr.name`,
      );
      // Both rows are one producer once normalised; its name is the first row's.
      expect(rows).toEqual([
        { name: 'กลุ่มแม่บ้านบ้านบึงกาฬ', product: 'น้ำพริก เผา' },
        { name: 'กลุ่มแม่บ้านบ้านบึงกาฬ', product: 'แจ่วบอง' },
      ]);
    } finally {
      await other.close();
    }
  });
});
