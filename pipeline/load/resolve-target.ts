import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import { makeIssue, type Issue } from '../../domain/issue-codes.ts';
import { parseRoundCode, roundCode as formatRoundCode } from '../../domain/fiscal-year.ts';
import { parseScopeCode, type LoadScope } from '../scope-geography.ts';
import { uploaderScopeProblem, type Uploader } from '../uploader.ts';

/** Where a submission goes: its scope and round, or the file-level issues that refuse it. */
export type ResolvedTarget =
  | {
      ok: true;
      scope: LoadScope;
      /** The scope as stored: district, province (null) or both null for national. */
      districtCode: string | null;
      provinceCode: string | null;
      round: { code: string; fiscalYear: number; step1: { startDate: string; endDate: string } | null };
    }
  | { ok: false; issues: Issue[]; districtCode: string | null; provinceCode: string | null; roundCode: string };

const outOfScope = (detail: { th: string; en: string }) => makeIssue('district-out-of-scope', { detail });

/**
 * Checks the target of an upload before reading a byte of it: the round exists, the district
 * (or province) exists, and the uploader may load into it. Every problem is reported at once.
 */
export async function resolveTarget(db: Db, scopeCode: string, roundCodeText: string, user: Uploader): Promise<ResolvedTarget> {
  const issues: Issue[] = [];
  const parsedRound = parseRoundCode(roundCodeText);
  const code = parsedRound ? formatRoundCode(parsedRound.fiscalYear, parsedRound.quarter) : roundCodeText;
  let round: { code: string; fiscalYear: number; step1: { startDate: string; endDate: string } | null } | null = null;
  if (parsedRound) {
    const [found] = await queryRows<{ code: string; fiscal_year: number; start_date: string | null; end_date: string | null }>(
      db,
      sql`select r.code, r.fiscal_year, w.start_date::text as start_date, w.end_date::text as end_date
          from fiscal_rounds r left join plan_windows w on w.round_code = r.code and w.step = 1
          where r.code = ${code}`,
    );
    if (found) {
      round = {
        code: found.code,
        fiscalYear: Number(found.fiscal_year),
        step1: found.start_date && found.end_date ? { startDate: found.start_date, endDate: found.end_date } : null,
      };
    }
  }
  if (!round) {
    issues.push(makeIssue('unknown-round', { value: roundCodeText, detail: { th: roundCodeText, en: roundCodeText } }));
  }

  const parsedScope = parseScopeCode(scopeCode);
  let scope: LoadScope | null = null;
  let districtCode: string | null = null;
  let provinceCode: string | null = null;
  if (parsedScope === null) {
    issues.push(outOfScope({ th: `ไม่รู้จักรหัสอำเภอ "${scopeCode}"`, en: `unknown district code "${scopeCode}"` }));
  } else if (parsedScope.kind === 'district') {
    const [d] = await queryRows<{ code: string; province_code: string }>(
      db,
      sql`select code, province_code from districts where code = ${parsedScope.code}`,
    );
    if (!d) issues.push(outOfScope({ th: `ไม่พบอำเภอรหัส ${parsedScope.code}`, en: `no district with code ${parsedScope.code}` }));
    else {
      districtCode = d.code;
      provinceCode = d.province_code;
      scope = { kind: 'district', districtCode: d.code, provinceCode: d.province_code };
      const problem = uploaderScopeProblem(user, { code: d.code, provinceCode: d.province_code });
      if (problem) issues.push(outOfScope(problem));
    }
  } else if (parsedScope.kind === 'province') {
    const [p] = await queryRows<{ code: string }>(db, sql`select code from provinces where code = ${parsedScope.code}`);
    if (!p) issues.push(outOfScope({ th: `ไม่พบจังหวัดรหัส ${parsedScope.code}`, en: `no province with code ${parsedScope.code}` }));
    else {
      provinceCode = p.code;
      scope = { kind: 'province', provinceCode: p.code };
      const allowed = user.role === 'department' || user.role === 'admin' || (user.role === 'province' && user.provinceCode === p.code);
      if (!allowed) {
        issues.push(outOfScope({ th: `ผู้ใช้ส่งข้อมูลทั้งจังหวัด ${p.code} ไม่ได้`, en: `you may not load the whole of province ${p.code}` }));
      }
    }
  } else {
    scope = { kind: 'national' };
    if (user.role !== 'department' && user.role !== 'admin') {
      issues.push(outOfScope({ th: 'เฉพาะกรมฯ ส่งข้อมูลทั้งประเทศได้', en: 'only the department may load national data' }));
    }
  }
  if (issues.length > 0 || !scope || !round) return { ok: false, issues, districtCode, provinceCode, roundCode: code };
  return { ok: true, scope, districtCode, provinceCode, round };
}
