import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import { districts, fiscalRounds, provinces } from '../db/schema/index.ts';
import { parseScopeCode } from '../pipeline/scope-geography.ts';
import type { SubmissionReport } from '../pipeline/submission-report.ts';

export interface LoadTargetHints {
  /** --district names no district or province at all: the pipeline's "outside your area" line is replaced by this. */
  missingScope: string | null;
  /** Lines to print after the report's issues. */
  lines: string[];
}

/**
 * What the operator needs when `otop load` is refused for its target: the pipeline says only
 * "the round does not exist" (not how a round is written, nor which exist) and reports a
 * district code that exists nowhere as "outside your area of responsibility".
 */
export async function loadTargetHints(db: Db, report: SubmissionReport, scopeArg: string, roundArg: string): Promise<LoadTargetHints> {
  const lines: string[] = [];
  if (report.issues.some((i) => i.code === 'unknown-round')) {
    const rounds = (await db.select({ code: fiscalRounds.code }).from(fiscalRounds).orderBy(asc(fiscalRounds.code))).map((r) => r.code);
    lines.push(
      `  รอบ "${roundArg}" ไม่มีในฐานข้อมูล: เขียนแบบ ปีงบประมาณ พ.ศ.-Q ไตรมาส เช่น 2561-Q1 / Round "${roundArg}" does not exist: write it as <Buddhist-Era fiscal year>-Q<quarter 1-4>, e.g. 2561-Q1`,
      rounds.length > 0
        ? `  รอบที่มี / rounds in this database: ${rounds.join(', ')}`
        : '  ฐานข้อมูลนี้ยังไม่มีรอบใด (otop seed) / this database has no rounds yet (run otop seed)',
    );
  }
  let missingScope: string | null = null;
  if (report.issues.some((i) => i.code === 'district-out-of-scope' && i.row === null)) {
    const scope = parseScopeCode(scopeArg);
    const exists = scope === null
      ? false
      : scope.kind === 'district'
        ? (await db.select({ code: districts.code }).from(districts).where(eq(districts.code, scope.code)).limit(1)).length > 0
        : scope.kind === 'province'
          ? (await db.select({ code: provinces.code }).from(provinces).where(eq(provinces.code, scope.code)).limit(1)).length > 0
          : true;
    if (!exists) {
      missingScope =
        `ไม่มีอำเภอหรือจังหวัดรหัส "${scopeArg}" ในฐานข้อมูล / District "${scopeArg}" does not exist: no district (4 digits, e.g. 3801) ` +
        'or province (2 digits, e.g. 38) has that code, and "all" loads a national file';
    }
  }
  return { missingScope, lines };
}
