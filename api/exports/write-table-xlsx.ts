import ExcelJS from 'exceljs';

/** How a column's cells are written: text as text, whole numbers `#,##0`, ratios as percents, days as BE dates. */
export type TableColumnKind = 'text' | 'integer' | 'percent' | 'date';

export interface TableColumn {
  /** The header as shown on screen (Thai for a Thai screen). */
  label: string;
  kind: TableColumnKind;
}

/** A text, a number, an ISO day (YYYY-MM-DD, for date columns) or blank. */
export type TableCell = string | number | null;

export interface TableXlsx {
  title: string;
  columns: readonly TableColumn[];
  rows: readonly (readonly TableCell[])[];
}

const FORMAT: Record<TableColumnKind, string | undefined> = {
  text: '@',
  integer: '#,##0',
  percent: '0.0%',
  // Excel's Thai calendar: 20 ธ.ค. 2560, still a real date that sorts and filters.
  date: '[$-th-TH,107]d mmm yyyy',
};

/** Excel refuses sheet names over 31 characters or holding []:*?/\ (and a leading/trailing quote). */
export function safeSheetName(title: string): string {
  const cleaned = title.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '');
  return [...cleaned].slice(0, 31).join('').trim() || 'Sheet1';
}

/** One cell as its column's kind: text is always a string (a "=…" stays text, never a formula). */
function cellValue(kind: TableColumnKind, v: TableCell): string | number | Date | null {
  if (v === null) return null;
  if (kind === 'text') return String(v);
  if (kind === 'date') return typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : null;
  return typeof v === 'number' ? v : null;
}

/**
 * Any table on screen as a workbook: a bold, frozen header row with an auto-filter, and each
 * cell written as a value of its column's kind. Cells are set one by one as plain values, so
 * nothing a user typed can become a formula, a hyperlink or rich text in Excel.
 */
export async function writeTableXlsx(table: TableXlsx): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(safeSheetName(table.title), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ width: c.kind === 'text' ? Math.min(48, Math.max(14, [...c.label].length + 4)) : 14 }));
  const header = sheet.getRow(1);
  table.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.label;
    cell.font = { bold: true };
  });
  table.rows.forEach((r, ri) => {
    const row = sheet.getRow(ri + 2);
    table.columns.forEach((c, ci) => {
      const cell = row.getCell(ci + 1);
      cell.value = cellValue(c.kind, r[ci] ?? null);
      const fmt = FORMAT[c.kind];
      if (fmt && c.kind !== 'text') cell.numFmt = fmt;
    });
  });
  if (table.columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  return new Uint8Array(await book.xlsx.writeBuffer());
}
