import { formatThaiDate } from './thai-date.ts';
import { daysInclusive, isValidIsoDate, quarterRange, type Quarter } from './fiscal-year.ts';
import { toThaiDigits } from './thai-digits.ts';

export type Responsible = 'district' | 'province' | 'department';
export type PlanStep = 1 | 2 | 3;

/** One step of one quarterly registration round, as planned. */
export type PlanWindow = {
  fiscalYear: number;
  quarter: Quarter;
  step: PlanStep;
  startDate: string;
  endDate: string;
  statedDays: number;
  responsible: Responsible;
  note?: string;
};

export type PlanIssueCode =
  | 'invalid-date'
  | 'end-before-start'
  | 'window-outside-quarter'
  | 'day-count-mismatch'
  | 'step-order'
  | 'duplicate-step'
  | 'missing-step'
  | 'wrong-responsible';

export type PlanIssue = {
  code: PlanIssueCode;
  fiscalYear: number;
  quarter: Quarter;
  step: PlanStep;
  message: { th: string; en: string };
  severity: 'error' | 'warning';
};

/** Who carries out each step: 1 district registers, 2 province certifies, 3 department announces. */
export const STEP_RESPONSIBLE: Record<PlanStep, Responsible> = { 1: 'district', 2: 'province', 3: 'department' };

export const RESPONSIBLE_LABELS: Record<Responsible, { th: string; en: string }> = {
  district: { th: 'อำเภอ', en: 'district' },
  province: { th: 'จังหวัด', en: 'province' },
  department: { th: 'กรมการพัฒนาชุมชน', en: 'department' },
};

const STEPS: readonly PlanStep[] = [1, 2, 3];

/** 'ไตรมาส ๒ ปีงบประมาณ ๒๕๖๑ ขั้นตอนที่ ๑' / 'FY2561 Q2 step 1'. */
export function planStepName(fiscalYear: number, quarter: Quarter, step: PlanStep): { th: string; en: string } {
  return {
    th: `ไตรมาส ${toThaiDigits(quarter)} ปีงบประมาณ ${toThaiDigits(fiscalYear)} ขั้นตอนที่ ${toThaiDigits(step)}`,
    en: `FY${fiscalYear} Q${quarter} step ${step}`,
  };
}

function issue(
  code: PlanIssueCode,
  severity: 'error' | 'warning',
  at: { fiscalYear: number; quarter: Quarter; step: PlanStep },
  th: string,
  en: string,
): PlanIssue {
  const name = planStepName(at.fiscalYear, at.quarter, at.step);
  return {
    code,
    fiscalYear: at.fiscalYear,
    quarter: at.quarter,
    step: at.step,
    severity,
    message: { th: `${name.th}: ${th}`, en: `${name.en}: ${en}` },
  };
}

const thDate = (iso: string) => formatThaiDate(iso);
const thNum = (n: number) => toThaiDigits(n);

function windowIssues(w: PlanWindow): PlanIssue[] {
  const out: PlanIssue[] = [];
  const badStart = !isValidIsoDate(w.startDate);
  const badEnd = !isValidIsoDate(w.endDate);
  if (badStart) {
    out.push(issue('invalid-date', 'error', w, `วันเริ่มต้น "${w.startDate}" ไม่ใช่วันที่ที่ถูกต้อง`, `start date "${w.startDate}" is not a valid date`));
  }
  if (badEnd) {
    out.push(issue('invalid-date', 'error', w, `วันสิ้นสุด "${w.endDate}" ไม่ใช่วันที่ที่ถูกต้อง`, `end date "${w.endDate}" is not a valid date`));
  }

  const expected = STEP_RESPONSIBLE[w.step];
  if (w.responsible !== expected) {
    out.push(
      issue(
        'wrong-responsible',
        'error',
        w,
        `ผู้รับผิดชอบต้องเป็น${RESPONSIBLE_LABELS[expected].th} แต่ระบุเป็น${RESPONSIBLE_LABELS[w.responsible]?.th ?? ` "${String(w.responsible)}"`}`,
        `responsible must be the ${RESPONSIBLE_LABELS[expected].en}, not the ${RESPONSIBLE_LABELS[w.responsible]?.en ?? `"${String(w.responsible)}"`}`,
      ),
    );
  }
  if (badStart || badEnd) return out;

  if (w.endDate < w.startDate) {
    out.push(
      issue(
        'end-before-start',
        'error',
        w,
        `วันสิ้นสุด (${thDate(w.endDate)}) อยู่ก่อนวันเริ่มต้น (${thDate(w.startDate)})`,
        `end date ${w.endDate} is before start date ${w.startDate}`,
      ),
    );
  }

  const q = quarterRange(w.fiscalYear, w.quarter);
  const outside = (d: string) => d < q.start || d > q.end;
  if (outside(w.startDate) || outside(w.endDate)) {
    out.push(
      issue(
        'window-outside-quarter',
        'error',
        w,
        `ช่วงวันที่ ${thDate(w.startDate)} – ${thDate(w.endDate)} อยู่นอกไตรมาส (${thDate(q.start)} – ${thDate(q.end)})`,
        `dates ${w.startDate} – ${w.endDate} fall outside the quarter (${q.start} – ${q.end})`,
      ),
    );
  }

  // An inverted window has no meaningful day count; end-before-start already says so.
  if (w.endDate >= w.startDate) {
    const actual = daysInclusive(w.startDate, w.endDate);
    if (w.statedDays !== actual) {
      out.push(
        issue(
          'day-count-mismatch',
          'warning',
          w,
          `ระบุจำนวน ${thNum(w.statedDays)} วัน แต่ช่วงวันที่ ${thDate(w.startDate)} – ${thDate(w.endDate)} นับได้ ${thNum(actual)} วัน`,
          `states ${w.statedDays} days but ${w.startDate} – ${w.endDate} is ${actual} days`,
        ),
      );
    }
  }
  return out;
}

