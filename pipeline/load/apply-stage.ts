import { sql, type SQL } from 'drizzle-orm';
import type { LoadScope } from '../scope-geography.ts';
import type { LoadTx } from './copy-into.ts';
import { analyzeStage, countOutcomes, lockProducers, resolveProducers, STAGE_TABLE, upsertRegistrations, type PresentColumns } from './registration-upsert.ts';

export interface StageOutcome {
  created: number;
  updated: number;
  elsewhere: number;
  existing: number;
}

export interface ApplyStagePlan {
  submissionId: string;
  dryRun: boolean;
  scope: LoadScope;
  round: { code: string; fiscalYear: number };
  at: Date | null;
  onPhase?: ((phase: 'count' | 'upsert') => void) | undefined;
}

/**
 * The staged rows, set-wise: producers resolved and outcomes counted (a dry run too), then —
 * unless a dry run — registrations and products upserted.
 */
export async function applyStage(
  tx: LoadTx,
  rows: <T>(q: SQL) => Promise<T[]>,
  plan: ApplyStagePlan,
  accepted: number,
  present: PresentColumns,
): Promise<StageOutcome> {
  const { scope, round } = plan;
  const producerScope = scope.kind === 'national' ? null : scope.provinceCode;
  let outcome: StageOutcome = { created: 0, updated: 0, elsewhere: 0, existing: 0 };
  if (accepted > 0) {
    await analyzeStage(tx);
    if (!plan.dryRun) await lockProducers(tx);
    await resolveProducers(tx, { fiscalYear: round.fiscalYear, roundCode: round.code, drawIds: !plan.dryRun, producerScope }, present);
    outcome = await countOutcomes(rows, accepted, present);
  }
  plan.onPhase?.('count');
  if (!plan.dryRun && accepted > 0) {
    await upsertRegistrations(tx, { submissionId: plan.submissionId, fiscalYear: round.fiscalYear, roundCode: round.code, at: plan.at, producerScope }, present, outcome);
  }
  plan.onPhase?.('upsert');
  return outcome;
}

/**
 * The staged issues into submission_issues and the rejected rows into rejected_rows. Each is a
 * scan of the whole stage (≈ 60 ms for a national file): skipped when there is nothing to copy.
 * A dry run keeps its report (counts, issues with row, column, code and message) but no cell of
 * the file: no issue values, no quarantined rows.
 */
export async function storeStagedIssues(tx: LoadTx, submissionId: string, dryRun: boolean, stagedIssues: number, rejected: number): Promise<void> {
  if (stagedIssues > 0) {
    await tx.execute(sql`
      insert into submission_issues (submission_id, row, "column", value, code, severity, message_th, message_en)
      select ${submissionId}::uuid, row, col, ${dryRun ? sql`null` : sql`value`}, code, severity, message_th, message_en
      from ${sql.raw(STAGE_TABLE)} where kind = 'i' order by seq`);
  }
  if (rejected > 0 && !dryRun) {
    await tx.execute(sql`
      insert into rejected_rows (submission_id, row, cells)
      select ${submissionId}::uuid, row, cells from ${sql.raw(STAGE_TABLE)} where kind = 'x'`);
  }
}
