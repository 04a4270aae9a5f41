import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Engine } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import { submissionIssues, submissions, SUBMISSION_STATUSES } from '../../db/schema/index.ts';
import { makeIssue, type Issue } from '../../domain/issue-codes.ts';
import { formatThaiDate } from '../../domain/thai-date.ts';
import { bangkokDate, isWithinWindow } from '../../domain/timeliness.ts';
import type { HeaderOptions } from '../map-headers.ts';
import type { RecordSource } from '../read/open-records.ts';
import { ScopeGeography, type GeoDistrict, type LoadScope } from '../scope-geography.ts';
import type { NormalizedSummary, RowValidator } from '../validate-row.ts';
import { applyStage, storeStagedIssues } from './apply-stage.ts';
import { districtRoundLocks } from './district-round-locks.ts';
import { copyInto, type LoadTx } from './copy-into.ts';
import { registeredElsewhere } from './registered-elsewhere.ts';
import { createStage, dropStage, STAGE_COLUMNS, STAGE_TABLE } from './registration-upsert.ts';
import { roundLock } from './round-lock.ts';
import { FileStager, type StagedFile } from './stage-file.ts';

export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export type { NormalizedSummary } from '../validate-row.ts';

export interface LoadPlan {
  submissionId: string;
  dryRun: boolean;
  scope: LoadScope;
  round: { code: string; fiscalYear: number; step1: { startDate: string; endDate: string } | null };
  /** Clock of the load's data writes (seeds and tests fix it); null: the transaction's now(). */
  at: Date | null;
  /** When the upload is judged: timeliness, registration dates in the future. */
  judgedAt: Date;
  records: RecordSource;
  /** Titles a person mapped (the upload's mapping, the district's remembered one). */
  headers?: HeaderOptions | undefined;
  onRows?: ((rowsRead: number) => void) | undefined;
  /** Called as each phase ends, with its name (benchmarks print the breakdown). */
  onPhase?: ((phase: LoadPhase) => void) | undefined;
  /** A dry run: handed the values it does not store (the first issues', the normalisation samples), for the answer only. */
  onUnstored?: ((values: UnstoredValues) => void) | undefined;
}

/** What a dry run shows its caller but never stores: cell values of its issues, in report order, and the normalisation samples. */
export interface UnstoredValues {
  issues: Array<{ row: number | null; column: string | null; code: string; value: string | null }>;
  samples: NormalizedSummary['samples'];
}

// As many issue values as the report lists (DEFAULT_REPORT_ISSUES).
const UNSTORED_ISSUES = 1000;

export type LoadPhase = 'checks' | 'read-validate-stage' | 'count' | 'upsert' | 'issues' | 'finish';

export interface LoadResult {
  status: SubmissionStatus;
  rowsRead: number;
  accepted: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  issueCounts: Record<string, number>;
  normalized: NormalizedSummary;
}

/** Advisory-lock namespace ('OTOP'): loads of one fiscal year run one at a time. */
const LOAD_LOCK = 0x4f544f50 & 0x7fffffff;

function scopeDistricts(geo: ScopeGeography, scope: LoadScope): GeoDistrict[] {
  const all = [...geo.districtByCode.values()];
  if (scope.kind === 'district') return all.filter((d) => d.code === scope.districtCode);
  if (scope.kind === 'province') return all.filter((d) => d.provinceCode === scope.provinceCode);
  return all;
}

/**
 * Reads, validates and (unless a dry run) loads one submission inside the caller's
 * transaction, then writes the submission's issues, quarantined rows and final status. Rows
 * stream through: each batch is validated and staged by COPY while the next is read, and the
 * staged rows are upserted set-wise at the end. A file refused as a whole (missing columns,
 * too many rows, locked round…) keeps its file-level issues and loads nothing; any other error
 * propagates so the caller's transaction rolls everything back.
 */
export async function runLoad(tx: LoadTx, engine: Engine, plan: LoadPlan): Promise<LoadResult> {
  const rows = <T>(q: SQL) => queryRows<T>(tx as unknown as Db, q);
  const { round, scope } = plan;
  await takeLoadLocks(tx, engine, plan);
  const lock = await roundLock(rows, scope, round.code);
  if (lock.file) return refuse(tx, plan, [lock.file], null);

  const geography = await ScopeGeography.load(tx as unknown as Db);
  // Producers registered elsewhere (after the lock, so no other load of the year can change
  // this until we commit).
  const elsewhere = await registeredElsewhere(rows, scope, round.fiscalYear);
  await createStage(tx);
  plan.onPhase?.('checks');
  const stager = new FileStager(
    await copyInto(tx, engine, STAGE_TABLE, STAGE_COLUMNS),
    { scope, scopeDistricts: scopeDistricts(geography, scope), geography, today: bangkokDate(plan.judgedAt) },
    { scope, geography, lockedDistricts: lock.districts, elsewhere },
    plan.headers,
  );
  if (round.step1 && isWithinWindow(plan.judgedAt, round.step1) === 'late') {
    await stager.fileIssue(
      makeIssue('round-closed-late', {
        detail: {
          th: `ช่วงลงทะเบียนของอำเภอสิ้นสุดวันที่ ${formatThaiDate(round.step1.endDate)}`,
          en: `the district registration window closed on ${round.step1.endDate}`,
        },
      }),
    );
  }
  const staged = await stager.read(plan.records, plan.onRows);
  const columns = staged.mapping ? staged.mapping.headers : null;
  if (!staged.refusal && staged.rowsRead === 0) staged.refusal = [makeIssue('empty-file', { detail: { th: 'มีแต่หัวคอลัมน์', en: 'only a header row' } })];
  if (staged.refusal) {
    await dropStage(tx);
    return refuse(tx, plan, staged.refusal, columns);
  }
  plan.onPhase?.('read-validate-stage');
  return completeLoad(tx, rows, plan, staged, staged.validator!, columns);
}

