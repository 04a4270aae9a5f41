import { daysInclusive } from '../../../domain/fiscal-year.ts';
import { validatePlan, type PlanWindow } from '../../../domain/plan.ts';
import type { Quarter } from '../../../domain/fiscal-year.ts';
import type { PlanCheckInput } from '../../../reports/forms/plan-check-document.ts';
import type { ReportPeriod } from './report-period.ts';

/**
 * The plan-check report of a fiscal year: each window of the plan in the database with the
 * validator's findings (their Thai, without the window's name, which the row gives) and the
 * Thai half of the plan's own note ('th / en', see domain/letter-plan.ts).
 */
export function planCheckData(period: ReportPeriod, now: Date): PlanCheckInput {
  const windows: PlanWindow[] = period.rounds.flatMap((r) =>
    r.windows.map(({ note, ...w }) => ({ ...w, fiscalYear: r.fiscalYear, quarter: r.quarter as Quarter, ...(note ? { note } : {}) })),
  );
  const issues = validatePlan(windows);
  return {
    fiscalYear: period.fiscalYear,
    checkedAt: now,
    windows: windows.map((w) => {
      const own = issues.filter((i) => i.fiscalYear === w.fiscalYear && i.quarter === w.quarter && i.step === w.step);
      const note = w.note?.split(' / ')[0]?.trim();
      return {
        fiscalYear: w.fiscalYear,
        quarter: w.quarter,
        step: w.step,
        startDate: w.startDate,
        endDate: w.endDate,
        statedDays: w.statedDays,
        calendarDays: daysInclusive(w.startDate, w.endDate),
        findings: [...own.map((i) => i.message.th.replace(/^[^:]*:\s*/u, '')), ...(note ? [note] : [])],
      };
    }),
  };
}
