import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { engineOf, type Db, type Engine } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import { submissionIssues, submissions } from '../../db/schema/index.ts';
import type { Issue } from '../../domain/issue-codes.ts';
import { FileRefusal } from '../read/file-refusal.ts';
import type { RecordSource } from '../read/open-records.ts';
import { auditSubmission } from '../audit-submission.ts';
import { loadFailureReason } from '../load-failure.ts';
import type { Uploader } from '../uploader.ts';
import type { LoadTx } from './copy-into.ts';
import { resolveTarget } from './resolve-target.ts';
import type { HeaderReport } from '../map-headers.ts';
import { loadWithHeaders } from './load-with-headers.ts';
import type { HeaderChoices } from './remembered-header-choices.ts';
import { runLoad, type LoadPhase, type UnstoredValues } from './run-load.ts';

/** One submission to record and load, whatever it came from (file, form, seed). */
export interface SubmitRequest {
  kind: 'file' | 'form';
  fileName: string | null;
  /** XLSX: the worksheet named by the uploader (part of what makes a file the same file). */
  sheetName?: string | undefined;
  sha256: string;
  sizeBytes: number;
  scopeCode: string;
  roundCode: string;
  dryRun: boolean;
  user: Uploader;
  /** Clock of the load (timeliness, timestamps); default: the real time. */
  now?: Date | undefined;
  /** Opens the records; may refuse the file as a whole (FileRefusal). Called once, after the checks. */
  open: () => Promise<RecordSource>;
  onRows?: ((rowsRead: number) => void) | undefined;
  onPhase?: ((phase: LoadPhase) => void) | undefined;
  /** A dry run: the values it shows but does not store (see runLoad). */
  onUnstored?: ((values: UnstoredValues) => void) | undefined;
  /** Files: the mapping given with the upload (title → column, null: leave the column out). */
  headerChoices?: HeaderChoices | undefined;
  /** Files: the header step as answered (with sample values, never stored). */
  onHeaders?: ((report: HeaderReport) => void) | undefined;
}

/**
 * A load holds its submission row locked (FOR UPDATE) from the start of its transaction to the
 * end; a 'processing' row nobody holds, older than this grace (the moment between recording it
 * and taking the lock), was abandoned: its process was killed or lost the database.
 */
const ABANDONED_AFTER = sql`interval '2 seconds'`;
const ABANDONED_REASON = 'abandoned: the process loading it stopped or lost the database';

/**
 * Marks 'processing' submissions whose loader is gone as failed (all of them, or one), and
 * returns their ids. Safe while other processes load: a live load holds its row locked, and
 * a load that finds its row no longer 'processing' gives up (see `claim`).
 */
export async function failAbandonedSubmissions(db: Db, submissionId?: string): Promise<string[]> {
  // Each gets its 'submission.failed' audit row in the transaction that marks it.
  return db.transaction(async (tx) => {
    const rows = await queryRows<{ id: string }>(
      tx as unknown as Db,
      sql`update submissions set status = 'failed', failure_reason = ${ABANDONED_REASON}, finished_at = clock_timestamp()
          where id in (
            select id from submissions
            where status = 'processing' and created_at < clock_timestamp() - ${ABANDONED_AFTER}
              ${submissionId ? sql`and id = ${submissionId}` : sql``}
            for update skip locked)
          returning id`,
    );
    for (const r of rows) await auditSubmission(tx, r.id);
    return rows.map((r) => r.id);
  });
}

/** First step of a load's transaction: lock the own row, and give up if it was declared abandoned meanwhile. */
async function claim(tx: LoadTx, submissionId: string): Promise<void> {
  const rows = await queryRows<{ id: string }>(
    tx as unknown as Db,
    sql`select id from submissions where id = ${submissionId} and status = 'processing' for update`,
  );
  if (rows.length === 0) {
    // 55000 object_not_in_prerequisite_state: a state conflict, answered as one (409).
    throw Object.assign(new Error('the submission is no longer processing (declared abandoned)'), { code: '55000' });
  }
}

