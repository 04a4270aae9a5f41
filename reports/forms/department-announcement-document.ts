import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { FORM_STYLES } from './form-styles.ts';
import { FORM_TABLE_LAYOUT } from './form-table-layout.ts';
import { formText, type FormDigits } from './form-text.ts';
import { keepTogether } from './keep-together.ts';
import { GARUDA_SPACE, officialSignature } from './official-signature.ts';
import { periodLabel } from './period-label.ts';
import { CERTIFICATION_SUBJECT } from './certification-document.ts';

export interface DepartmentAnnouncementInput {
  fiscalYear: number;
  quarter: number;
  /** The date of the announcement, ISO (Bangkok). */
  issuedOn: string;
  /** Provinces the department has announced for the round, with their counts. */
  provinces: readonly { code: string; nameTh: string; producers: number; products: number }[];
  /** Provinces of the round in all. */
  provincesInRound: number;
}

export const DEPARTMENT_ANNOUNCEMENT_TITLE = 'ประกาศกรมการพัฒนาชุมชน';

/**
 * The department's national announcement of a round (step 3 of the plan: กรมฯ
 * ประกาศรับรองข้อมูลผลการลงทะเบียนฯ): the provinces it has announced, each with its producers
 * and products, signed by the Director-General.
 */
export function departmentAnnouncementDocument(input: DepartmentAnnouncementInput, options: { digits?: FormDigits } = {}): TDocumentDefinitions {
  const t = formText(options.digits);
  const period = periodLabel(input.fiscalYear, input.quarter, t);
  const subject = `${CERTIFICATION_SUBJECT} ${period}`;
  const producers = input.provinces.reduce((n, p) => n + p.producers, 0);
  const products = input.provinces.reduce((n, p) => n + p.products, 0);
  const body: TableCell[][] = [['ที่', 'จังหวัด', 'ผู้ผลิตผู้ประกอบการ (ราย)', 'ผลิตภัณฑ์ (รายการ)'].map((text) => ({ text, style: 'tableHeader', fontSize: 10 }))];
  input.provinces.forEach((p, i) => {
    body.push([
      { text: t.d(i + 1), alignment: 'center' },
      p.code === '10' ? p.nameTh : `จังหวัด${p.nameTh}`,
      { text: t.n(p.producers), alignment: 'right' },
      { text: t.n(p.products), alignment: 'right' },
    ]);
  });
  body.push([
    { text: 'รวม', colSpan: 2, bold: true, alignment: 'center', fillColor: '#e8e8e8' },
    {},
    { text: t.n(producers), bold: true, alignment: 'right', fillColor: '#e8e8e8' },
    { text: t.n(products), bold: true, alignment: 'right', fillColor: '#e8e8e8' },
  ]);
  const content: Content[] = [
    GARUDA_SPACE,
    { text: DEPARTMENT_ANNOUNCEMENT_TITLE, bold: true, alignment: 'center' },
    { text: keepTogether(`เรื่อง ${subject}`), bold: true, alignment: 'center' },
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 120, y2: 0, lineWidth: 0.75 }], alignment: 'center', margin: [0, 6, 0, 12] },
    {
      text: keepTogether(
        `ตามที่จังหวัดและกรุงเทพมหานครได้ตรวจสอบ รับรองข้อมูล และประกาศรับรองข้อมูลผลการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP ${period} แล้ว กรมการพัฒนาชุมชนจึงประกาศรับรองข้อมูลผลการลงทะเบียนของ ${t.d(input.provinces.length)} จังหวัด จากทั้งหมด ${t.d(input.provincesInRound)} จังหวัด มีผู้ผลิตผู้ประกอบการ OTOP จำนวน ${t.n(producers)} ราย ผลิตภัณฑ์ จำนวน ${t.n(products)} รายการ ตามบัญชีท้ายประกาศนี้`,
      ),
      leadingIndent: 72,
      margin: [0, 0, 0, 10],
    },
    { table: { headerRows: 1, dontBreakRows: true, widths: [24, '*', 110, 100], body }, layout: FORM_TABLE_LAYOUT, fontSize: 11, margin: [0, 0, 0, 12] },
    { text: 'ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป', leadingIndent: 72, margin: [0, 0, 0, 16] },
    { columns: [{ width: '40%', text: '' }, { width: '*', text: `ประกาศ ณ วันที่ ${t.date(input.issuedOn).replace(/ (\S+)$/, ' พ.ศ. $1')}` }] },
    officialSignature(['อธิบดีกรมการพัฒนาชุมชน']),
  ];
  return {
    info: { title: `${DEPARTMENT_ANNOUNCEMENT_TITLE} เรื่อง ${subject}`, subject: 'OTOP national announcement' },
    styles: FORM_STYLES,
    defaultStyle: { fontSize: 13 },
    content,
  };
}
