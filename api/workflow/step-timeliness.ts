import { and, eq } from 'drizzle-orm';
import { planWindows } from '../../db/schema/index.ts';
import type { RoundAction } from '../../domain/round-state.ts';
import type { PlanStep } from '../../domain/plan.ts';
import { isWithinWindow, type Timeliness } from '../../domain/timeliness.ts';
import type { Db } from '../../db/create-db.ts';

/** The plan step each action belongs to: the district registers (1), the province verifies and reports (2), the department announces (3). */
export const ACTION_STEP: Readonly<Record<RoundAction, PlanStep>> = {
  submit: 1,
  certify: 2,
  return: 2,
  reopen: 2,
  report: 2,
  announce: 3,
};

export type StepWindow = { step: PlanStep; startDate: string; endDate: string };

type Reader = Pick<Db, 'select'>;

/** Whether an action at `at` met its step's window (Bangkok calendar days); null when the plan has no such window. */
export async function stepTimeliness(
  db: Reader,
  roundCode: string,
  action: RoundAction,
  at: Date,
): Promise<{ window: StepWindow | null; timeliness: Timeliness | null }> {
  const step = ACTION_STEP[action];
  const [w] = await db
    .select({ startDate: planWindows.startDate, endDate: planWindows.endDate })
    .from(planWindows)
    .where(and(eq(planWindows.roundCode, roundCode), eq(planWindows.step, step)))
    .limit(1);
  if (!w) return { window: null, timeliness: null };
  return { window: { step, ...w }, timeliness: isWithinWindow(at, w) };
}
