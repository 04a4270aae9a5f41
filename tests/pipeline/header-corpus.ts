import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { ColumnKey } from '../../domain/columns.ts';

// Header variants made up the way district offices title their own spreadsheets: Thai,
// English, mixed, numbered, abbreviated, with title rows above (merged across the sheet in
// XLSX), running-number and remark columns, blank columns; as CSV (UTF-8 and Windows-874) and
// XLSX. Each says what every column must map to, or what the mapping step must ask.

export type CorpusFormat = 'csv' | 'csv-874' | 'xlsx';

export interface HeaderVariant {
  name: string;
  format: CorpusFormat;
  /** Rows above the header row (XLSX: each merged across the header's width). */
  titleRows?: string[];
  /**
   * A row of group titles above the column titles (two-level headers), one cell per column as
   * written: a group title then blanks across its span (XLSX: merged across it), or a column's
   * own title over a blank column title (XLSX: merged down over both rows).
   */
  groupRow?: string[];
  /** Each column: its title, and the canonical column its cells hold (null: not data we load). */
  columns: Array<[title: string, holds: ColumnKey | 'running' | 'remark' | 'blank']>;
  /** What recognition must decide for each column, in order; default: what the column holds. */
  expectKeys?: Array<ColumnKey | null>;
  /** The mapping step: required columns missing, and for a title the candidate expected first. */
  expectAsk?: { missing: ColumnKey[]; firstCandidate: Record<string, ColumnKey> };
}

/** Five rows of the base fixture (3 producers, 5 products), by column. */
export const BASE_ROWS: Array<Record<ColumnKey, string>> = [
  ['กลุ่มทอผ้าไหมบ้านโนนสมบูรณ์', '3380100001019', 'กลุ่มผู้ผลิตชุมชน', 'นางสมศรี ศรีสุข', '0812345678', '25', '12', '5', 'โนนสมบูรณ์', '', 'ผ้าไหมมัดหมี่', 'ผ้า เครื่องแต่งกาย', 'มผช.', '4', '15/11/2560'],
  ['กลุ่มทอผ้าไหมบ้านโนนสมบูรณ์', '3380100001019', 'กลุ่มผู้ผลิตชุมชน', 'นางสมศรี ศรีสุข', '0812345678', '25', '12', '5', 'โนนสมบูรณ์', '', 'ผ้าขาวม้า', 'ผ้า เครื่องแต่งกาย', 'มผช.', '3', '15/11/2560'],
  ['กลุ่มทอผ้าไหมบ้านโนนสมบูรณ์', '3380100001019', 'กลุ่มผู้ผลิตชุมชน', 'นางสมศรี ศรีสุข', '0812345678', '25', '12', '5', 'โนนสมบูรณ์', '', 'ตะกร้า, สานไม้ไผ่', 'ของใช้ ของตกแต่ง ของที่ระลึก', '', '', '15/11/2560'],
  ['นายบุญมี แก้วมณี', '3380100001027', 'ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว', 'นายบุญมี แก้วมณี', '0898765432', '1', '45/2', '3', 'หอคำ', '', 'น้ำพริกเผา', 'อาหาร', 'อย., GMP', '', '01/12/2560'],
  ['บริษัท บึงกาฬฟู้ด จำกัด', '0105550001232', 'SME', 'นายประเสริฐ ทองดี', '042491234', '12', '99', '1', 'บึงกาฬ', '', 'ไวน์หมากเม่า', 'เครื่องดื่ม', 'อย.', '5', '20/11/2560'],
].map((cells) => {
  const keys: ColumnKey[] = [
    'producer_name', 'citizen_id', 'producer_type', 'contact_name', 'phone', 'members', 'house_no', 'village_no', 'subdistrict',
    'district', 'product_name', 'category', 'standards', 'stars', 'registered_date',
  ];
  return Object.fromEntries(keys.map((k, i) => [k, cells[i]!])) as Record<ColumnKey, string>;
});

