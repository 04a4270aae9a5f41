import { sql } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import { recordAudit, type AuditActor } from '../db/record-audit.ts';
import { fiscalRounds, planWindows } from '../db/schema/index.ts';
import { validatePlan, type PlanIssue, type PlanWindow } from '../domain/plan.ts';
import { roundCode } from '../domain/fiscal-year.ts';

export interface LoadPlanResult {
  loaded: boolean;
  rounds: number;
  windows: number;
  /** Windows added or changed by this load (0: the same plan was already loaded). */
  changed: number;
  issues: PlanIssue[];
}

export interface LoadPlanOptions {
  acceptWarnings?: boolean;
  /** Who loads it, for the audit trail (default 'system': the seed). */
  actor?: AuditActor;
  /** The file it came from, named in the audit row. */
  source?: { fileName: string; sha256: string };
}

const SYSTEM: AuditActor = { id: null, username: 'system' };

/**
 * Loads a registration plan. Every window is checked against its fiscal quarter and its stated
 * day count first; any error refuses the whole plan (nothing written), warnings are returned
 * for the person loading it. Re-loading the same plan changes nothing. A load that changes
 * something is audited ('plan.load': rounds, windows changed, rounds recounted, the file's
 * hash) in its transaction.
 */
export async function loadPlan(
  db: Db,
  windows: readonly PlanWindow[],
  options: LoadPlanOptions = {},
): Promise<LoadPlanResult> {
  const issues = validatePlan([...windows]);
  const blocking = issues.filter((i) => i.severity === 'error' || (!options.acceptWarnings && i.severity === 'warning'));
  if (blocking.length > 0) return { loaded: false, rounds: 0, windows: 0, changed: 0, issues };

  const rounds = new Map<string, { code: string; fiscalYear: number; quarter: number }>();
  for (const w of windows) {
    const code = roundCode(w.fiscalYear, w.quarter);
    rounds.set(code, { code, fiscalYear: w.fiscalYear, quarter: w.quarter });
  }
  const changed = await db.transaction(async (tx) => {
    const newRounds = await tx.insert(fiscalRounds).values([...rounds.values()]).onConflictDoNothing().returning({ code: fiscalRounds.code });
    const before = await tx
      .select({ roundCode: planWindows.roundCode, endDate: planWindows.endDate })
      .from(planWindows)
      .where(sql`${planWindows.step} = 1`);
    const written = await tx
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
        // Only a window that differs is written (and counted as changed).
        setWhere: sql`(plan_windows.start_date, plan_windows.end_date, plan_windows.stated_days, plan_windows.responsible, plan_windows.note)
          is distinct from (excluded.start_date, excluded.end_date, excluded.stated_days, excluded.responsible, excluded.note)`,
      })
      .returning({ roundCode: planWindows.roundCode });
    // A moved step-1 window changes which registrations were late: recount those rounds.
    const moved = windows
      .filter((w) => w.step === 1)
      .map((w) => ({ code: roundCode(w.fiscalYear, w.quarter), endDate: w.endDate }))
      .filter((w) => before.some((b) => b.roundCode === w.code && b.endDate !== w.endDate))
      .map((w) => w.code);
    if (moved.length > 0) await tx.execute(sql`select rebuild_progress_counts(${`{${moved.join(',')}}`}::text[])`);
    if (written.length > 0 || newRounds.length > 0) {
      await recordAudit(tx, {
        actor: options.actor ?? SYSTEM,
        action: 'plan.load',
        details: {
          rounds: [...rounds.keys()].sort(),
          newRounds: newRounds.map((r) => r.code).sort(),
          windows: windows.length,
          windowsChanged: written.length,
          recounted: moved.sort(),
          warningsAccepted: issues.filter((i) => i.severity === 'warning').length,
          ...(options.source ? { fileName: options.source.fileName, fileSha256: options.source.sha256 } : {}),
        },
      });
    }
    return written.length;
  });
  return { loaded: true, rounds: rounds.size, windows: windows.length, changed, issues };
}
