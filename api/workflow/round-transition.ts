import type { Db } from '../../db/create-db.ts';
import { recordAudit } from '../../db/record-audit.ts';
import type { RoundAction } from '../../domain/round-state.ts';
import type { Timeliness } from '../../domain/timeliness.ts';
import { stepTimeliness, type StepWindow } from './step-timeliness.ts';
import type { WorkflowActor } from './workflow-actor.ts';
import { WorkflowError, type WorkflowErrorInfo } from './workflow-error.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * The sequence every round act ends with, written once for district and province acts, inside
 * the act's transaction and with its round row locked (FOR UPDATE) at `version`:
 *   1. `expectVersion` — before anything else is judged, a stale `expectedVersion` is a 409;
 *   2. `commitTransition` — the step's timeliness, the row moved to the new state at
 *      version + 1 (guarded by the version read under the lock: if that ever fails, refuse
 *      rather than overwrite), then one audit row.
 */
export function expectVersion(expectedVersion: number | null | undefined, version: number, conflict: WorkflowErrorInfo): void {
  if (expectedVersion != null && expectedVersion !== version) {
    throw new WorkflowError('conflict', { ...conflict, expectedVersion });
  }
}

export interface TransitionCommit<S extends string> {
  action: RoundAction;
  roundCode: string;
  provinceCode: string;
  districtCode: string | null;
  actor: WorkflowActor;
  at: Date;
  from: S;
  to: S;
  version: number;
  reason: string | null;
  conflict: WorkflowErrorInfo;
  /** Writes the new state at `nextVersion` where the row is still at the version read; the row's new version, or undefined when no row matched. */
  update(nextVersion: number): Promise<{ version: number } | undefined>;
  /** Audit details beyond version and window, made after the update (a province act issues its documents here). */
  details?(): Promise<Record<string, unknown>>;
}

export async function commitTransition<S extends string>(
  tx: Tx,
  c: TransitionCommit<S>,
): Promise<{ version: number; window: StepWindow | null; timeliness: Timeliness | null; auditId: number }> {
  const { window, timeliness } = await stepTimeliness(tx, c.roundCode, c.action, c.at);
  const updated = await c.update(c.version + 1);
  if (!updated) throw new WorkflowError('conflict', c.conflict);
  const extra = c.details ? await c.details() : {};
  const auditId = await recordAudit(tx, {
    at: c.at,
    actor: c.actor,
    action: c.action,
    roundCode: c.roundCode,
    provinceCode: c.provinceCode,
    districtCode: c.districtCode,
    fromState: c.from,
    toState: c.to,
    reason: c.reason,
    timeliness,
    details: { version: updated.version, window, ...extra },
  });
  return { version: updated.version, window, timeliness, auditId };
}
