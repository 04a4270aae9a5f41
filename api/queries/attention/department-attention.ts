import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { queryRows } from '../../../db/query-rows.ts';
import { daysInclusive } from '../../../domain/fiscal-year.ts';
import { bangkokDate } from '../../../domain/timeliness.ts';

interface ProvinceRef {
  code: string;
  nameTh: string;
  nameEn: string;
  roundCode: string;
  quarter: number;
  districts: number;
  districtsCertified: number;
}

export interface ReportedProvince extends ProvinceRef {
  reportedAt: string;
  daysWaiting: number;
  /** Days past the announcement (step-3) window; null while it is still open. */
  daysLate: number | null;
}

export interface LateProvince extends ProvinceRef {
  /** The report (step-2) window's last day, passed without a report. */
  endDate: string;
  daysLate: number;
}

export interface DepartmentAttention {
  asOf: string;
  fiscalYear: number;
  /** Provinces that reported a round and wait for the department's announcement. */
  awaitingAnnouncement: ReportedProvince[];
  /** Provinces past the report window of a round without reporting it. */
  late: LateProvince[];
}

const daysBetween = (from: string, to: string) => daysInclusive(from, to) - 1;
const iso = (v: unknown) => (v === null || v === undefined ? null : (v instanceof Date ? v : new Date(String(v))).toISOString());

/**
 * The department's to-do list for a fiscal year, one row per province and round: reported
 * and waiting for announcement (days waiting), or late to report (days past the step-2
 * window), with the districts certified — one query for all 77 provinces.
 */
export async function departmentAttention(db: Db, filter: { fiscalYear: number }, now: Date = new Date()): Promise<DepartmentAttention> {
  const today = bangkokDate(now);
  const rows = await queryRows<{
    round_code: string;
    quarter: number;
    code: string;
    name_th: string;
    name_en: string;
    state: string;
    reported_at: unknown;
    step2_end: string;
    step3_end: string;
    districts: number;
    certified: number;
  }>(
    db,
    sql`select r.code as round_code, r.quarter, p.code, p.name_th, p.name_en,
               coalesce(pr.state, 'open') as state, pr.reported_at,
               w2.end_date::text as step2_end, w3.end_date::text as step3_end,
               (select count(*)::int from districts d where d.province_code = p.code) as districts,
               (select count(*)::int from district_rounds dr
                 where dr.round_code = r.code and dr.province_code = p.code and dr.state = 'certified') as certified
        from fiscal_rounds r
        join plan_windows w2 on w2.round_code = r.code and w2.step = 2
        join plan_windows w3 on w3.round_code = r.code and w3.step = 3
        cross join provinces p
        left join province_rounds pr on pr.round_code = r.code and pr.province_code = p.code
        where r.fiscal_year = ${filter.fiscalYear}
          and (pr.state = 'reported' or (coalesce(pr.state, 'open') = 'open' and w2.end_date < ${today}::date))
        order by r.quarter, p.code`,
  );
  const result: DepartmentAttention = { asOf: now.toISOString(), fiscalYear: filter.fiscalYear, awaitingAnnouncement: [], late: [] };
  for (const r of rows) {
    const ref: ProvinceRef = {
      code: r.code,
      nameTh: r.name_th,
      nameEn: r.name_en,
      roundCode: r.round_code,
      quarter: Number(r.quarter),
      districts: Number(r.districts),
      districtsCertified: Number(r.certified),
    };
    if (r.state === 'reported') {
      const reportedAt = iso(r.reported_at) ?? now.toISOString();
      result.awaitingAnnouncement.push({
        ...ref,
        reportedAt,
        daysWaiting: Math.max(0, daysBetween(bangkokDate(new Date(reportedAt)), today)),
        daysLate: today > r.step3_end ? daysBetween(r.step3_end, today) : null,
      });
    } else {
      result.late.push({ ...ref, endDate: r.step2_end, daysLate: daysBetween(r.step2_end, today) });
    }
  }
  result.awaitingAnnouncement.sort((a, b) => b.daysWaiting - a.daysWaiting || a.code.localeCompare(b.code));
  result.late.sort((a, b) => b.daysLate - a.daysLate || a.code.localeCompare(b.code));
  return result;
}
