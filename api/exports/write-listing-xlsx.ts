import ExcelJS from 'exceljs';

export type ListingCell = string | number | Date | null;

export interface ListingColumn {
  /** The header as officers read it (Thai). */
  header: string;
  kind: 'text' | 'integer' | 'date';
  width?: number;
}

/**
 * A listing on screen as an Excel workbook: Thai headers in a frozen, bold first row, integers
 * with thousands separators, dates as real dates shown in the Buddhist Era ("[$-th-TH,107]",
 * Excel's Thai calendar: 20 ธ.ค. 2560) so they still sort and filter as dates.
 */
export async function writeListingXlsx(sheetName: string, columns: readonly ListingColumn[], rows: readonly ListingCell[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.width ?? (c.kind === 'text' ? 28 : 14),
    style: c.kind === 'integer' ? { numFmt: '#,##0' } : c.kind === 'date' ? { numFmt: '[$-th-TH,107]d mmm yyyy' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return new Uint8Array(await book.xlsx.writeBuffer());
}