const usable = (w: PlanWindow) => isValidIsoDate(w.startDate) && isValidIsoDate(w.endDate) && w.endDate >= w.startDate;

function roundIssues(windows: readonly PlanWindow[]): PlanIssue[] {
  const out: PlanIssue[] = [];
  const first = windows[0];
  if (!first) return out;
  const round = { fiscalYear: first.fiscalYear, quarter: first.quarter };
  const byStep = new Map<PlanStep, PlanWindow[]>(STEPS.map((s) => [s, windows.filter((w) => w.step === s)]));

  for (const step of STEPS) {
    const count = byStep.get(step)?.length ?? 0;
    const at = { ...round, step };
    if (count === 0) {
      out.push(issue('missing-step', 'error', at, `ไม่มีขั้นตอนที่ ${thNum(step)} ในแผนของไตรมาสนี้`, `step ${step} is missing from this round`));
    } else if (count > 1) {
      out.push(
        issue('duplicate-step', 'error', at, `ขั้นตอนนี้ปรากฏซ้ำ ${thNum(count)} ครั้งในไตรมาสเดียวกัน`, `this step appears ${count} times in the round`),
      );
    }
  }

  // Step order: a step may not start before the previous step ends. Starting on the day the
  // previous step ends is allowed for every hand-over, because the letter itself plans FY2561 Q4
  // steps 2 and 3 both on 28 Sep 2018: the province certifies in the morning and the department
  // announces the same day. Steps are compared with the nearest earlier step present, so a
  // missing step 2 still has step 3 checked against step 1.
  const present = STEPS.filter((s) => (byStep.get(s)?.length ?? 0) > 0);
  for (let i = 1; i < present.length; i++) {
    const prevStep = present[i - 1] as PlanStep;
    const step = present[i] as PlanStep;
    for (const prev of (byStep.get(prevStep) ?? []).filter(usable)) {
      for (const w of (byStep.get(step) ?? []).filter(usable)) {
        if (w.startDate < prev.endDate) {
          out.push(
            issue(
              'step-order',
              'error',
              w,
              `เริ่ม ${thDate(w.startDate)} ก่อนขั้นตอนที่ ${thNum(prevStep)} สิ้นสุด (${thDate(prev.endDate)})`,
              `starts ${w.startDate}, before step ${prevStep} ends (${prev.endDate})`,
            ),
          );
        }
      }
    }
  }
  return out;
}

const CODE_ORDER: readonly PlanIssueCode[] = [
  'invalid-date',
  'end-before-start',
  'window-outside-quarter',
  'day-count-mismatch',
  'missing-step',
  'duplicate-step',
  'step-order',
  'wrong-responsible',
];

/**
 * Checks a registration plan and returns every problem found, sorted by round, step and
 * code. Errors make a plan unusable; warnings (a stated day count that disagrees with the
 * dates) are shown to the person loading it.
 */
export function validatePlan(windows: readonly PlanWindow[]): PlanIssue[] {
  const issues = windows.flatMap(windowIssues);
  const rounds = new Map<string, PlanWindow[]>();
  for (const w of windows) {
    const key = `${w.fiscalYear}-${w.quarter}`;
    rounds.set(key, [...(rounds.get(key) ?? []), w]);
  }
  for (const round of rounds.values()) issues.push(...roundIssues(round));
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort(
      (a, b) =>
        a.issue.fiscalYear - b.issue.fiscalYear ||
        a.issue.quarter - b.issue.quarter ||
        a.issue.step - b.issue.step ||
        CODE_ORDER.indexOf(a.issue.code) - CODE_ORDER.indexOf(b.issue.code) ||
        a.index - b.index,
    )
    .map(({ issue }) => issue);
}
