import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { ingestSubmission, type IngestInput } from '../../pipeline/ingest-submission.ts';
import { combineHeaderRows, mapHeaders } from '../../pipeline/map-headers.ts';
import { combineGroupRow, HeaderRowSearch } from '../../pipeline/header-row-search.ts';
import { DISTRICT_3801, IN_WINDOW, where } from './pipeline-fixtures.ts';

// Two-level headers as offices draw them: a group title ('ที่อยู่', 'ผู้ติดต่อ', 'ผลิตภัณฑ์')
// merged over its sub-titles, other titles merged down over both rows. In CSV the group title
// repeats across its span, or stands once with blanks after it.

type Sheet = { upper: string[]; lower: string[]; data: string[][]; merges?: Array<[number, number, number, number]> };

const P1 = ['กลุ่มทอผ้าบ้านโนน', '3380100001019', 'กลุ่มผู้ผลิตชุมชน'];
const P2 = ['นายบุญมี แก้วมณี', '3380100001027', 'ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว'];
const PRODUCER_TITLES = ['ชื่อผู้ผลิต', 'เลขประจำตัวประชาชน', 'ประเภทผู้ผลิต'];

// Address group over house number, village, subdistrict; product group over name, type.
const ADDRESS_AND_PRODUCT = (group: (title: string, span: number) => string[]): Sheet => ({
  upper: [...PRODUCER_TITLES, ...group('ที่อยู่', 3), ...group('ผลิตภัณฑ์', 2)],
  lower: ['', '', '', 'เลขที่', 'หมู่ที่', 'ตำบล', 'ชื่อ', 'ประเภท'],
  data: [
    [...P1, '12', '5', 'โนนสมบูรณ์', 'ผ้าไหมมัดหมี่', 'ผ้า เครื่องแต่งกาย'],
    [...P1, '12', '5', 'โนนสมบูรณ์', 'ผ้าขาวม้า', 'ไม่มีประเภทนี้'],
    [...P2, '45/2', '3', 'หอคำ', 'น้ำพริกเผา', 'อาหาร'],
  ],
  merges: [[1, 1, 2, 1], [1, 2, 2, 2], [1, 3, 2, 3], [1, 4, 1, 6], [1, 7, 1, 8]],
});
const repeated = (title: string, span: number) => Array<string>(span).fill(title);
const once = (title: string, span: number) => [title, ...Array<string>(span - 1).fill('')];
const ADDRESS_KEYS = ['producer_name', 'citizen_id', 'producer_type', 'house_no', 'village_no', 'subdistrict', 'product_name', 'category'];

const CONTACT_EN: Sheet = {
  upper: ['Producer name', 'Citizen ID', 'Producer type', 'Subdistrict', 'Contact', '', 'Product', ''],
  lower: ['', '', '', '', 'Name', 'Phone', 'Name', 'Type'],
  data: [
    ['Ban Non weavers', '3380100001019', 'กลุ่มผู้ผลิตชุมชน', 'โนนสมบูรณ์', 'นางสมศรี ศรีสุข', '0812345678', 'ผ้าไหมมัดหมี่', 'ผ้า เครื่องแต่งกาย'],
    ['Ban Non weavers', '3380100001019', 'กลุ่มผู้ผลิตชุมชน', 'โนนสมบูรณ์', 'นางสมศรี ศรีสุข', '0812345678', 'ผ้าขาวม้า', 'ไม่มีประเภทนี้'],
    ['Boonmee', '3380100001027', 'ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว', 'หอคำ', 'นายบุญมี แก้วมณี', '0898765432', 'น้ำพริกเผา', 'อาหาร'],
  ],
  merges: [[1, 5, 1, 6], [1, 7, 1, 8]],
};
const CONTACT_KEYS = ['producer_name', 'citizen_id', 'producer_type', 'subdistrict', 'contact_name', 'phone', 'product_name', 'category'];

