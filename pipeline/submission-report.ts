import { asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import { submissionIssues, submissions } from '../db/schema/index.ts';
import type { Issue, IssueCode, IssueMessage } from '../domain/issue-codes.ts';
import { resolveHeader, type ColumnKey } from '../domain/columns.ts';
import type { NormalizedSummary, SubmissionStatus, UnstoredValues } from './load/run-load.ts';
import { loadFailureKind, type LoadFailureKind } from './load-failure.ts';
import type { HeaderReport } from './map-headers.ts';

export { rejectedRowsCsv } from './rejected-rows-csv.ts';
export type { NormalizedSummary, SubmissionStatus } from './load/run-load.ts';

/** An issue as reported: the shared issue shape plus the canonical column it concerns. */
export type ReportIssue = Issue & { columnKey: ColumnKey | null };

/** The report of one submission: what the CLI prints with --json and the API answers. */
export interface SubmissionReport {
  submissionId: string;
  kind: 'file' | 'form';
  status: SubmissionStatus;
  dryRun: boolean;
  fileName: string | null;
  fileSha256: string;
  sizeBytes: number;
  /** The target as given: a district ('3801'), a whole province ('38') or the country ('all'). */
  districtCode: string;
  provinceCode: string | null;
  roundCode: string;
  username: string;
  createdAt: string;
  finishedAt: string | null;
  /** Status 'duplicate': the submission that already loaded this very file. */
  duplicateOf?: string;
  /** How the file was read. */
  source: { format: string; encoding: string | null; delimiter: string | null; sheet: string | null } | null;
  /** The file's header row, each header with the column it was recognised as. */
  columns: Array<{ header: string; key: ColumnKey | null }>;
  /**
   * Files: the header step — each column with what it was mapped to and how (name, synonym,
   * the uploader's mapping, the district's remembered one) or why it was not read, candidates
   * for titles not recognised, required columns missing, and notices. Sample values only in
   * the answer to a dry run.
   */
  headerMapping?: HeaderReport;
  /** Data rows read (blank rows skipped). */
  rowsRead: number;
  /** Rows accepted, and what loading them did (a dry run: would do). */
  accepted: { total: number; created: number; updated: number; unchanged: number };
  /** Rows rejected (quarantined: GET …/rejected.csv). */
  rejected: number;
  /** Warning issues (the rows concerned were still accepted). */
  warnings: number;
  issueCounts: Partial<Record<IssueCode, number>>;
  /** Issues in file order, file-level first; at most `maxIssues` of `issuesTotal`. */
  issues: ReportIssue[];
  issuesTotal: number;
  issuesTruncated: boolean;
  /** What normalisation changed before validating (Thai digits, BE dates, spacing…). */
  normalized: NormalizedSummary;
  /** Status 'failed': a message for the user (the technical reason stays in the database). */
  failure?: IssueMessage;
  /** Status 'failed': what kind of failure, for the caller's answer (the API: 503, 409 or 500). */
  failureKind?: LoadFailureKind;
}

export const DEFAULT_REPORT_ISSUES = 1000;

const FAILURE: IssueMessage = {
  th: 'ระบบขัดข้องระหว่างนำเข้า จึงยกเลิกทั้งหมด ไม่มีข้อมูลใดถูกบันทึก กรุณาลองใหม่อีกครั้ง',
  en: 'The load failed and was rolled back; nothing was changed. Please try again.',
};

/** Reads a stored submission back as its report; null when there is no such submission. */
export async function submissionReport(
  db: Db,
  submissionId: string,
  options: { maxIssues?: number } = {},
): Promise<SubmissionReport | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(submissionId)) return null;
  const [s] = await db.select().from(submissions).where(eq(submissions.id, submissionId));
  if (!s) return null;
  const maxIssues = options.maxIssues ?? DEFAULT_REPORT_ISSUES;
  const rows = await db
    .select()
    .from(submissionIssues)
    .where(eq(submissionIssues.submissionId, submissionId))
    .orderBy(sql`${submissionIssues.row} asc nulls first`, asc(submissionIssues.id))
    .limit(maxIssues);
  const [total] = await db.select({ n: count() }).from(submissionIssues).where(eq(submissionIssues.submissionId, submissionId));
  const issuesTotal = Number(total?.n ?? 0);
  const headers = s.columns ?? [];
  const headerStep = (s.headerMapping ?? null) as HeaderReport | null;
  // The column each title was mapped to: from the header step when stored (it knows the uploader's mapping).
  const keyByHeader = new Map<string, ColumnKey | null>();
  for (const c of headerStep?.columns ?? []) if (!keyByHeader.has(c.header)) keyByHeader.set(c.header, c.key);
  const keyOf = (header: string) => (keyByHeader.has(header) ? keyByHeader.get(header)! : resolveHeader(header));
  const source = (s.source ?? null) as SubmissionReport['source'];
  const normalized = (s.normalized ?? { total: 0, byKind: {}, samples: [] }) as NormalizedSummary;
  return {
    submissionId: s.id,
    kind: s.kind,
    status: s.status,
    dryRun: s.dryRun,
    fileName: s.fileName,
    fileSha256: s.fileSha256,
    sizeBytes: s.sizeBytes,
    districtCode: s.districtCode ?? s.provinceCode ?? 'all',
    provinceCode: s.provinceCode,
    roundCode: s.roundCode,
    username: s.username,
    createdAt: s.createdAt.toISOString(),
    finishedAt: s.finishedAt ? s.finishedAt.toISOString() : null,
    ...(s.duplicateOf ? { duplicateOf: s.duplicateOf } : {}),
    source,
    ...(headerStep ? { headerMapping: headerStep } : {}),
    columns: headers.map((header) => ({ header, key: keyOf(header) })),
    rowsRead: s.rowsRead,
    accepted: { total: s.accepted, created: s.created, updated: s.updated, unchanged: s.unchanged },
    rejected: s.rejected,
    warnings: s.warnings,
    issueCounts: s.issueCounts as Partial<Record<IssueCode, number>>,
    issues: rows.map((i) => ({
      row: i.row,
      column: i.column,
      columnKey: i.column === null ? null : keyOf(i.column),
      value: i.value,
      code: i.code as IssueCode,
      severity: i.severity,
      message: { th: i.messageTh, en: i.messageEn },
    })),
    issuesTotal,
    issuesTruncated: issuesTotal > rows.length,
    normalized,
    ...(s.status === 'failed' ? { failure: FAILURE, failureKind: loadFailureKind(s.failureReason) } : {}),
  };
}

/**
 * A dry run's report as answered to whoever ran it: the stored report (which holds no cell
 * values) with the values it showed while running put back — the issues' values in report
 * order, and the normalisation samples. Nothing of this is in the database.
 */
export function withUnstoredValues(report: SubmissionReport, values: UnstoredValues | null): SubmissionReport {
  if (!values || !report.dryRun) return report;
  const issues = report.issues.map((issue, i) => {
    const v = values.issues[i];
    return v && v.row === issue.row && v.column === issue.column && v.code === issue.code ? { ...issue, value: v.value } : issue;
  });
  return { ...report, issues, normalized: { ...report.normalized, samples: values.samples } };
}