export const HEADER_VARIANTS: HeaderVariant[] = [
  {
    name: 'the template, Thai titles', format: 'csv',
    columns: [['ชื่อผู้ผลิต', 'producer_name'], ['เลขประจำตัวประชาชน', 'citizen_id'], ['ประเภทผู้ผลิต', 'producer_type'], ['ตำบล', 'subdistrict'],
      ['ชื่อผลิตภัณฑ์', 'product_name'], ['ประเภทผลิตภัณฑ์', 'category'], ['ระดับดาว', 'stars']],
  },
  {
    name: 'English keys in another order', format: 'csv',
    columns: [['product_name', 'product_name'], ['category', 'category'], ['citizen_id', 'citizen_id'], ['producer_name', 'producer_name'],
      ['producer_type', 'producer_type'], ['subdistrict', 'subdistrict'], ['phone', 'phone']],
  },
  {
    name: 'English titles, a No. column and a Remarks column', format: 'csv',
    columns: [['No.', 'running'], ['Producer Name', 'producer_name'], ['Citizen ID No.', 'citizen_id'], ['Producer Type', 'producer_type'],
      ['Tel.', 'phone'], ['Moo', 'village_no'], ['Tambon', 'subdistrict'], ['Product', 'product_name'], ['Product Category', 'category'],
      ['OTOP Stars', 'stars'], ['Remarks', 'remark']],
  },
  {
    name: 'Thai titles numbered "1." and "(2)", notes in brackets, required marks', format: 'csv',
    columns: [['1. ชื่อกลุ่ม/ผู้ผลิต *', 'producer_name'], ['(2) เลขบัตรประชาชน (13 หลัก) *', 'citizen_id'], ['3) ประเภทผู้ประกอบการ', 'producer_type'],
      ['4. ที่อยู่เลขที่', 'house_no'], ['5. หมู่ที่', 'village_no'], ['6. ตำบล *', 'subdistrict'], ['7. ชื่อสินค้า *', 'product_name'],
      ['8. หมวดผลิตภัณฑ์ *', 'category'], ['9. วันที่ลงทะเบียน (วว/ดด/ปปปป)', 'registered_date']],
  },
  {
    name: 'XLSX: two title rows merged across the sheet, a blank row, ลำดับ and หมายเหตุ', format: 'xlsx',
    titleRows: ['ทะเบียนผู้ผลิต ผู้ประกอบการ OTOP อำเภอเมืองบึงกาฬ จังหวัดบึงกาฬ', 'ปีงบประมาณ ๒๕๖๑ ไตรมาสที่ ๑', ''],
    columns: [['ลำดับ', 'running'], ['ชื่อผู้ผลิต/ผู้ประกอบการ', 'producer_name'], ['เลขประจำตัวประชาชน', 'citizen_id'], ['ประเภทผู้ผลิต', 'producer_type'],
      ['ชื่อผู้ติดต่อ', 'contact_name'], ['โทรศัพท์', 'phone'], ['ตำบล', 'subdistrict'], ['ชื่อผลิตภัณฑ์', 'product_name'],
      ['ประเภทผลิตภัณฑ์', 'category'], ['หมายเหตุ', 'remark']],
  },
  {
    name: 'Windows-874 CSV with Thai abbreviations (ลำดับที่, เลข ปชช., ม., ต., เบอร์โทร.)', format: 'csv-874',
    columns: [['ลำดับที่', 'running'], ['ชื่อผู้ประกอบการ', 'producer_name'], ['เลข ปชช.', 'citizen_id'], ['ประเภทผู้ประกอบการ', 'producer_type'],
      ['เบอร์โทร.', 'phone'], ['ม.', 'village_no'], ['ต.', 'subdistrict'], ['ผลิตภัณฑ์', 'product_name'], ['หมวดผลิตภัณฑ์', 'category'],
      ['ดาว', 'stars'], ['หมายเหตุ', 'remark']],
  },
  {
    name: 'Windows-874 CSV with a title row and numbered Thai titles', format: 'csv-874',
    titleRows: ['รายชื่อผู้ผลิต OTOP ที่ลงทะเบียน อำเภอเมืองบึงกาฬ'],
    columns: [['ที่', 'running'], ['1.ชื่อกลุ่ม', 'producer_name'], ['2.เลขบัตรประจำตัวประชาชน', 'citizen_id'], ['3.ประเภทกลุ่ม', 'producer_type'],
      ['4.ตำบล/แขวง', 'subdistrict'], ['5.ชื่อผลิตภัณฑ์', 'product_name'], ['6.ประเภทสินค้า', 'category'], ['7.มาตรฐาน', 'standards']],
  },
  {
    name: 'mixed Thai and English, alternatives and translations in brackets', format: 'csv',
    columns: [['Producer name (ชื่อผู้ผลิต)', 'producer_name'], ['Citizen ID / เลขบัตรประชาชน', 'citizen_id'], ['Type', 'producer_type'],
      ['Tel (โทรศัพท์)', 'phone'], ['Tambon (ตำบล)', 'subdistrict'], ['Product / ผลิตภัณฑ์', 'product_name'], ['Category (ประเภทผลิตภัณฑ์)', 'category']],
  },
  {
    name: 'XLSX: Thai digits in the numbering, zero-width spaces pasted from the web', format: 'xlsx',
    columns: [['๑. ชื่อ\u200bผู้ผลิต', 'producer_name'], ['๒. เลข\u200bประจำตัว\u200bประชาชน', 'citizen_id'], ['๓. ประเภท\u200bผู้ผลิต', 'producer_type'],
      ['๔. ตำบล\u200b', 'subdistrict'], ['๕. ชื่อ\u200bผลิตภัณฑ์', 'product_name'], ['๖. ประเภท\u200bผลิตภัณฑ์', 'category']],
  },
  {
    name: 'alternatives joined by "หรือ" and "/"', format: 'csv',
    columns: [['ชื่อผู้ผลิตหรือกลุ่ม', 'producer_name'], ['เลขบัตรประชาชน หรือ เลขนิติบุคคล', 'citizen_id'], ['ประเภทผู้ผลิต', 'producer_type'],
      ['เบอร์โทร หรือ มือถือ', 'phone'], ['ตำบล/แขวง', 'subdistrict'], ['ชื่อผลิตภัณฑ์ หรือ สินค้า', 'product_name'], ['ประเภทผลิตภัณฑ์', 'category']],
  },
  {
    name: 'XLSX: English upper case with required marks, a title row', format: 'xlsx',
    titleRows: ['OTOP PRODUCER REGISTRATION — BUENG KAN'],
    columns: [['#', 'running'], ['PRODUCER NAME*', 'producer_name'], ['CITIZEN ID*', 'citizen_id'], ['PRODUCER TYPE*', 'producer_type'],
      ['SUB-DISTRICT*', 'subdistrict'], ['PRODUCT NAME*', 'product_name'], ['CATEGORY*', 'category'], ['STAR RATING', 'stars'], ['DATE REGISTERED', 'registered_date']],
  },
  {
    name: 'examples after "เช่น", "OTOP" and who asks in the titles', format: 'csv',
    columns: [['ชื่อผู้ผลิต', 'producer_name'], ['เลขประจำตัว ปชช. ผู้ขอ', 'citizen_id'], ['ประเภทผู้ผลิต เช่น กลุ่ม/รายเดียว/SME', 'producer_type'],
      ['ชื่อตำบลที่ตั้ง', 'subdistrict'], ['ชื่อผลิตภัณฑ์ OTOP', 'product_name'], ['ประเภทสินค้า OTOP', 'category'],
      ['มาตรฐานที่ได้รับ เช่น อย. มผช.', 'standards'], ['ระดับดาว (1-5)', 'stars']],
  },
  {
    name: 'a blank column with no title between columns, and a trailing remark', format: 'csv',
    columns: [['ชื่อผู้ผลิต', 'producer_name'], ['', 'blank'], ['เลขประจำตัวประชาชน', 'citizen_id'], ['ประเภทผู้ผลิต', 'producer_type'],
      ['ตำบล', 'subdistrict'], ['ชื่อผลิตภัณฑ์', 'product_name'], ['ประเภทผลิตภัณฑ์', 'category'], ['ข้อสังเกต', 'remark']],
  },
  {
    name: 'unsure: "ชื่อ" alone for the producer name → asked, producer_name among the candidates', format: 'csv',
    columns: [['ชื่อ', 'producer_name'], ['เลขประจำตัวประชาชน', 'citizen_id'], ['ประเภทผู้ผลิต', 'producer_type'], ['ตำบล', 'subdistrict'],
      ['ชื่อผลิตภัณฑ์', 'product_name'], ['ประเภทผลิตภัณฑ์', 'category']],
    expectKeys: [null, 'citizen_id', 'producer_type', 'subdistrict', 'product_name', 'category'],
    expectAsk: { missing: ['producer_name'], firstCandidate: { 'ชื่อ': 'producer_name' } },
  },
  {
    name: 'unsure: "ที่อยู่ ตำบล" and "Tambol" → asked, subdistrict first', format: 'xlsx',
    titleRows: ['แบบลงทะเบียนผู้ผลิต'],
    columns: [['ชื่อผู้ผลิต', 'producer_name'], ['เลขประจำตัวประชาชน', 'citizen_id'], ['ประเภทผู้ผลิต', 'producer_type'], ['ที่อยู่ ตำบล', 'subdistrict'],
      ['ชื่อผลิตภัณฑ์', 'product_name'], ['ประเภทผลิตภัณฑ์', 'category']],
    expectKeys: ['producer_name', 'citizen_id', 'producer_type', null, 'product_name', 'category'],
    expectAsk: { missing: ['subdistrict'], firstCandidate: { 'ที่อยู่ ตำบล': 'subdistrict' } },
  },
  {
    name: 'unsure: "ประเภท" alone next to the product category → asked, producer_type first', format: 'csv-874',
    columns: [['ชื่อผู้ผลิต', 'producer_name'], ['เลขประจำตัวประชาชน', 'citizen_id'], ['ประเภท', 'producer_type'], ['ตำบล', 'subdistrict'],
      ['ชื่อผลิตภัณฑ์', 'product_name'], ['ประเภทผลิตภัณฑ์', 'category']],
    expectKeys: ['producer_name', 'citizen_id', null, 'subdistrict', 'product_name', 'category'],
    expectAsk: { missing: ['producer_type'], firstCandidate: { 'ประเภท': 'producer_type' } },
  },
  {
    name: 'two titles for one column (ชื่อกลุ่ม, ชื่อผู้ผลิต) → asked which', format: 'csv',
    columns: [['ชื่อกลุ่ม', 'producer_name'], ['ชื่อผู้ผลิต', 'contact_name'], ['เลขประจำตัวประชาชน', 'citizen_id'], ['ประเภทผู้ผลิต', 'producer_type'],
      ['ตำบล', 'subdistrict'], ['ชื่อผลิตภัณฑ์', 'product_name'], ['ประเภทผลิตภัณฑ์', 'category']],
    expectKeys: ['producer_name', null, 'citizen_id', 'producer_type', 'subdistrict', 'product_name', 'category'],
    expectAsk: { missing: [], firstCandidate: { 'ชื่อผู้ผลิต': 'producer_name' } },
  },
  {
    name: 'the product column truly absent → refused, nothing to offer for it', format: 'csv',
    columns: [['ชื่อผู้ผลิต', 'producer_name'], ['เลขประจำตัวประชาชน', 'citizen_id'], ['ประเภทผู้ผลิต', 'producer_type'], ['ตำบล', 'subdistrict'],
      ['ประเภทผลิตภัณฑ์', 'category'], ['หมายเหตุ', 'remark']],
    expectAsk: { missing: ['product_name'], firstCandidate: {} },
  },
  {
    name: 'XLSX: a title row, then only group titles (ข้อมูลผู้ผลิต, ที่อยู่, ข้อมูลผลิตภัณฑ์) merged over ชื่อ | ประเภท …, ลำดับ merged down', format: 'xlsx',
    titleRows: ['ทะเบียนผู้ผลิต OTOP อำเภอเมืองบึงกาฬ ปีงบประมาณ 2561'],
    groupRow: ['ลำดับ', 'ข้อมูลผู้ผลิต', '', '', 'ที่อยู่', '', '', 'ข้อมูลผลิตภัณฑ์', '', ''],
    columns: [['', 'running'], ['ชื่อ', 'producer_name'], ['เลขประจำตัวประชาชน', 'citizen_id'], ['ประเภท', 'producer_type'], ['เลขที่', 'house_no'],
      ['หมู่ที่', 'village_no'], ['ตำบล', 'subdistrict'], ['ชื่อ', 'product_name'], ['ประเภท', 'category'], ['ระดับดาว', 'stars']],
  },
  {
    name: 'CSV: group titles written once (ข้อมูลผู้ผลิต, ผู้ติดต่อ, ที่อยู่, ผลิตภัณฑ์), "ชื่อ" under three of them', format: 'csv',
    groupRow: ['ข้อมูลผู้ผลิต', '', '', 'ผู้ติดต่อ', '', 'ที่อยู่', '', 'ผลิตภัณฑ์', ''],
    columns: [['ชื่อ', 'producer_name'], ['เลขบัตรประชาชน', 'citizen_id'], ['ประเภท', 'producer_type'], ['ชื่อ', 'contact_name'], ['โทรศัพท์', 'phone'],
      ['หมู่', 'village_no'], ['ตำบล', 'subdistrict'], ['ชื่อ', 'product_name'], ['ประเภท', 'category']],
  },
  {
    name: 'Windows-874 CSV: groups alone over sub-titles, neither row naming two columns by itself', format: 'csv-874',
    groupRow: ['ลำดับ', 'ข้อมูลผู้ผลิต', '', '', 'ตำบล', 'ข้อมูลผลิตภัณฑ์', ''],
    columns: [['', 'running'], ['ชื่อ', 'producer_name'], ['เลขประจำตัว', 'citizen_id'], ['ประเภท', 'producer_type'], ['', 'subdistrict'],
      ['ชื่อ', 'product_name'], ['ประเภท', 'category']],
  },
  {
    name: 'CSV: English groups repeated (Producer, Address, Product) over Name, ID, Type, Village, Subdistrict, Name, Category', format: 'csv',
    groupRow: ['Producer', 'Producer', 'Producer', 'Address', 'Address', 'Product', 'Product'],
    columns: [['Name', 'producer_name'], ['ID', 'citizen_id'], ['Type', 'producer_type'], ['Village', 'village_no'], ['Subdistrict', 'subdistrict'],
      ['Name', 'product_name'], ['Category', 'category']],
  },
  {
    name: 'XLSX: ลำดับ and เลขประจำตัวประชาชน merged down over both rows, groups over the rest, หมายเหตุ merged down', format: 'xlsx',
    groupRow: ['ลำดับ', 'เลขประจำตัวประชาชน', 'ข้อมูลผู้ผลิต', '', 'ที่อยู่', '', 'ข้อมูลผลิตภัณฑ์', '', 'หมายเหตุ'],
    columns: [['', 'running'], ['', 'citizen_id'], ['ชื่อ', 'producer_name'], ['ประเภท', 'producer_type'], ['หมู่ที่', 'village_no'], ['ตำบล', 'subdistrict'],
      ['ชื่อ', 'product_name'], ['ประเภท', 'category'], ['', 'remark']],
  },
  {
    name: 'not a group: a document title merged over a header with "ชื่อ" alone stays a title → asked', format: 'xlsx',
    titleRows: ['ข้อมูลผู้ผลิต'],
    columns: [['ชื่อ', 'producer_name'], ['เลขประจำตัวประชาชน', 'citizen_id'], ['ประเภทผู้ผลิต', 'producer_type'], ['ตำบล', 'subdistrict'],
      ['ชื่อผลิตภัณฑ์', 'product_name'], ['ประเภทผลิตภัณฑ์', 'category']],
    expectKeys: [null, 'citizen_id', 'producer_type', 'subdistrict', 'product_name', 'category'],
    expectAsk: { missing: ['producer_name'], firstCandidate: { 'ชื่อ': 'producer_name' } },
  },
];

