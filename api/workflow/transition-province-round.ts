import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { districtRounds, districts, fiscalRounds, provinceRounds, provinces } from '../../db/schema/index.ts';
import { districtRoundLocks } from '../../pipeline/load/district-round-locks.ts';
import { normalizeKey } from '../../domain/normalize-text.ts';
import {
  ACTION_ROLE,
  nextProvinceState,
  type DistrictRoundState,
  type ProvinceAction,
  type ProvinceRoundState,
} from '../../domain/round-state.ts';
import type { Timeliness } from '../../domain/timeliness.ts';
import { issueDocuments } from './issue-documents.ts';
import { commitTransition, expectVersion } from './round-transition.ts';
import type { StepWindow } from './step-timeliness.ts';
import { cleanReason } from './transition-district-round.ts';
import type { WorkflowActor } from './workflow-actor.ts';
import { WorkflowError, type MissingDistrict } from './workflow-error.ts';

export interface ProvinceTransitionInput {
  roundCode: string;
  provinceCode: string;
  actor: WorkflowActor;
  at: Date;
  reason?: string | null;
  expectedVersion?: number | null;
}

export interface ProvinceTransition {
  action: ProvinceAction;
  roundCode: string;
  provinceCode: string;
  from: ProvinceRoundState;
  to: ProvinceRoundState;
  version: number;
  reason: string | null;
  at: Date;
  timeliness: Timeliness | null;
  window: StepWindow | null;
  /** Districts not certified when the action was taken (a report names them in its reason). */
  uncertifiedDistricts: MissingDistrict[];
  auditId: number;
}

/**
 * Whether a reason names a district: its code, Thai name (with or without "อำเภอ") or English
 * name, compared after normalisation and ignoring case.
 */
export function reasonNamesDistrict(reason: string, district: { code: string; nameTh: string; nameEn: string }): boolean {
  const text = normalizeKey(reason);
  return [district.code, district.nameTh, district.nameEn].some((name) => text.includes(normalizeKey(name)));
}

/**
 * One province action in one transaction, with the province's round row locked FOR UPDATE
 * (district actions hold it FOR SHARE, so none can slip in between the check of the districts
 * and the report), then every district's load lock: a load running into any of them refuses
 * the action (409 'load-running'). Writes one audit row.
 */
export async function transitionProvinceRound(
  db: Db,
  action: ProvinceAction,
  input: ProvinceTransitionInput,
): Promise<ProvinceTransition> {
  const { roundCode, provinceCode, actor, at } = input;
  if (ACTION_ROLE[action] !== actor.role) throw new WorkflowError('forbidden', { action });
  const reason = cleanReason(input.reason);

  return db.transaction(async (tx) => {
    const [round] = await tx.select({ code: fiscalRounds.code }).from(fiscalRounds).where(eq(fiscalRounds.code, roundCode));
    const [province] = await tx.select({ code: provinces.code }).from(provinces).where(eq(provinces.code, provinceCode));
    if (!round || !province) throw new WorkflowError('not-found', { action });
    if (actor.role === 'province' && actor.provinceCode !== provinceCode) throw new WorkflowError('not-found', { action });

    await tx
      .insert(provinceRounds)
      .values({ roundCode, provinceCode, state: 'open', version: 0, updatedAt: at })
      .onConflictDoNothing();
    const [current] = await tx
      .select({ state: provinceRounds.state, version: provinceRounds.version })
      .from(provinceRounds)
      .where(and(eq(provinceRounds.roundCode, roundCode), eq(provinceRounds.provinceCode, provinceCode)))
      .for('update');
    const from: ProvinceRoundState = current?.state ?? 'open';
    const version = current?.version ?? 0;

    const states = await tx
      .select({
        code: districts.code,
        nameTh: districts.nameTh,
        nameEn: districts.nameEn,
        state: districtRounds.state,
      })
      .from(districts)
      .leftJoin(districtRounds, and(eq(districtRounds.districtCode, districts.code), eq(districtRounds.roundCode, roundCode)))
      .where(eq(districts.provinceCode, provinceCode))
      .orderBy(asc(districts.code));
    const uncertified: MissingDistrict[] = states
      .map((d) => ({ code: d.code, nameTh: d.nameTh, nameEn: d.nameEn, state: (d.state ?? 'open') as DistrictRoundState }))
      .filter((d) => d.state !== 'certified');

    const conflict = { action, currentState: from, version };
    expectVersion(input.expectedVersion, version, conflict);
    const to = nextProvinceState(from, action);
    if (!to) throw new WorkflowError('conflict', conflict);
    if (action === 'report' && uncertified.length > 0) {
      if (!reason) throw new WorkflowError('reason-required', { ...conflict, missingDistricts: uncertified });
      const unnamed = uncertified.filter((d) => !reasonNamesDistrict(reason, d));
      if (unnamed.length > 0) throw new WorkflowError('reason-incomplete', { ...conflict, missingDistricts: unnamed });
    }

    // Last, with the province's round row locked FOR UPDATE: every district's load lock,
    // shared (only a load holds one exclusive), in district-code order, without waiting. A report or an
    // announcement while a file is being loaded into one of the districts is refused, not
    // made over rows still arriving (docs/security.md, "Lock order").
    const loading = await districtRoundLocks.tryForAction(tx, roundCode, { kind: 'province', provinceCode });
    if (loading.length > 0) {
      const loadingDistricts = states.filter((d) => loading.includes(d.code)).map(({ code, nameTh, nameEn }) => ({ code, nameTh, nameEn }));
      throw new WorkflowError('load-running', { ...conflict, loadingDistricts });
    }

    const { version: next, window, timeliness, auditId } = await commitTransition(tx, {
      action,
      roundCode,
      provinceCode,
      districtCode: null,
      actor,
      at,
      from,
      to,
      version,
      reason,
      conflict,
      update: async (nextVersion) => {
        const [updated] = await tx
          .update(provinceRounds)
          .set({
            state: to,
            version: nextVersion,
            updatedAt: at,
            ...(action === 'report' ? { reportedAt: at } : {}),
            ...(action === 'announce' ? { announcedAt: at } : {}),
          })
          .where(
            and(eq(provinceRounds.roundCode, roundCode), eq(provinceRounds.provinceCode, provinceCode), eq(provinceRounds.version, version)),
          )
          .returning({ version: provinceRounds.version });
        return updated;
      },
      details: async () => ({
        uncertifiedDistricts: uncertified.map((d) => ({ code: d.code, state: d.state })),
        documents: await issueDocuments(tx, { action, roundCode, provinceCode, actor, at }),
      }),
    });

    return {
      action,
      roundCode,
      provinceCode,
      from,
      to,
      version: next,
      reason,
      at,
      timeliness,
      window,
      uncertifiedDistricts: uncertified,
      auditId,
    };
  });
}

/** Province → department: open → reported; needs every district certified, or a reason naming those that are not (step 2). */
export function reportProvinceRound(db: Db, input: ProvinceTransitionInput): Promise<ProvinceTransition> {
  return transitionProvinceRound(db, 'report', input);
}

/** Department announces: reported → announced; locks the round for the province (no loads, no district actions) (step 3). */
export function announceProvinceRound(db: Db, input: ProvinceTransitionInput): Promise<ProvinceTransition> {
  return transitionProvinceRound(db, 'announce', input);
}
