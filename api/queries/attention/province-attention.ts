import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { queryRows } from '../../../db/query-rows.ts';
import { daysInclusive } from '../../../domain/fiscal-year.ts';
import type { DistrictRoundState } from '../../../domain/round-state.ts';
import { bangkokDate } from '../../../domain/timeliness.ts';

interface DistrictRef {
  code: string;
  nameTh: string;
  nameEn: string;
  roundCode: string;
  quarter: number;
}

export interface OverdueDistrict extends DistrictRef {
  state: DistrictRoundState;
  /** The step whose window has closed without the district's part done (1: submit). */
  step: 1;
  endDate: string;
  daysLate: number;
}

export interface AwaitingDistrict extends DistrictRef {
  submittedAt: string;
  daysWaiting: number;
  /** Days past the certification (step-2) window; null while it is still open. */
  daysLate: number | null;
}

export interface ReturnedDistrict extends DistrictRef {
  returnedAt: string | null;
  reason: string | null;
}

export interface ProvinceAttention {
  asOf: string;
  fiscalYear: number;
  provinceCode: string;
  overdue: OverdueDistrict[];
  awaitingCertification: AwaitingDistrict[];
  returned: ReturnedDistrict[];
}

/** Whole Bangkok days from an earlier ISO date to a later one (0 on the same day). */
const daysBetween = (from: string, to: string) => daysInclusive(from, to) - 1;
const iso = (v: unknown) => (v === null || v === undefined ? null : (v instanceof Date ? v : new Date(String(v))).toISOString());

/**
 * What the province manager must act on in a fiscal year, across the rounds not yet reported:
 * districts past their step-1 window without submitting (days late), districts waiting for
 * certification (days waiting since they submitted) and districts returned for correction
 * (the province's latest reason). Rounds whose step 1 has not started are left out.
 */
export async function provinceAttention(
  db: Db,
  filter: { fiscalYear: number; provinceCode: string },
  now: Date = new Date(),
): Promise<ProvinceAttention> {
  const today = bangkokDate(now);
  const rows = await queryRows<{
    round_code: string;
    quarter: number;
    code: string;
    name_th: string;
    name_en: string;
    state: DistrictRoundState;
    submitted_at: unknown;
    step1_end: string;
    step2_end: string;
    returned_at: unknown;
    reason: string | null;
  }>(
    db,
    sql`select r.code as round_code, r.quarter, d.code, d.name_th, d.name_en,
               coalesce(dr.state, 'open') as state, dr.submitted_at,
               w1.end_date::text as step1_end, w2.end_date::text as step2_end,
               ret.at as returned_at, ret.reason
        from fiscal_rounds r
        join plan_windows w1 on w1.round_code = r.code and w1.step = 1
        join plan_windows w2 on w2.round_code = r.code and w2.step = 2
        join districts d on d.province_code = ${filter.provinceCode}
        left join district_rounds dr on dr.round_code = r.code and dr.district_code = d.code
        left join province_rounds pr on pr.round_code = r.code and pr.province_code = d.province_code
        left join lateral (
          select a.at, a.reason from audit_log a
          where a.round_code = r.code and a.district_code = d.code and a.to_state = 'returned'
          order by a.at desc, a.id desc limit 1
        ) ret on dr.state = 'returned'
        where r.fiscal_year = ${filter.fiscalYear}
          and w1.start_date <= ${today}::date
          and coalesce(pr.state, 'open') = 'open'
          and coalesce(dr.state, 'open') <> 'certified'
        order by r.quarter, d.code`,
  );
  const result: ProvinceAttention = {
    asOf: now.toISOString(),
    fiscalYear: filter.fiscalYear,
    provinceCode: filter.provinceCode,
    overdue: [],
    awaitingCertification: [],
    returned: [],
  };
  for (const r of rows) {
    const ref: DistrictRef = { code: r.code, nameTh: r.name_th, nameEn: r.name_en, roundCode: r.round_code, quarter: Number(r.quarter) };
    if ((r.state === 'open' || r.state === 'returned') && today > r.step1_end) {
      result.overdue.push({ ...ref, state: r.state, step: 1, endDate: r.step1_end, daysLate: daysBetween(r.step1_end, today) });
    }
    if (r.state === 'submitted') {
      const submittedAt = iso(r.submitted_at) ?? now.toISOString();
      result.awaitingCertification.push({
        ...ref,
        submittedAt,
        daysWaiting: Math.max(0, daysBetween(bangkokDate(new Date(submittedAt)), today)),
        daysLate: today > r.step2_end ? daysBetween(r.step2_end, today) : null,
      });
    }
    if (r.state === 'returned') result.returned.push({ ...ref, returnedAt: iso(r.returned_at), reason: r.reason });
  }
  result.overdue.sort((a, b) => b.daysLate - a.daysLate || a.code.localeCompare(b.code));
  result.awaitingCertification.sort((a, b) => b.daysWaiting - a.daysWaiting || a.code.localeCompare(b.code));
  return result;
}
