import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { PlanStep } from '../../domain/plan.ts';
import { FORM_STYLES } from './form-styles.ts';
import { FORM_TABLE_LAYOUT } from './form-table-layout.ts';
import { formText, type FormDigits } from './form-text.ts';
import { PLAN_TITLE } from './plan-document.ts';
import { thaiDateRange } from './thai-date-range.ts';

export interface PlanCheckWindow {
  quarter: number;
  fiscalYear: number;
  step: PlanStep;
  startDate: string;
  endDate: string;
  statedDays: number;
  /** Days from start to end, both included. */
  calendarDays: number;
  /** What the check found of this window, in Thai (the validator's findings, then the plan's notes). */
  findings: readonly string[];
}

export interface PlanCheckInput {
  fiscalYear: number;
  windows: readonly PlanCheckWindow[];
  /** When the check was made. */
  checkedAt: Date;
}

export interface PlanCheckOptions {
  digits?: FormDigits;
}

export const PLAN_CHECK_TITLE = 'ผลการตรวจสอบแผนการดำเนินงานการลงทะเบียนผู้ผลิต ผู้ประกอบการ OTOP';
export const PLAN_CHECK_NOTHING = 'ไม่พบข้อสังเกต';

const CM = 72 / 2.54;

/**
 * The plan-check report of a fiscal year: every window of the plan with the days it states,
 * the days its dates span, and what a careful reader finds (a day count the calendar does not
 * give, a window outside its quarter, a year the plan's notes record as corrected). A working
 * paper for the office, kept apart from the plan itself, which is printed as it was sent.
 */
export function planCheckDocument(input: PlanCheckInput, options: PlanCheckOptions = {}): TDocumentDefinitions {
  const t = formText(options.digits);
  const title = `${PLAN_CHECK_TITLE} ปีงบประมาณ พ.ศ. ${t.year(input.fiscalYear)}`;
  const head = ['ไตรมาส', 'ขั้นตอนที่', 'ช่วงวันที่ดำเนินการ', 'จำนวนวันตามแผน', 'จำนวนวันตามปฏิทิน', 'ข้อสังเกต'];
  const body: TableCell[][] = [head.map((text) => ({ text, style: 'tableHeader' }))];
  for (const w of input.windows) {
    body.push([
      { text: t.d(w.quarter), alignment: 'center' },
      { text: t.d(w.step), alignment: 'center' },
      { text: thaiDateRange(w.startDate, w.endDate, t), alignment: 'center' },
      { text: t.d(w.statedDays), alignment: 'center' },
      { text: t.d(w.calendarDays), alignment: 'center', bold: w.calendarDays !== w.statedDays },
      w.findings.length > 0 ? { stack: w.findings.map((f) => ({ text: f })) } : { text: PLAN_CHECK_NOTHING, color: '#555555' },
    ]);
  }
  const flagged = input.windows.filter((w) => w.findings.length > 0).length;
  const content: Content[] = [
    { text: title, style: 'title', margin: [0, 0, 0, 4] },
    {
      text: `ตรวจสอบเมื่อ ${t.dateTime(input.checkedAt)} · ช่วงดำเนินการ ${t.d(input.windows.length)} ช่วง มีข้อสังเกต ${t.d(flagged)} ช่วง`,
      alignment: 'center',
      style: 'meta',
      margin: [0, 0, 0, 8],
    },
    {
      table: { headerRows: 1, dontBreakRows: true, widths: [52, 40, 130, 52, 56, '*'], body },
      layout: FORM_TABLE_LAYOUT,
      fontSize: 10,
    },
    {
      text: `เอกสารนี้เป็นผลการตรวจสอบสำหรับใช้ภายในสำนักงาน ไม่ใช่ส่วนหนึ่งของ${PLAN_TITLE} ซึ่งพิมพ์ตามที่กรมฯ กำหนด (จำนวนวันตามที่แผนระบุ)`,
      style: 'note',
      margin: [0, 8, 0, 0],
    },
  ];
  return {
    info: { title, subject: 'OTOP registration plan check' },
    pageOrientation: 'landscape',
    pageMargins: [2 * CM, 2 * CM, 2 * CM, 2 * CM],
    styles: FORM_STYLES,
    content,
  };
}
