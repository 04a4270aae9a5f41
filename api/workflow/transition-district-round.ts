import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { districtRounds, districts, fiscalRounds, provinceRounds } from '../../db/schema/index.ts';
import { districtRoundLocks } from '../../pipeline/load/district-round-locks.ts';
import { normalizeText } from '../../domain/normalize-text.ts';
import {
  ACTION_ROLE,
  actionNeedsReason,
  nextDistrictState,
  type DistrictAction,
  type DistrictRoundState,
  type ProvinceRoundState,
} from '../../domain/round-state.ts';
import type { Timeliness } from '../../domain/timeliness.ts';
import { commitTransition, expectVersion } from './round-transition.ts';
import type { StepWindow } from './step-timeliness.ts';
import type { WorkflowActor } from './workflow-actor.ts';
import { WorkflowError } from './workflow-error.ts';

export interface DistrictTransitionInput {
  roundCode: string;
  districtCode: string;
  actor: WorkflowActor;
  /** The instant of the action (the clock is a parameter so tests can stand at a window's edge). */
  at: Date;
  reason?: string | null;
  /** Optimistic concurrency: refuse (409) unless the district round is still at this version. */
  expectedVersion?: number | null;
}

export interface DistrictTransition {
  action: DistrictAction;
  roundCode: string;
  districtCode: string;
  provinceCode: string;
  from: DistrictRoundState;
  to: DistrictRoundState;
  version: number;
  reason: string | null;
  at: Date;
  timeliness: Timeliness | null;
  window: StepWindow | null;
  auditId: number;
}

export const MAX_REASON_LENGTH = 2000;

/** Reason as stored: normalised Thai text, empty → null. */
export function cleanReason(reason: string | null | undefined): string | null {
  if (reason == null) return null;
  const value = normalizeText(reason).value.slice(0, MAX_REASON_LENGTH);
  return value === '' ? null : value;
}

/**
 * One district action in one transaction. The province's round row is locked FOR SHARE
 * (a report or announce, which lock it FOR UPDATE, cannot interleave) and the district's row
 * FOR UPDATE, always in that order, so two officers acting at once end in one consistent state:
 * the second sees the first's result and gets a 409, never a lost update. Missing rows mean
 * 'open' and are created on the way. Then the district's load lock, shared: a load running
 * into the district refuses the action (409 'load-running'). Writes one audit row.
 */
export async function transitionDistrictRound(
  db: Db,
  action: DistrictAction,
  input: DistrictTransitionInput,
): Promise<DistrictTransition> {
  const { roundCode, districtCode, actor, at } = input;
  if (ACTION_ROLE[action] !== actor.role) throw new WorkflowError('forbidden', { action });
  const reason = cleanReason(input.reason);

  return db.transaction(async (tx) => {
    const [round] = await tx.select({ code: fiscalRounds.code }).from(fiscalRounds).where(eq(fiscalRounds.code, roundCode));
    const [district] = await tx
      .select({ code: districts.code, provinceCode: districts.provinceCode, nameTh: districts.nameTh, nameEn: districts.nameEn })
      .from(districts)
      .where(eq(districts.code, districtCode));
    if (!round || !district) throw new WorkflowError('not-found', { action });
    if (actor.role === 'district' && actor.districtCode !== district.code) throw new WorkflowError('not-found', { action });
    if (actor.role === 'province' && actor.provinceCode !== district.provinceCode) throw new WorkflowError('not-found', { action });

    await tx
      .insert(provinceRounds)
      .values({ roundCode, provinceCode: district.provinceCode, state: 'open', version: 0, updatedAt: at })
      .onConflictDoNothing();
    const [province] = await tx
      .select({ state: provinceRounds.state })
      .from(provinceRounds)
      .where(and(eq(provinceRounds.roundCode, roundCode), eq(provinceRounds.provinceCode, district.provinceCode)))
      .for('share');
    await tx
      .insert(districtRounds)
      .values({ roundCode, districtCode, provinceCode: district.provinceCode, state: 'open', version: 0, updatedAt: at })
      .onConflictDoNothing();
    const [current] = await tx
      .select({ state: districtRounds.state, version: districtRounds.version })
      .from(districtRounds)
      .where(and(eq(districtRounds.roundCode, roundCode), eq(districtRounds.districtCode, districtCode)))
      .for('update');
    const provinceState: ProvinceRoundState = province?.state ?? 'open';
    const from: DistrictRoundState = current?.state ?? 'open';
    const version = current?.version ?? 0;

    const conflict = { action, currentState: from, provinceState, version };
    expectVersion(input.expectedVersion, version, conflict);
    const to = nextDistrictState(from, action, provinceState);
    if (!to) throw new WorkflowError('conflict', conflict);
    if (actionNeedsReason(action) && !reason) throw new WorkflowError('reason-required', conflict);
    // Last, with both round rows locked: the district's load lock, shared (other actions hold
    // it shared too; only a load holds it exclusive), without waiting. A load running into the district is refused rather than waited
    // for, so nobody submits or certifies rows they have not seen (docs/security.md, "Lock order").
    const loading = await districtRoundLocks.tryForAction(tx, roundCode, { kind: 'district', districtCode });
    if (loading.length > 0) {
      throw new WorkflowError('load-running', { ...conflict, loadingDistricts: [{ code: district.code, nameTh: district.nameTh, nameEn: district.nameEn }] });
    }

    const { version: next, window, timeliness, auditId } = await commitTransition(tx, {
      action,
      roundCode,
      provinceCode: district.provinceCode,
      districtCode,
      actor,
      at,
      from,
      to,
      version,
      reason,
      conflict,
      update: async (nextVersion) => {
        const [updated] = await tx
          .update(districtRounds)
          .set({
            state: to,
            version: nextVersion,
            updatedAt: at,
            ...(action === 'submit' ? { submittedAt: at } : {}),
            ...(action === 'certify' ? { certifiedAt: at } : {}),
            ...(action === 'reopen' ? { certifiedAt: null } : {}),
          })
          .where(
            and(
              eq(districtRounds.roundCode, roundCode),
              eq(districtRounds.districtCode, districtCode),
              eq(districtRounds.version, version),
            ),
          )
          .returning({ version: districtRounds.version });
        return updated;
      },
    });

    return {
      action,
      roundCode,
      districtCode,
      provinceCode: district.provinceCode,
      from,
      to,
      version: next,
      reason,
      at,
      timeliness,
      window,
      auditId,
    };
  });
}

/** District → province: open or returned → submitted (step 1). */
export function submitDistrictRound(db: Db, input: DistrictTransitionInput): Promise<DistrictTransition> {
  return transitionDistrictRound(db, 'submit', input);
}

/** Province certifies a submitted district: submitted → certified; the district's data is locked (step 2). */
export function certifyDistrictRound(db: Db, input: DistrictTransitionInput): Promise<DistrictTransition> {
  return transitionDistrictRound(db, 'certify', input);
}

/** Province returns a submitted district for correction, with a reason: submitted → returned (step 2). */
export function returnDistrictRound(db: Db, input: DistrictTransitionInput): Promise<DistrictTransition> {
  return transitionDistrictRound(db, 'return', input);
}

/** Province reopens a certified district, with a reason, until the department announces: certified → returned (step 2). */
export function reopenDistrictRound(db: Db, input: DistrictTransitionInput): Promise<DistrictTransition> {
  return transitionDistrictRound(db, 'reopen', input);
}
