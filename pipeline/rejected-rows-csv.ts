import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import { rejectedRows, submissionIssues, submissions } from '../db/schema/index.ts';

/** Header of the column the rejected-rows file adds; an unknown column, so a re-upload ignores it. */
export const ISSUES_COLUMN = 'ปัญหาที่พบ (issues)';

// A cell a spreadsheet would run as a formula (CSV injection): prefixed with an apostrophe,
// which the pipeline strips again when the corrected file is uploaded.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function csvField(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * The quarantined rows of a submission as a CSV for the district to fix and upload again:
 * UTF-8 with a byte-order mark (so Excel reads Thai), CRLF line ends, the file's own columns
 * in its own order, plus one column listing each row's issues in Thai and English. Rows come
 * in file order. An empty string when there is no such submission.
 */
export async function rejectedRowsCsv(db: Db, submissionId: string): Promise<string> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(submissionId)) return '';
  const [s] = await db.select({ columns: submissions.columns }).from(submissions).where(eq(submissions.id, submissionId));
  if (!s) return '';
  const headers = s.columns ?? [];
  const rows = await db
    .select({ row: rejectedRows.row, cells: rejectedRows.cells })
    .from(rejectedRows)
    .where(eq(rejectedRows.submissionId, submissionId))
    .orderBy(asc(rejectedRows.row));
  const issues = await db
    .select({
      row: submissionIssues.row,
      column: submissionIssues.column,
      code: submissionIssues.code,
      th: submissionIssues.messageTh,
      en: submissionIssues.messageEn,
    })
    .from(submissionIssues)
    .where(sql`${submissionIssues.submissionId} = ${submissionId} and ${submissionIssues.row} is not null`)
    .orderBy(asc(submissionIssues.row), asc(submissionIssues.id));
  const byRow = new Map<number, string[]>();
  for (const i of issues) {
    const text = `[${i.code}] ${i.column ? `${i.column}: ` : ''}${i.th} / ${i.en}`;
    const list = byRow.get(i.row!);
    if (list) list.push(text);
    else byRow.set(i.row!, [text]);
  }
  const width = Math.max(headers.length, ...rows.map((r) => r.cells.length));
  const line = (cells: readonly string[]) => cells.map((c) => csvField(neutraliseFormula(c))).join(',');
  const out: string[] = [];
  const head = Array.from({ length: width }, (_, i) => headers[i] ?? '');
  out.push(line([...head, ISSUES_COLUMN]));
  for (const r of rows) {
    const cells = Array.from({ length: width }, (_, i) => r.cells[i] ?? '');
    out.push(line([...cells, (byRow.get(r.row) ?? []).join(' | ')]));
  }
  return `\uFEFF${out.join('\r\n')}\r\n`;
}
