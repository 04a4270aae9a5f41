import { sql, type SQL } from 'drizzle-orm';
import { makeIssue, type Issue } from '../../domain/issue-codes.ts';
import { isDistrictRoundLocked, DISTRICT_ROUND_STATE_LABELS, type DistrictRoundState, type ProvinceRoundState } from '../../domain/round-state.ts';
import type { LoadScope } from '../scope-geography.ts';

export interface RoundLock {
  /** The file's only district is locked (district scope). */
  file: Issue | null;
  /** Districts whose rows are refused (province and national scope). */
  districts: Set<string>;
}

/** Which districts of the scope are submitted, certified or announced in the round: their rows are refused. */
export async function roundLock(rows: <T>(q: SQL) => Promise<T[]>, scope: LoadScope, roundCode: string): Promise<RoundLock> {
  // Read after the district-round locks (runLoad): no workflow action on these districts can
  // commit until this load does, so the states read here hold for the whole load. (A row lock
  // would not do: a district's first action in a round creates its row, which does not exist yet.)
  if (scope.kind === 'district') {
    const [d] = await rows<{ state: DistrictRoundState }>(sql`
      select state from district_rounds where round_code = ${roundCode} and district_code = ${scope.districtCode}`);
    const [p] = await rows<{ state: ProvinceRoundState }>(sql`
      select state from province_rounds where round_code = ${roundCode} and province_code = ${scope.provinceCode}`);
    const districtState = d?.state ?? 'open';
    const provinceState = p?.state ?? 'open';
    if (districtState === 'submitted' || isDistrictRoundLocked(districtState, provinceState)) {
      const label = provinceState === 'announced' ? { th: 'กรมฯ ประกาศรับรองแล้ว', en: 'announced by the department' } : DISTRICT_ROUND_STATE_LABELS[districtState];
      return { file: makeIssue('round-locked', { detail: { th: label.th, en: label.en } }), districts: new Set() };
    }
    return { file: null, districts: new Set() };
  }
  const locked = await rows<{ district_code: string }>(sql`
    select d.code as district_code from districts d
    left join district_rounds dr on dr.district_code = d.code and dr.round_code = ${roundCode}
    left join province_rounds pr on pr.province_code = d.province_code and pr.round_code = ${roundCode}
    where (dr.state in ('submitted', 'certified') or pr.state = 'announced')
      ${scope.kind === 'province' ? sql`and d.province_code = ${scope.provinceCode}` : sql``}`);
  return { file: null, districts: new Set(locked.map((r) => r.district_code)) };
}
