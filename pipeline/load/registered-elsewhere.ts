import { sql, type SQL } from 'drizzle-orm';
import type { IssueCode, IssueMessage } from '../../domain/issue-codes.ts';
import type { GeoDistrict, LoadScope } from '../scope-geography.ts';

/**
 * Where the producers a load may meet are registered outside its reach, read once before the
 * file (after the fiscal year's lock): the citizen IDs registered this fiscal year in another
 * district, with that district, and — for a district or province upload — the IDs of producers
 * whose last registration is in another province (and that are not registered this year in the
 * uploader's province). Both are fetched as one string each (13 or 17 characters an entry): a
 * national year has 100,000 registrations, and a row object each would cost more than the
 * lookups built from them.
 */
export interface RegisteredElsewhere {
  /** Citizen ID (as a number) → district registered with this fiscal year (outside the uploader's district). */
  thisYear: Map<number, string>;
  /** Citizen IDs of producers last registered in another province than the uploader's. */
  otherProvince: Set<number>;
}

export async function registeredElsewhere(
  rows: <T>(q: SQL) => Promise<T[]>,
  scope: LoadScope,
  fiscalYear: number,
): Promise<RegisteredElsewhere> {
  const thisYear = new Map<number, string>();
  const [packed] = await rows<{ entries: string | null }>(sql`
    select string_agg(p.thai_id || r.district_code, '') as entries
    from registrations r join producers p on p.id = r.producer_id
    where r.fiscal_year = ${fiscalYear}
      ${scope.kind === 'district' ? sql`and r.district_code <> ${scope.districtCode}` : sql``}`);
  const entries = packed?.entries ?? '';
  for (let i = 0; i + 17 <= entries.length; i += 17) {
    thisYear.set(Number(entries.slice(i, i + 13)), entries.slice(i + 13, i + 17));
  }
  const otherProvince = new Set<number>();
  if (scope.kind !== 'national') {
    // The department (national scope) may move a producer between provinces; an office may not.
    const [ids] = await rows<{ ids: string | null }>(sql`
      select string_agg(p.thai_id, '') as ids
      from (select distinct on (y.producer_id) y.producer_id, y.province_code
            from registered_years y order by y.producer_id, y.fiscal_year desc) last
      join producers p on p.id = last.producer_id
      where last.province_code <> ${scope.provinceCode}
        and not exists (select 1 from registered_years k
                        where k.producer_id = last.producer_id and k.fiscal_year = ${fiscalYear} and k.province_code = ${scope.provinceCode})`);
    const s = ids?.ids ?? '';
    for (let i = 0; i + 13 <= s.length; i += 13) otherProvince.add(Number(s.slice(i, i + 13)));
  }
  return { thisYear, otherProvince };
}

/**
 * The issue for a producer registered this fiscal year with another district. A place is named
 * only inside the uploader's province (the department sees every place): a district office of
 * another province learns that the ID is taken, not where.
 */
export function registeredInDistrictIssue(
  scope: LoadScope,
  district: string,
  geo: GeoDistrict | undefined,
): { code: IssueCode; detail: IssueMessage } {
  const province = geo?.provinceCode ?? district.slice(0, 2);
  if (scope.kind !== 'national' && province !== scope.provinceCode) {
    return {
      code: 'registered-in-other-province',
      detail: { th: 'ลงทะเบียนแล้วในปีงบประมาณนี้', en: 'already registered in this fiscal year' },
    };
  }
  return {
    code: 'registered-in-other-district',
    detail: {
      th: `ลงทะเบียนแล้วกับอำเภอ ${district} ${geo?.nameTh ?? ''}`.trim(),
      en: `registered with district ${district} ${geo?.nameEn ?? ''}`.trim(),
    },
  };
}
