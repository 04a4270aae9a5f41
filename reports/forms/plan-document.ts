import type { Content, CustomTableLayout, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { RESPONSIBLE_LABELS, type PlanStep, type Responsible } from '../../domain/plan.ts';
import { formText, type FormDigits } from './form-text.ts';
import { FORM_STYLES } from './form-styles.ts';
import { FORM_TABLE_LAYOUT } from './form-table-layout.ts';
import { thaiDateRange } from './thai-date-range.ts';

export interface PlanDocumentInput {
  fiscalYear: number;
  rounds: readonly {
    fiscalYear: number;
    quarter: number;
    windows: readonly { step: PlanStep; startDate: string; endDate: string; statedDays: number; responsible: Responsible; note: string | null }[];
  }[];
}

export interface PlanDocumentOptions {
  digits?: FormDigits;
}

export const PLAN_TITLE = 'แผนการดำเนินงานการลงทะเบียนผู้ผลิต ผู้ประกอบการ OTOP';

/** What each step is, in the words of the letter's enclosure 1. */
export const PLAN_STEP_TEXT: Readonly<Record<PlanStep, string>> = {
  1: 'อำเภอลงทะเบียนผู้ผลิต ผู้ประกอบการ OTOP ในระบบออนไลน์',
  2: 'จังหวัดและกรุงเทพมหานคร ตรวจสอบข้อมูล รับรองข้อมูลในระบบออนไลน์/ประกาศรับรองข้อมูลผลการลงทะเบียนฯ และรายงานผลการลงทะเบียนฯ ให้กรมฯ ทราบ',
  3: 'กรมฯ ประกาศรับรองข้อมูลผลการลงทะเบียนฯ',
};

// The enclosure names the province together with Bangkok, which has no province office.
const RESPONSIBLE_TEXT: Readonly<Record<Responsible, string>> = {
  district: RESPONSIBLE_LABELS.district.th,
  province: 'จังหวัด/กรุงเทพมหานคร',
  department: RESPONSIBLE_LABELS.department.th,
};

const CM = 72 / 2.54;

const HEADER_FILL = '#e8e8e8';
const CELL_MARGIN: [number, number, number, number] = [2, 1.5, 2, 1.5];
// Step, what, days, dates, who: the inner tables of every row share these widths.
const STEP_WIDTHS = [40, '*', 54, 138, 92];

// The outer table: ruled like every form, but without padding, so that the inner tables'
// rules meet its own; the quarter cell gets its padding as a margin.
const QUARTER_TABLE_LAYOUT: CustomTableLayout = {
  ...FORM_TABLE_LAYOUT,
  paddingLeft: () => 0,
  paddingRight: () => 0,
  paddingTop: () => 0,
  paddingBottom: () => 0,
  fillColor: (rowIndex: number) => (rowIndex === 0 ? HEADER_FILL : null),
};

// The inner tables: rules between their cells only (the outer table draws the frame).
const STEP_TABLE_LAYOUT: CustomTableLayout = {
  ...FORM_TABLE_LAYOUT,
  hLineWidth: (i: number, node: unknown) => (i === 0 || i === (node as { table: { body: unknown[] } }).table.body.length ? 0 : 0.5),
  vLineWidth: (i: number, node: unknown) => (i === 0 || i === (node as { table: { widths: unknown[] } }).table.widths.length ? 0 : 0.5),
  fillColor: () => null,
};

const HEADER = ['ระยะเวลาดำเนินการ', 'ขั้นตอนที่', 'รายละเอียดการดำเนินงาน', 'จำนวนวัน', 'ช่วงวันที่ดำเนินการ', 'ผู้รับผิดชอบ'];

/**
 * The operation plan of a fiscal year laid out like the letter's enclosure 1: one block of
 * rows per quarter (the quarter named once, beside its steps), one row per step with what is
 * done, the days the plan states, the dates and who does it — as the department sent it: the
 * day counts as stated, no notes. What a check of the plan finds (a day count the calendar does
 * not give, a corrected year) goes in the plan-check report (plan-check-document.ts), never on
 * the plan an officer forwards.
 */
export function planDocument(input: PlanDocumentInput, options: PlanDocumentOptions = {}): TDocumentDefinitions {
  const t = formText(options.digits);
  // Each quarter is one row of the outer table (the quarter named once, down the row) holding
  // its steps as an inner table: dontBreakRows then keeps a quarter on one page, which a rowSpan
  // cannot, while the header (an inner table of the same widths) repeats on every page.
  const stepsTable = (rows: TableCell[][]): Content => ({
    table: { widths: STEP_WIDTHS, body: rows },
    layout: STEP_TABLE_LAYOUT,
  });
  const body: TableCell[][] = [
    [
      { text: HEADER[0] as string, style: 'tableHeader', margin: CELL_MARGIN },
      stepsTable([HEADER.slice(1).map((text) => ({ text, style: 'tableHeader', fillColor: HEADER_FILL }))]),
    ],
  ];
  for (const round of input.rounds) {
    const windows = [...round.windows].sort((a, b) => a.step - b.step);
    const steps: TableCell[][] = windows.map((w) => [
      { text: t.d(w.step), alignment: 'center' },
      { text: PLAN_STEP_TEXT[w.step] },
      { text: `${t.d(w.statedDays)} วัน`, alignment: 'center' },
      { text: thaiDateRange(w.startDate, w.endDate, t), alignment: 'center' },
      { text: RESPONSIBLE_TEXT[w.responsible], alignment: 'center' },
    ]);
    body.push([
      { text: `ไตรมาส ${t.d(round.quarter)}\nปีงบประมาณ ${t.year(round.fiscalYear)}`, alignment: 'center', margin: CELL_MARGIN },
      steps.length > 0 ? stepsTable(steps) : { text: '' },
    ]);
  }
  const title = `${PLAN_TITLE} ปีงบประมาณ พ.ศ. ${t.year(input.fiscalYear)}`;
  const content: Content[] = [
    { text: title, style: 'title', margin: [0, 0, 0, 10] },
    {
      table: { headerRows: 1, dontBreakRows: true, widths: [96, '*'], body },
      layout: QUARTER_TABLE_LAYOUT,
      style: 'tableBody',
      fontSize: 10.5,
    },
  ];
  return {
    info: { title, subject: 'OTOP registration plan', keywords: `plan ${input.fiscalYear}` },
    pageOrientation: 'landscape',
    pageMargins: [2 * CM, 2 * CM, 2 * CM, 2 * CM],
    styles: FORM_STYLES,
    content,
  };
}
