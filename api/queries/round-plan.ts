import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { fiscalRounds, planWindows } from '../../db/schema/index.ts';
import type { PlanStep, Responsible } from '../../domain/plan.ts';

export interface PlannedRound {
  code: string;
  fiscalYear: number;
  quarter: number;
  windows: { step: PlanStep; startDate: string; endDate: string; statedDays: number; responsible: Responsible; note: string | null }[];
}

/** The registration plan: every round (optionally of one fiscal year) with its three step windows, in time order. */
export async function roundPlan(db: Db, filter: { fiscalYear?: number | undefined } = {}): Promise<PlannedRound[]> {
  const rows = await db
    .select({
      code: fiscalRounds.code,
      fiscalYear: fiscalRounds.fiscalYear,
      quarter: fiscalRounds.quarter,
      step: planWindows.step,
      startDate: planWindows.startDate,
      endDate: planWindows.endDate,
      statedDays: planWindows.statedDays,
      responsible: planWindows.responsible,
      note: planWindows.note,
    })
    .from(fiscalRounds)
    .leftJoin(planWindows, eq(planWindows.roundCode, fiscalRounds.code))
    .where(filter.fiscalYear !== undefined ? eq(fiscalRounds.fiscalYear, filter.fiscalYear) : undefined)
    .orderBy(asc(fiscalRounds.fiscalYear), asc(fiscalRounds.quarter), asc(planWindows.step));
  const rounds = new Map<string, PlannedRound>();
  for (const r of rows) {
    let round = rounds.get(r.code);
    if (!round) {
      round = { code: r.code, fiscalYear: r.fiscalYear, quarter: r.quarter, windows: [] };
      rounds.set(r.code, round);
    }
    if (r.step !== null && r.startDate !== null && r.endDate !== null && r.statedDays !== null && r.responsible !== null) {
      round.windows.push({
        step: r.step as PlanStep,
        startDate: r.startDate,
        endDate: r.endDate,
        statedDays: r.statedDays,
        responsible: r.responsible,
        note: r.note,
      });
    }
  }
  return [...rounds.values()];
}
