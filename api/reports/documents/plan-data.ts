import type { PlanDocumentInput } from '../../../reports/forms/plan-document.ts';
import type { ReportPeriod } from './report-period.ts';

/** The plan document of a fiscal year, straight from the plan in the database. */
export function planData(period: ReportPeriod): PlanDocumentInput {
  return {
    fiscalYear: period.fiscalYear,
    rounds: period.rounds.map((r) => ({ fiscalYear: r.fiscalYear, quarter: r.quarter, windows: r.windows })),
  };
}
