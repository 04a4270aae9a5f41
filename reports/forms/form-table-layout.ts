import type { CustomTableLayout } from 'pdfmake/interfaces';

type TableNode = { table: { headerRows?: number } };

/**
 * Ruled grid of the printed forms: thin dark lines, tight padding, a light fill behind the
 * header rows (which pdfmake repeats on every page) and behind total rows (they carry fillColor
 * themselves).
 */
export const FORM_TABLE_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#333333',
  vLineColor: () => '#333333',
  paddingLeft: () => 2,
  paddingRight: () => 2,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
  fillColor: (rowIndex: number, node: unknown) => (rowIndex < ((node as TableNode).table.headerRows ?? 0) ? '#e8e8e8' : null),
};
