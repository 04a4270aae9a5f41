import { parse } from 'csv-parse/sync';
import { normalizeText } from '../domain/normalize-text.ts';
import { parseDateInput } from '../domain/thai-date.ts';
import type { PlanWindow, Responsible } from '../domain/plan.ts';
import type { Quarter } from '../domain/fiscal-year.ts';

export interface PlanReadProblem {
  row: number;
  column: string;
  value: string;
  message: { th: string; en: string };
}

/** Column keys of a plan file, with the Thai headers the letter's table uses. */
const COLUMNS: Record<string, readonly string[]> = {
  fiscal_year: ['fiscal_year', 'ปีงบประมาณ'],
  quarter: ['quarter', 'ไตรมาส'],
  step: ['step', 'ขั้นตอนที่', 'ขั้นตอน'],
  start_date: ['start_date', 'วันเริ่ม', 'วันที่เริ่ม'],
  end_date: ['end_date', 'วันสิ้นสุด', 'วันที่สิ้นสุด'],
  stated_days: ['stated_days', 'จำนวนวัน'],
  responsible: ['responsible', 'ผู้รับผิดชอบ'],
  note: ['note', 'หมายเหตุ'],
};
const RESPONSIBLE: Record<string, Responsible> = {
  district: 'district', อำเภอ: 'district',
  province: 'province', จังหวัด: 'province', 'จังหวัด/กรุงเทพมหานคร': 'province',
  department: 'department', กรมฯ: 'department', กรม: 'department', กรมการพัฒนาชุมชน: 'department',
};

/**
 * Reads a plan file (CSV, one window per row; dates in BE or CE, Thai or ASCII digits).
 * Returns the windows it could read and every cell it could not, so the person loading the
 * plan sees all problems at once; the windows then go through validatePlan().
 */
export function readPlanCsv(text: string): { windows: PlanWindow[]; problems: PlanReadProblem[] } {
  const records = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true }) as string[][];
  const [header = [], ...rows] = records;
  const index: Record<string, number> = {};
  header.forEach((h, i) => {
    const name = normalizeText(h).value.toLowerCase();
    for (const [key, aliases] of Object.entries(COLUMNS)) if (aliases.includes(name)) index[key] = i;
  });
  const problems: PlanReadProblem[] = [];
  const missing = Object.keys(COLUMNS).filter((k) => k !== 'note' && index[k] === undefined);
  if (missing.length > 0) {
    problems.push({
      row: 1, column: missing.join(', '), value: '',
      message: { th: `ไม่พบคอลัมน์: ${missing.join(', ')}`, en: `Missing columns: ${missing.join(', ')}` },
    });
    return { windows: [], problems };
  }
  const windows: PlanWindow[] = [];
  rows.forEach((cells, i) => {
    const rowNo = i + 2;
    const cell = (key: string) => normalizeText(cells[index[key]!] ?? '').value;
    const bad = (column: string, th: string, en: string) => problems.push({ row: rowNo, column, value: cell(column), message: { th, en } });
    const int = (key: string, min: number, max: number) => {
      const n = Number(cell(key));
      if (!Number.isInteger(n) || n < min || n > max) {
        bad(key, `ต้องเป็นจำนวนเต็ม ${min}–${max}`, `must be a whole number ${min}–${max}`);
        return null;
      }
      return n;
    };
    const date = (key: string) => {
      const parsed = parseDateInput(cell(key));
      if (!parsed.ok) {
        bad(key, 'วันที่ไม่ถูกต้อง', 'not a valid date');
        return null;
      }
      return parsed.value;
    };
    const fiscalYear = int('fiscal_year', 2500, 2700);
    const quarter = int('quarter', 1, 4);
    const step = int('step', 1, 3);
    const startDate = date('start_date');
    const endDate = date('end_date');
    const statedDays = int('stated_days', 1, 366);
    const responsible = RESPONSIBLE[cell('responsible').toLowerCase()];
    if (!responsible) bad('responsible', 'ต้องเป็น อำเภอ จังหวัด หรือ กรมฯ', 'must be district, province or department');
    if (fiscalYear && quarter && step && startDate && endDate && statedDays && responsible) {
      const note = index.note !== undefined ? cell('note') : '';
      windows.push({
        fiscalYear, quarter: quarter as Quarter, step: step as 1 | 2 | 3, startDate, endDate, statedDays, responsible,
        ...(note ? { note } : {}),
      });
    }
  });
  return { windows, problems };
}