// The contact group in Thai, with a title row above and a running-number column merged down.
const CONTACT_TH: Sheet = {
  upper: ['ลำดับ', ...PRODUCER_TITLES, 'ตำบล', 'ผู้ติดต่อ', 'ผู้ติดต่อ', 'ชื่อผลิตภัณฑ์', 'ประเภทผลิตภัณฑ์'],
  lower: ['', '', '', '', '', 'ชื่อ', 'โทรศัพท์', '', ''],
  data: [
    ['1', ...P1, 'โนนสมบูรณ์', 'นางสมศรี ศรีสุข', '081-234-5678', 'ผ้าไหมมัดหมี่', 'ผ้า เครื่องแต่งกาย'],
    ['2', ...P1, 'โนนสมบูรณ์', 'นางสมศรี ศรีสุข', '081-234-5678', 'ผ้าขาวม้า', 'ไม่มีประเภทนี้'],
    ['3', ...P2, 'หอคำ', 'นายบุญมี แก้วมณี', '089-876-5432', 'น้ำพริกเผา', 'อาหาร'],
  ],
};

function csv(s: Sheet, titleRows: string[][] = []): Uint8Array {
  const q = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return new TextEncoder().encode([...titleRows, s.upper, s.lower, ...s.data].map((r) => r.map(q).join(',')).join('\r\n'));
}

