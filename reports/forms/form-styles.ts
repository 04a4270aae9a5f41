import type { StyleDictionary } from 'pdfmake/interfaces';

/**
 * The type scale every official form shares. Sarabun (the engine's only face) runs larger
 * than the TH Sarabun New of printed government forms: 13 pt here reads like its 16 pt.
 */
export const FORM_STYLES: StyleDictionary = {
  title: { fontSize: 15, bold: true, alignment: 'center' },
  subtitle: { fontSize: 13, bold: true, alignment: 'center' },
  meta: { fontSize: 10.5 },
  tableHeader: { fontSize: 8.5, bold: true, alignment: 'center' },
  tableBody: { fontSize: 10 },
  number: { alignment: 'right' },
  totalRow: { bold: true },
  note: { fontSize: 9.5, color: '#333333' },
  letter: { fontSize: 13 },
  enclosureMark: { fontSize: 11, alignment: 'right' },
};
