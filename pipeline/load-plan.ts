import { sql } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import { fiscalRounds, planWindows } from '../db/schema/index.ts';
import { validatePlan, type PlanIssue, type PlanWindow } from '../domain/plan.ts';
import { roundCode } from '../domain/fiscal-year.ts';

export interface LoadPlanResult {
  loaded: boolean;
  rounds: number;
  windows: number;
  issues: PlanIssue[];
}

/**
 * Loads a registration plan. Every window is checked against its fiscal quarter and its stated
 * day count first; any error refuses the whole plan (nothing written), warnings are returned
 * for the person loading it. Re-loading the same plan changes nothing.
 */
export async function loadPlan(
  db: Db,
  windows: readonly PlanWindow[],
  options: { acceptWarnings?: boolean } = {},
): Promise<LoadPlanResult> {
  const issues = validatePlan([...windows]);
  const blocking = issues.filter((i) => i.severity === 'error' || (!options.acceptWarnings && i.severity === 'warning'));
  if (blocking.length > 0) return { loaded: false, rounds: 0, windows: 0, issues };

  const rounds = new Map<string, { code: string; fiscalYear: number; quarter: number }>();
  for (const w of windows) {
    const code = roundCode(w.fiscalYear, w.quarter);
    rounds.set(code, { code, fiscalYear: w.fiscalYear, quarter: w.quarter });
  }
  await db.transaction(async (tx) => {
    await tx.insert(fiscalRounds).values([...rounds.values()]).onConflictDoNothing();
    const before = await tx
      .select({ roundCode: planWindows.roundCode, endDate: planWindows.endDate })
      .from(planWindows)
      .where(sql`${planWindows.step} = 1`);
    await tx
      .insert(planWindows)
      .values(
        windows.map((w) => ({
          roundCode: roundCode(w.fiscalYear, w.quarter),
          step: w.step,
          startDate: w.startDate,
          endDate: w.endDate,
          statedDays: w.statedDays,
          responsible: w.responsible,
          note: w.note ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: [planWindows.roundCode, planWindows.step],
        set: {
          startDate: sql`excluded.start_date`,
          endDate: sql`excluded.end_date`,
          statedDays: sql`excluded.stated_days`,
          responsible: sql`excluded.responsible`,
          note: sql`excluded.note`,
        },
      });
    // A moved step-1 window changes which registrations were late: recount those rounds.
    const moved = windows
      .filter((w) => w.step === 1)
      .map((w) => ({ code: roundCode(w.fiscalYear, w.quarter), endDate: w.endDate }))
      .filter((w) => before.some((b) => b.roundCode === w.code && b.endDate !== w.endDate))
      .map((w) => w.code);
    if (moved.length > 0) await tx.execute(sql`select rebuild_progress_counts(${`{${moved.join(',')}}`}::text[])`);
  });
  return { loaded: true, rounds: rounds.size, windows: windows.length, issues };
}