/** The year's advisory lock, the scope's district-round locks (not for a dry run) and the session settings of a load. */
async function takeLoadLocks(tx: LoadTx, engine: Engine, plan: LoadPlan): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LOAD_LOCK}::int, ${plan.round.fiscalYear}::int)`);
  // Then every district of the scope, exclusive, in district-code order, before reading any state
  // (docs/security.md, "Lock order"): a submit, certify, report or announce on one of them is
  // refused until this load commits, and one that committed first is seen below. Taken after
  // the year lock so a load queued behind another does not hold districts up. A dry run
  // writes no registrations and holds nothing up.
  if (!plan.dryRun) await districtRoundLocks.holdForLoad(tx, plan.round.code, plan.scope);
  // Sorts and hashes of a national file fit in memory instead of spilling to disk; and no JIT:
  // compiling the big set-based statements costs more than it saves on them.
  await tx.execute(sql`set local work_mem = '64MB'`);
  if (engine === 'postgres') await tx.execute(sql`set local jit = off`);
}

/** After a file staged without refusal: upsert, store issues and rejected rows, finish the submission. */
async function completeLoad(
  tx: LoadTx,
  rows: <T>(q: SQL) => Promise<T[]>,
  plan: LoadPlan,
  staged: StagedFile,
  validator: RowValidator,
  columns: string[] | null,
): Promise<LoadResult> {
  const { accepted, rejected } = staged;
  const outcome = await applyStage(tx, rows, plan, accepted, validator);
  await storeStagedIssues(tx, plan.submissionId, plan.dryRun, staged.stagedIssues, rejected);
  if (plan.dryRun && plan.onUnstored) {
    const issues = staged.stagedIssues === 0 ? [] : await rows<UnstoredValues['issues'][number]>(sql`
      select row, col as "column", code, value from ${sql.raw(STAGE_TABLE)} where kind = 'i'
      order by row asc nulls first, seq limit ${UNSTORED_ISSUES}`);
    plan.onUnstored({ issues, samples: validator.normalized.samples });
  }
  await dropStage(tx);
  plan.onPhase?.('issues');

  const result: LoadResult = {
    status: plan.dryRun ? 'validated' : accepted === 0 ? 'rejected' : rejected > 0 ? 'partially-loaded' : 'loaded',
    rowsRead: staged.rowsRead,
    accepted,
    created: outcome.created,
    updated: outcome.updated,
    unchanged: accepted - outcome.created - outcome.updated,
    rejected,
    warnings: staged.warnings,
    issueCounts: staged.issueCounts,
    normalized: plan.dryRun ? { ...validator.normalized, samples: [] } : validator.normalized,
  };
  await finish(tx, plan, result, columns);
  plan.onPhase?.('finish');
  return result;
}

/** A file refused as a whole: its file-level issues, status rejected, nothing loaded. */
async function refuse(tx: LoadTx, plan: LoadPlan, issues: Issue[], columns: string[] | null): Promise<LoadResult> {
  await tx.delete(submissionIssues).where(eq(submissionIssues.submissionId, plan.submissionId));
  if (issues.length > 0) {
    await tx.insert(submissionIssues).values(
      issues.map((i) => ({
        submissionId: plan.submissionId, row: i.row, column: i.column, value: plan.dryRun ? null : i.value, code: i.code,
        severity: i.severity, messageTh: i.message.th, messageEn: i.message.en,
      })),
    );
  }
  const issueCounts: Record<string, number> = {};
  for (const i of issues) issueCounts[i.code] = (issueCounts[i.code] ?? 0) + 1;
  const result: LoadResult = {
    status: 'rejected', rowsRead: 0, accepted: 0, created: 0, updated: 0, unchanged: 0, rejected: 0,
    warnings: issues.filter((i) => i.severity === 'warning').length, issueCounts, normalized: { total: 0, byKind: {}, samples: [] },
  };
  if (plan.dryRun) plan.onUnstored?.({ issues: [...issues].sort((a, b) => (a.row ?? -1) - (b.row ?? -1)).slice(0, UNSTORED_ISSUES), samples: [] });
  await finish(tx, plan, result, columns);
  return result;
}

async function finish(tx: LoadTx, plan: LoadPlan, result: LoadResult, columns: string[] | null): Promise<void> {
  const info = plan.records.info;
  await tx
    .update(submissions)
    .set({
      status: result.status,
      rowsRead: result.rowsRead,
      accepted: result.accepted,
      created: result.created,
      updated: result.updated,
      unchanged: result.unchanged,
      rejected: result.rejected,
      warnings: result.warnings,
      issueCounts: result.issueCounts,
      normalized: result.normalized,
      columns,
      source: { format: info.format, encoding: info.encoding, delimiter: info.delimiter, sheet: info.sheet },
      finishedAt: sql`clock_timestamp()`,
    })
    .where(eq(submissions.id, plan.submissionId));
}
