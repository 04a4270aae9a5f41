import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { PRODUCER_TYPES } from '../../domain/producer-types.ts';
import { PRODUCT_CATEGORIES } from '../../domain/product-categories.ts';
import { PRODUCT_STANDARDS } from '../../domain/product-standards.ts';
import { GUIDELINES_DOCUMENTS, GUIDELINES_SECTIONS, GUIDELINES_STEPS, GUIDELINES_TITLE, GUIDELINES_WHO } from '../../domain/registration-guidelines.ts';
import { FORM_STYLES } from './form-styles.ts';
import { FORM_TABLE_LAYOUT } from './form-table-layout.ts';
import { formText, type FormDigits } from './form-text.ts';
import { PLAN_STEP_TEXT, type PlanDocumentInput } from './plan-document.ts';
import { thaiDateRange } from './thai-date-range.ts';

export interface GuidelinesOptions {
  digits?: FormDigits;
}

/**
 * The registration guidelines (the letter's enclosure 4) as a paper: who registers, the
 * documents, the steps, the producer types, product categories and standards, and the plan's
 * windows of the fiscal year (the days as the plan states them).
 */
export function guidelinesDocument(plan: PlanDocumentInput, options: GuidelinesOptions = {}): TDocumentDefinitions {
  const t = formText(options.digits);
  const heading = (text: string): Content => ({ text, bold: true, margin: [0, 8, 0, 2] });
  const numbered = (items: readonly string[]): Content => ({
    stack: items.map((text, i): Content => ({ columns: [{ width: 20, text: `${t.d(i + 1)}.` }, { width: '*', text }] })),
  });
  const windows: TableCell[][] = [['ไตรมาส', 'ขั้นตอน', 'ช่วงวันที่', 'จำนวนวัน'].map((text) => ({ text, style: 'tableHeader' }))];
  for (const r of plan.rounds) {
    for (const w of [...r.windows].sort((a, b) => a.step - b.step)) {
      windows.push([
        { text: t.d(r.quarter), alignment: 'center' },
        `${t.d(w.step)}. ${PLAN_STEP_TEXT[w.step]}`,
        { text: thaiDateRange(w.startDate, w.endDate, t), alignment: 'center' },
        { text: t.d(w.statedDays), alignment: 'center' },
      ]);
    }
  }
  const section = (n: number, h: { th: string }) => `${t.d(n)}. ${h.th}`;
  const title = `${GUIDELINES_TITLE} ปีงบประมาณ พ.ศ. ${t.year(plan.fiscalYear)}`;
  const content: Content[] = [
    { text: title, style: 'title', margin: [0, 0, 0, 6] },
    heading(section(1, GUIDELINES_SECTIONS.who)),
    numbered(GUIDELINES_WHO.map((s) => t.d(s.th))),
    heading(section(2, GUIDELINES_SECTIONS.documents)),
    numbered(GUIDELINES_DOCUMENTS.map((s) => t.d(s.th))),
    heading(section(3, GUIDELINES_SECTIONS.steps)),
    numbered(GUIDELINES_STEPS.map((s) => s.th)),
    heading(section(4, GUIDELINES_SECTIONS.types)),
    numbered(PRODUCER_TYPES.map((p) => p.th)),
    heading(section(5, GUIDELINES_SECTIONS.categories)),
    numbered(PRODUCT_CATEGORIES.map((c) => c.th)),
    heading(section(6, GUIDELINES_SECTIONS.standards)),
    { text: PRODUCT_STANDARDS.map((s) => s.th).join(' · ') },
    heading(section(7, GUIDELINES_SECTIONS.plan)),
    { table: { headerRows: 1, dontBreakRows: true, widths: [40, '*', 130, 46], body: windows }, layout: FORM_TABLE_LAYOUT, fontSize: 10 },
  ];
  return {
    info: { title, subject: 'OTOP registration guidelines' },
    styles: FORM_STYLES,
    defaultStyle: { fontSize: 12 },
    content,
  };
}