async function xlsx(s: Sheet, titleRows: string[][] = []): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('ทะเบียน');
  for (const r of [...titleRows, s.upper, s.lower, ...s.data]) sheet.addRow(r);
  const offset = titleRows.length;
  for (let i = 1; i <= offset; i++) sheet.mergeCells(i, 1, i, s.upper.length);
  for (const [r1, c1, r2, c2] of s.merges ?? []) sheet.mergeCells(r1 + offset, c1, r2 + offset, c2);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe(`two-level headers: a group title over sub-titles (${TEST_ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seedReference(t.db);
  });
  afterAll(async () => t.close());
  const ingest = (bytes: Uint8Array, name: string, options: Partial<IngestInput> = {}) =>
    ingestSubmission(t.db, {
      source: { kind: 'bytes', bytes }, fileName: name, districtCode: '3801', roundCode: '2561-Q1', dryRun: true, user: DISTRICT_3801, now: IN_WINDOW, ...options,
    });

  const TITLE = [['ทะเบียนผู้ผลิต OTOP อำเภอเมืองบึงกาฬ ปี 2561']];
  const variants: Array<{ name: string; bytes: () => Promise<Uint8Array> | Uint8Array; keys: string[]; headerRow: number; badRow: number }> = [
    { name: 'CSV, group title repeated over its span', bytes: () => csv(ADDRESS_AND_PRODUCT(repeated)), keys: ADDRESS_KEYS, headerRow: 2, badRow: 4 },
    { name: 'CSV, group title once, blanks after it', bytes: () => csv(ADDRESS_AND_PRODUCT(once)), keys: ADDRESS_KEYS, headerRow: 2, badRow: 4 },
    { name: 'XLSX, merged groups and titles merged down, under a title row', bytes: () => xlsx(ADDRESS_AND_PRODUCT(once), TITLE), keys: ADDRESS_KEYS, headerRow: 3, badRow: 5 },
    { name: 'XLSX, English "Contact" over Name | Phone and "Product" over Name | Type', bytes: () => xlsx(CONTACT_EN), keys: CONTACT_KEYS, headerRow: 2, badRow: 4 },
    { name: 'CSV, "ผู้ติดต่อ" over ชื่อ | โทรศัพท์, a running number, a title row', bytes: () => csv(CONTACT_TH, [['ทะเบียนผู้ผลิต']]), keys: [null as unknown as string, ...CONTACT_KEYS.slice(0, 4), 'contact_name', 'phone', 'product_name', 'category'], headerRow: 3, badRow: 5 },
  ];

  for (const v of variants) {
    it(`${v.name}: mapped, loaded, issues on the rows Excel shows`, async () => {
      const bytes = await v.bytes();
      const dry = await ingest(bytes, `${v.name}.${v.name.startsWith('XLSX') ? 'xlsx' : 'csv'}`);
      const h = dry.headerMapping!;
      expect(h).toMatchObject({ needsMapping: false, missing: [], headerRow: v.headerRow });
      const keys = h.columns.map((c) => c.key);
      expect(keys).toEqual(v.keys.map((k) => k ?? null));
      expect(dry).toMatchObject({ status: 'validated', rowsRead: 3, rejected: 1, accepted: { total: 2 } });
      expect(where(dry).map(([row, , code]) => [row, code])).toEqual([[v.badRow, 'invalid-category']]);
    });
  }

  it('a data row under the header is never taken for sub-titles', () => {
    const header = { row: 1, cells: [...PRODUCER_TITLES, 'ตำบล', 'ชื่อผลิตภัณฑ์', 'ประเภทผลิตภัณฑ์'] };
    expect(combineHeaderRows(header, { row: 2, cells: [...P1, 'โนนสมบูรณ์', 'ผ้าไหมมัดหมี่', 'ผ้า'] })).toBeNull();
    // Even one without its ID (a faulty row): its values name no column.
    expect(combineHeaderRows(header, { row: 2, cells: ['กลุ่มทอผ้า', '', '1', 'หอคำ', 'ชื่อ', 'อาหาร'] })).toBeNull();
  });

  it('an unsure sub-title goes to the mapping step with its candidates; the confirmed mapping is remembered', async () => {
    const sheet = ADDRESS_AND_PRODUCT(once);
    sheet.lower[7] = 'ชนิด';
    const bytes = csv(sheet);
    const asked = await ingest(bytes, 'unsure.csv');
    const h = asked.headerMapping!;
    expect(h).toMatchObject({ needsMapping: true, missing: ['category'] });
    const col = h.columns[7]!;
    expect(col).toMatchObject({ header: 'ผลิตภัณฑ์ › ชนิด', key: null, ignored: 'unknown' });
    expect(col.candidates[0]!.key).toBe('category');
    const loaded = await ingest(bytes, 'unsure.csv', { dryRun: false, mapping: { 'ผลิตภัณฑ์ › ชนิด': 'category' } });
    expect(loaded).toMatchObject({ status: 'partially-loaded', accepted: { created: 2 } });
    // The district's next file with the same two header rows maps itself.
    const next = csv({ ...sheet, data: sheet.data.map((r) => [...r.slice(0, 6), `${r[6]} ใหม่`, r[7]!]) });
    const again = await ingest(next, 'next.csv');
    expect(again.headerMapping).toMatchObject({ source: 'remembered', needsMapping: false });
    expect(again.headerMapping!.columns[7]).toMatchObject({ key: 'category', via: 'remembered' });
  });
});

describe('two-level headers: a row of group titles alone above the sub-titles', () => {
  const search = (rows: string[][]) => {
    const s = new HeaderRowSearch();
    for (const [i, cells] of rows.entries()) {
      const found = s.offer({ row: i + 1, cells });
      if (found) return found;
    }
    return s.end()!;
  };
  const keysOf = (cells: string[]) => mapHeaders(cells, 1).mapping.keys;
  const DATA = ['1', 'กลุ่มทอผ้าบ้านโนน', '3380100001019', 'กลุ่มผู้ผลิตชุมชน', 'โนนสมบูรณ์', 'ผ้าไหมมัดหมี่', 'ผ้า เครื่องแต่งกาย'];

  it('combined whichever row was seen as the header: the group row (English) or the sub-title row (Thai)', () => {
    // 'Producer' and 'Product' name columns themselves: the group row is seen first as the header.
    const en = search([['Producer', '', '', 'Address', '', 'Product', ''], ['Name', 'ID', 'Type', 'Village', 'Subdistrict', 'Name', 'Category'], DATA]);
    expect(en.header.row).toBe(2);
    expect(keysOf(en.header.cells)).toEqual(['producer_name', 'citizen_id', 'producer_type', 'village_no', 'subdistrict', 'product_name', 'category']);
    expect(en.rest).toEqual([]);
    // 'ข้อมูลผู้ผลิต' names none: the sub-title row is seen first; the group row above it joins it.
    const th = search([['ทะเบียนผู้ผลิต ปี 2561'], ['ลำดับ', 'ข้อมูลผู้ผลิต', '', '', 'ตำบล', 'ข้อมูลผลิตภัณฑ์', ''], ['', 'ชื่อ', 'เลขประจำตัวประชาชน', 'ประเภท', '', 'ชื่อ', 'ประเภท'], DATA]);
    expect(th.header).toEqual({ row: 3, cells: ['ลำดับ', 'ข้อมูลผู้ผลิต › ชื่อ', 'ข้อมูลผู้ผลิต › เลขประจำตัวประชาชน', 'ข้อมูลผู้ผลิต › ประเภท', 'ตำบล', 'ข้อมูลผลิตภัณฑ์ › ชื่อ', 'ข้อมูลผลิตภัณฑ์ › ประเภท'] });
    expect(keysOf(th.header.cells)).toEqual([null, 'producer_name', 'citizen_id', 'producer_type', 'subdistrict', 'product_name', 'category']);
  });

  it('a document title row is never a group row: merged across, or with a date beside it, or long', () => {
    const header = ['ชื่อ', 'เลขประจำตัวประชาชน', 'ประเภทผู้ผลิต', 'ตำบล', 'ชื่อผลิตภัณฑ์', 'ประเภทผลิตภัณฑ์'];
    for (const title of [
      ['ข้อมูลผู้ผลิต'],
      ['ข้อมูลผู้ผลิต', '', '', '', 'ข้อมูล ณ 15/11/2560'],
      ['ข้อมูลผู้ผลิต', '', '', 'ผลิตภัณฑ์ปี 2561'],
      ['แบบรายงานข้อมูลผู้ผลิตและผลิตภัณฑ์ OTOP ของอำเภอเมือง', '', '', 'ผลิตภัณฑ์'],
    ]) {
      expect(search([title, header, DATA.slice(1)]).header, title.join('|')).toEqual({ row: 2, cells: header });
      expect(combineGroupRow({ row: 1, cells: title }, { row: 2, cells: header })).toBeNull();
    }
  });

  it('a group row says something or is not taken: over titles that name every column alone, it stays a title row', () => {
    const header = ['ชื่อผู้ผลิต', 'เลขประจำตัวประชาชน', 'ประเภทผู้ผลิต', 'ตำบล', 'ชื่อผลิตภัณฑ์', 'ประเภทผลิตภัณฑ์'];
    expect(search([['ส่วนที่ ก', '', '', '', 'ส่วนที่ ข', ''], header, DATA.slice(1)]).header).toEqual({ row: 2, cells: header });
  });

  it('data rows are never group rows or sub-titles, even under a header that names nothing', () => {
    const unknown = ['คอลัมน์ ก', 'คอลัมน์ ข', 'คอลัมน์ ค', 'คอลัมน์ ง', 'คอลัมน์ จ', 'คอลัมน์ ฉ'];
    // A faulty row without its ID, then a full one.
    const found = search([unknown, ['กลุ่มทอผ้า', '', 'ประเภท', 'ตำบล', 'ชื่อ', 'อาหาร'], DATA.slice(1)]);
    expect(found.header).toEqual({ row: 1, cells: unknown });
    expect(found.rest).toHaveLength(2);
    expect(combineGroupRow({ row: 2, cells: ['กลุ่มทอผ้า', '', 'ประเภท', 'ตำบล', 'ชื่อ', 'อาหาร'] }, { row: 3, cells: DATA.slice(1) })).toBeNull();
  });
});
