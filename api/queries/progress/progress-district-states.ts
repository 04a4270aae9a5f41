import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { queryRows } from '../../../db/query-rows.ts';
import type { DistrictRoundState } from '../../../domain/round-state.ts';
import { progressAreaFilter } from './progress-area-filter.ts';
import type { ProgressDetail, ProgressFilter } from './progress-types.ts';

/**
 * One district's round (district detail), or a province's districts counted (province detail:
 * `district_code` is the province's code, `state` and `certified_at` null, `submitted_at` the
 * latest submission).
 */
export type ProgressDistrictStateRow = {
  round_code: string;
  district_code: string;
  province_code: string;
  state: DistrictRoundState | null;
  submitted: number;
  certified: number;
  submitted_at: unknown;
  certified_at: unknown;
};

/** The workflow state of the area's district rounds in the fiscal year (rounds never touched have no row). */
export function progressDistrictStates(db: Db, filter: ProgressFilter, detail: ProgressDetail): Promise<ProgressDistrictStateRow[]> {
  const where = progressAreaFilter(filter, { district: 't.district_code', province: 't.province_code' });
  return queryRows<ProgressDistrictStateRow>(
    db,
    detail === 'province'
      ? sql`select t.round_code, t.province_code as district_code, t.province_code, null as state,
                   count(*) filter (where t.state in ('submitted', 'certified'))::int as submitted,
                   count(*) filter (where t.state = 'certified')::int as certified,
                   max(t.submitted_at) filter (where t.state in ('submitted', 'certified')) as submitted_at,
                   null as certified_at
            from district_rounds t join fiscal_rounds r on r.code = t.round_code
            where r.fiscal_year = ${filter.fiscalYear} and ${where} group by 1, 2, 3`
      : sql`select t.round_code, t.district_code, t.province_code, t.state,
                   (t.state in ('submitted', 'certified'))::int as submitted, (t.state = 'certified')::int as certified,
                   t.submitted_at, t.certified_at
            from district_rounds t join fiscal_rounds r on r.code = t.round_code
            where r.fiscal_year = ${filter.fiscalYear} and ${where}`,
  );
}
