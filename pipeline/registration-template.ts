import type { Db } from '../db/create-db.ts';
import { PRODUCER_TYPES } from '../domain/producer-types.ts';
import { PRODUCT_CATEGORIES } from '../domain/product-categories.ts';
import { REGISTRATION_COLUMNS, type ColumnKey } from '../domain/columns.ts';
import { ScopeGeography } from './scope-geography.ts';

/** Rows of the data sheet that carry drop-downs and checks. */
export const TEMPLATE_ROWS = 2000;
export const TEMPLATE_SHEETS = { data: 'ทะเบียนผู้ผลิต', help: 'คำอธิบาย', lists: 'รายการ' } as const;

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * The import template for one district: a data sheet with the Thai headers the pipeline
 * reads (first, so it is the sheet an upload reads), drop-down lists for producer type,
 * category and the district's subdistricts, number checks for members, village and stars, the
 * citizen-ID column kept as text (so leading zeros survive), a sheet explaining every column
 * in Thai and English, and the hidden lists the drop-downs read. Null when the district does
 * not exist.
 */
export async function registrationTemplateXlsx(db: Db, districtCode: string): Promise<Buffer | null> {
  const geography = await ScopeGeography.load(db);
  const district = geography.districtByCode.get(districtCode);
  if (!district) return null;
  const subdistricts = geography.subdistrictsOf(districtCode);
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  book.creator = 'OTOP registration monitor';
  book.created = new Date(Date.UTC(2017, 7, 31));
  book.modified = book.created;

  const data = book.addWorksheet(TEMPLATE_SHEETS.data, { views: [{ state: 'frozen', ySplit: 1 }] });
  const help = book.addWorksheet(TEMPLATE_SHEETS.help);
  const lists = book.addWorksheet(TEMPLATE_SHEETS.lists, { state: 'hidden' });

  lists.getColumn(1).values = ['ประเภทผู้ผลิต', ...PRODUCER_TYPES.map((t) => t.th)];
  lists.getColumn(2).values = ['ประเภทผลิตภัณฑ์', ...PRODUCT_CATEGORIES.map((c) => c.th)];
  lists.getColumn(3).values = [`ตำบลในอำเภอ${district.nameTh}`, ...subdistricts.map((s) => s.nameTh)];
  const listRange = (col: string, n: number) => `'${TEMPLATE_SHEETS.lists}'!$${col}$2:$${col}$${n + 1}`;

  data.columns = REGISTRATION_COLUMNS.map((c) => ({
    header: c.th,
    key: c.key,
    width: Math.max(14, c.th.length + 6),
    style: c.key === 'citizen_id' || c.key === 'phone' || c.key === 'registered_date' ? { numFmt: '@' } : {},
  }));
  const header = data.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
  REGISTRATION_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.note = `${c.help.th}\n${c.help.en}${c.required ? '\n(จำเป็น / required)' : ''}`;
    if (c.required) cell.font = { bold: true, color: { argb: 'FF1A3C8C' } };
  });

  const where = (key: ColumnKey) => {
    const col = columnLetter(REGISTRATION_COLUMNS.findIndex((c) => c.key === key) + 1);
    return `${col}2:${col}${TEMPLATE_ROWS + 1}`;
  };
  const list = (formula: string, th: string, en: string) => ({
    type: 'list' as const, allowBlank: true, formulae: [formula], showErrorMessage: true,
    errorTitle: 'ค่าไม่ถูกต้อง / Invalid value', error: `${th} / ${en}`,
  });
  const whole = (min: number, max: number, th: string, en: string) => ({
    type: 'whole' as const, operator: 'between' as const, allowBlank: true, formulae: [min, max], showErrorMessage: true,
    errorTitle: 'ค่าไม่ถูกต้อง / Invalid value', error: `${th} / ${en}`,
  });
  const validations = (data as unknown as { dataValidations: { add(address: string, validation: unknown): void } }).dataValidations;
  validations.add(where('producer_type'), list(listRange('A', PRODUCER_TYPES.length), 'เลือกประเภทผู้ผลิตจากรายการ', 'pick a producer type from the list'));
  validations.add(where('category'), list(listRange('B', PRODUCT_CATEGORIES.length), 'เลือกประเภทผลิตภัณฑ์จากรายการ', 'pick a category from the list'));
  validations.add(where('subdistrict'), list(listRange('C', subdistricts.length), `เลือกตำบลในอำเภอ${district.nameTh}`, `pick a subdistrict of ${district.nameEn}`));
  validations.add(where('members'), whole(1, 1_000_000, 'จำนวนสมาชิกต้องเป็นจำนวนเต็มตั้งแต่ 1', 'members must be a whole number, 1 or more'));
  validations.add(where('village_no'), whole(1, 99, 'หมู่ที่ต้องเป็นตัวเลข 1–99', 'village number must be 1–99'));
  validations.add(where('stars'), whole(1, 5, 'ระดับดาวต้องเป็น 1–5', 'stars must be 1–5'));

  help.columns = [
    { header: 'คอลัมน์', key: 'th', width: 22 },
    { header: 'Column', key: 'en', width: 22 },
    { header: 'จำเป็น / Required', key: 'required', width: 16 },
    { header: 'คำอธิบาย', key: 'helpTh', width: 60 },
    { header: 'Description', key: 'helpEn', width: 60 },
    { header: 'ตัวอย่าง / Example', key: 'example', width: 30 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of REGISTRATION_COLUMNS) {
    help.addRow({ th: c.th, en: `${c.en} (${c.key})`, required: c.required ? 'จำเป็น / yes' : '-', helpTh: c.help.th, helpEn: c.help.en, example: c.example });
  }
  help.addRow({});
  help.addRow({
    th: 'หมายเหตุ',
    en: 'Notes',
    helpTh: `หนึ่งแถวคือหนึ่งผลิตภัณฑ์ ผู้ผลิตที่มีหลายผลิตภัณฑ์ให้กรอกหลายแถว โดยกรอกข้อมูลผู้ผลิตซ้ำทุกแถว อำเภอ${district.nameTh} (${district.code})`,
    helpEn: `One row per product; a producer with several products takes several rows repeating its details. District ${district.nameEn} (${district.code}).`,
  });
  for (const row of [1, ...REGISTRATION_COLUMNS.map((_, i) => i + 2)]) help.getRow(row).alignment = { wrapText: true, vertical: 'top' };

  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The template's CSV twin: UTF-8 with a byte-order mark (Excel reads the Thai), the Thai header row. */
export function registrationTemplateCsv(): string {
  return `\uFEFF${REGISTRATION_COLUMNS.map((c) => c.th).join(',')}\r\n`;
}