function scopeKey(districtCode: string | null, provinceCode: string | null): string {
  return districtCode ?? provinceCode ?? '*';
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

async function insertIssues(db: Db | LoadTx, submissionId: string, issues: readonly Issue[]): Promise<void> {
  if (issues.length === 0) return;
  await db.insert(submissionIssues).values(
    issues.map((i) => ({
      submissionId, row: i.row, column: i.column, value: i.value, code: i.code, severity: i.severity,
      messageTh: i.message.th, messageEn: i.message.en,
    })),
  );
}

function countCodes(issues: readonly Issue[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const i of issues) counts[i.code] = (counts[i.code] ?? 0) + 1;
  return counts;
}

type Base = {
  kind: 'file' | 'form'; fileName: string | null; sheetName: string | null; fileSha256: string; sizeBytes: number; userId: string | null; username: string;
  districtCode: string | null; provinceCode: string | null; roundCode: string; dryRun: boolean;
};

function base(req: SubmitRequest, districtCode: string | null, provinceCode: string | null, roundCode: string): Base {
  return {
    kind: req.kind, fileName: req.fileName, sheetName: req.sheetName ?? null, fileSha256: req.sha256, sizeBytes: req.sizeBytes,
    userId: req.user.id, username: req.user.username, districtCode, provinceCode, roundCode, dryRun: req.dryRun,
  };
}

async function recordRefusal(db: Db | LoadTx, row: Base, issues: Issue[]): Promise<string> {
  const [created] = await db
    .insert(submissions)
    .values({ ...row, status: 'rejected', issueCounts: countCodes(issues), finishedAt: sql`clock_timestamp()` })
    .returning({ id: submissions.id });
  await insertIssues(db, created!.id, issues);
  return created!.id;
}

/**
 * Records and loads one submission, and returns its id: the record is written first (status
 * 'processing', committed, so a second upload of the same file sees it), the rows are loaded
 * in one transaction that also finishes the record, and a failure part-way rolls the rows back
 * and marks the record 'failed' with the reason. Refusals (unknown round, out of scope, same
 * file already loaded, unreadable file) are recorded without reading further.
 */
export async function submitRecords(db: Db, req: SubmitRequest): Promise<string> {
  // Every record a submission leaves is audited in the transaction that writes it.
  const audited = (write: (tx: LoadTx) => Promise<string>) =>
    db.transaction(async (tx) => {
      const id = await write(tx);
      await auditSubmission(tx, id, req.now);
      return id;
    });
  const target = await resolveTarget(db, req.scopeCode, req.roundCode, req.user);
  if (!target.ok) return audited((tx) => recordRefusal(tx, base(req, target.districtCode, target.provinceCode, target.roundCode), target.issues));
  const row = base(req, target.districtCode, target.provinceCode, target.round.code);

  const previous = await findLoaded(db, row);
  if (previous) return audited((tx) => recordDuplicate(tx, row, previous));

  let id: string;
  try {
    const [created] = await db.insert(submissions).values({ ...row, status: 'processing' }).returning({ id: submissions.id });
    id = created!.id;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const winner = await findLoaded(db, row);
    if (!winner) throw err;
    return audited((tx) => recordDuplicate(tx, row, winner));
  }

  // The failure and its own 'submission.failed' audit row, with the reason, commit together.
  const fail = (err: unknown) =>
    audited(async (tx) => {
      await tx.update(submissions)
        .set({ status: 'failed', failureReason: loadFailureReason(err), finishedAt: sql`clock_timestamp()` })
        .where(eq(submissions.id, id));
      return id;
    });
  let records: RecordSource;
  try {
    records = await req.open();
  } catch (err) {
    if (!(err instanceof FileRefusal)) {
      await fail(err);
      return id;
    }
    return audited(async (tx) => {
      await tx.update(submissions)
        .set({ status: 'rejected', issueCounts: countCodes([err.issue]), finishedAt: sql`clock_timestamp()` })
        .where(eq(submissions.id, id));
      await insertIssues(tx, id, [err.issue]);
      return id;
    });
  }

  const engine = engineOf(db);
  try {
    await db.transaction(async (tx) => {
      await claim(tx, id);
      await loadInto(tx, engine, id, req, target, records);
      await auditSubmission(tx, id, req.now);
    });
  } catch (err) {
    // Rolled back: no row of the file survives; the record says why.
    await fail(err);
  }
  return id;
}

function loadInto(
  tx: LoadTx,
  engine: Engine,
  id: string,
  req: SubmitRequest,
  target: Extract<Awaited<ReturnType<typeof resolveTarget>>, { ok: true }>,
  records: RecordSource,
) {
  const plan = {
    submissionId: id,
    dryRun: req.dryRun,
    scope: target.scope,
    round: target.round,
    at: req.now ?? null,
    judgedAt: req.now ?? new Date(),
    records,
    onRows: req.onRows,
    onPhase: req.onPhase,
    onUnstored: req.onUnstored,
  };
  if (req.kind === 'form') return runLoad(tx, engine, plan);
  return loadWithHeaders(tx, engine, plan, {
    districtCode: target.districtCode, username: req.user.username, explicit: req.headerChoices ?? null, onHeaders: req.onHeaders,
  });
}

/**
 * The same, inside a transaction the caller holds (the demo seed loads many submissions
 * atomically). A failure propagates and the caller's transaction rolls back.
 */
export async function submitRecordsInTransaction(tx: LoadTx, engine: Engine, req: SubmitRequest): Promise<string> {
  const id = await submitInTransaction(tx, engine, req);
  await auditSubmission(tx, id, req.now);
  return id;
}

async function submitInTransaction(tx: LoadTx, engine: Engine, req: SubmitRequest): Promise<string> {
  const target = await resolveTarget(tx as unknown as Db, req.scopeCode, req.roundCode, req.user);
  if (!target.ok) return recordRefusal(tx, base(req, target.districtCode, target.provinceCode, target.roundCode), target.issues);
  const row = base(req, target.districtCode, target.provinceCode, target.round.code);
  const previous = await findLoaded(tx as unknown as Db, row);
  if (previous) return recordDuplicate(tx, row, previous);
  const [created] = await tx.insert(submissions).values({ ...row, status: 'processing' }).returning({ id: submissions.id });
  await loadInto(tx, engine, created!.id, req, target, await req.open());
  return created!.id;
}

async function findLoaded(db: Db, row: Base): Promise<string | null> {
  const key = scopeKey(row.districtCode, row.provinceCode);
  const found = await db
    .select({ id: submissions.id, status: submissions.status })
    .from(submissions)
    .where(
      and(
        eq(submissions.fileSha256, row.fileSha256),
        sql`coalesce(${submissions.districtCode}, ${submissions.provinceCode}, '*') = ${key}`,
        eq(submissions.roundCode, row.roundCode),
        sql`coalesce(${submissions.sheetName}, '') = ${row.sheetName ?? ''}`,
        eq(submissions.dryRun, false),
        inArray(submissions.status, ['loaded', 'partially-loaded', 'processing']),
      ),
    )
    .orderBy(desc(submissions.createdAt));
  for (const f of found) {
    if (f.status === 'processing' && (await failAbandonedSubmissions(db, f.id)).length > 0) continue;
    return f.id;
  }
  return null;
}

async function recordDuplicate(db: Db | LoadTx, row: Base, duplicateOf: string): Promise<string> {
  const [created] = await db
    .insert(submissions)
    .values({ ...row, status: 'duplicate', duplicateOf, finishedAt: sql`clock_timestamp()` })
    .returning({ id: submissions.id });
  return created!.id;
}
