import { eq } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import { recordAudit } from '../db/record-audit.ts';
import { submissions } from '../db/schema/index.ts';
import type { LoadTx } from './load/copy-into.ts';

/**
 * The audit action of a finished submission: 'submission.dry-run' for every dry run (its
 * status in the details), otherwise 'submission.' + the status — 'loaded', 'partially-loaded',
 * 'rejected', 'duplicate' or 'failed'.
 */
export function submissionAuditAction(s: { dryRun: boolean; status: string }): string {
  return s.dryRun ? 'submission.dry-run' : `submission.${s.status}`;
}

/**
 * Writes the audit row of one submission from its stored record: who, which district and
 * round, the file's SHA-256 and size, and what the load did (counts). Called in the
 * transaction that finishes the submission, so a load that rolls back leaves no row claiming
 * it loaded; a failure gets its own 'submission.failed' row with the reason. No cell value is
 * written here (the file name is the uploader's, sanitised by the caller).
 */
export async function auditSubmission(tx: Db | LoadTx, submissionId: string, at?: Date): Promise<number> {
  const [s] = await (tx as Db).select().from(submissions).where(eq(submissions.id, submissionId));
  if (!s) throw new Error(`submission ${submissionId} not found for its audit row`);
  return recordAudit(tx, {
    ...(at ? { at } : {}),
    actor: { id: s.userId, username: s.username },
    action: submissionAuditAction(s),
    roundCode: s.roundCode,
    provinceCode: s.provinceCode,
    districtCode: s.districtCode,
    reason: s.status === 'failed' ? s.failureReason : null,
    details: {
      submissionId: s.id,
      kind: s.kind,
      status: s.status,
      dryRun: s.dryRun,
      fileName: s.fileName,
      sheetName: s.sheetName,
      fileSha256: s.fileSha256,
      sizeBytes: s.sizeBytes,
      rowsRead: s.rowsRead,
      accepted: s.accepted,
      created: s.created,
      updated: s.updated,
      unchanged: s.unchanged,
      rejected: s.rejected,
      warnings: s.warnings,
      issueCounts: s.issueCounts,
      ...(s.duplicateOf ? { duplicateOf: s.duplicateOf } : {}),
    },
  });
}