function cellOf(holds: HeaderVariant['columns'][number][1], row: Record<ColumnKey, string>, i: number): string {
  if (holds === 'running') return String(i + 1);
  if (holds === 'remark') return i === 0 ? 'ส่งแล้ว' : '';
  if (holds === 'blank') return '';
  return row[holds];
}

/** The variant's rows: title rows, group titles, header, the five base rows. */
export function variantRows(v: HeaderVariant, rows = BASE_ROWS): string[][] {
  return [
    ...(v.titleRows ?? []).map((t) => [t]),
    ...(v.groupRow ? [v.groupRow] : []),
    v.columns.map(([title]) => title),
    ...rows.map((r, i) => v.columns.map(([, holds]) => cellOf(holds, r, i))),
  ];
}

function csvText(rows: string[][]): string {
  const quote = (c: string) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** The variant as the bytes of its file. */
export async function variantBytes(v: HeaderVariant, rows = BASE_ROWS): Promise<Uint8Array> {
  const all = variantRows(v, rows);
  if (v.format === 'csv') return new TextEncoder().encode(csvText(all));
  if (v.format === 'csv-874') return new Uint8Array(iconv.encode(csvText(all), 'windows-874'));
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('ทะเบียน');
  const titles = v.titleRows?.length ?? 0;
  for (const r of all) sheet.addRow(r);
  // Title rows merged across the table, as offices lay them out.
  for (let i = 1; i <= titles; i++) if (all[i - 1]![0] !== '') sheet.mergeCells(i, 1, i, v.columns.length);
  // Group titles merged across their span; a column's own title merged down over both rows.
  const groups = v.groupRow ?? [];
  const row = titles + 1;
  for (let c = 0; c < groups.length; c++) {
    if (groups[c] === '') continue;
    if (v.columns[c]![0] === '') {
      sheet.mergeCells(row, c + 1, row + 1, c + 1);
      continue;
    }
    let end = c;
    while (end + 1 < groups.length && groups[end + 1] === '' && v.columns[end + 1]![0] !== '') end++;
    if (end > c) sheet.mergeCells(row, c + 1, row, end + 1);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}
