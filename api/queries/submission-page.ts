import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { submissions, SUBMISSION_STATUSES } from '../../db/schema/index.ts';
import type { Page, PageRequest } from './list-page.ts';

export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export interface SubmissionFilter {
  /** Only submissions for this district. */
  districtCode?: string | undefined;
  /** Only submissions within this province (its districts' and province-wide loads). */
  provinceCode?: string | undefined;
  roundCode?: string | undefined;
  status?: SubmissionStatus | undefined;
}

export interface SubmissionRow {
  id: string;
  kind: 'file' | 'form';
  fileName: string | null;
  status: SubmissionStatus;
  dryRun: boolean;
  districtCode: string | null;
  provinceCode: string | null;
  roundCode: string;
  username: string;
  sizeBytes: number;
  rowsRead: number;
  accepted: number;
  rejected: number;
  warnings: number;
  createdAt: string;
  finishedAt: string | null;
}

/** One page of submissions (files and forms), newest first. */
export async function submissionPage(db: Db, filter: SubmissionFilter, page: PageRequest): Promise<Page<SubmissionRow>> {
  const where: SQL[] = [];
  if (filter.districtCode) where.push(eq(submissions.districtCode, filter.districtCode));
  if (filter.provinceCode) where.push(eq(submissions.provinceCode, filter.provinceCode));
  if (filter.roundCode) where.push(eq(submissions.roundCode, filter.roundCode));
  if (filter.status) where.push(eq(submissions.status, filter.status));
  const condition = where.length ? and(...where) : undefined;
  const rows = await db
    .select({
      id: submissions.id,
      kind: submissions.kind,
      fileName: submissions.fileName,
      status: submissions.status,
      dryRun: submissions.dryRun,
      districtCode: submissions.districtCode,
      provinceCode: submissions.provinceCode,
      roundCode: submissions.roundCode,
      username: submissions.username,
      sizeBytes: submissions.sizeBytes,
      rowsRead: submissions.rowsRead,
      accepted: submissions.accepted,
      rejected: submissions.rejected,
      warnings: submissions.warnings,
      createdAt: submissions.createdAt,
      finishedAt: submissions.finishedAt,
    })
    .from(submissions)
    .where(condition)
    .orderBy(desc(submissions.createdAt), desc(submissions.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db.select({ n: count() }).from(submissions).where(condition);
  return {
    items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null })),
    total: total?.n ?? 0,
    limit: page.limit,
    offset: page.offset,
  };
}
