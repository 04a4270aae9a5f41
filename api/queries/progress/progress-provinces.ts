import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { queryRows } from '../../../db/query-rows.ts';
import type { ProvinceRoundState } from '../../../domain/round-state.ts';
import { progressAreaFilter } from './progress-area-filter.ts';
import type { ProgressFilter } from './progress-types.ts';

/** One row per province and round it has a workflow row for (one with `round_code` null when it has none). */
export type ProgressProvinceRow = {
  code: string;
  name_th: string;
  name_en: string;
  districts: number;
  round_code: string | null;
  state: ProvinceRoundState | null;
  reported_at: unknown;
  announced_at: unknown;
};

/** The provinces of the filter's area (a district's province), their district count and round states, by code. */
export function progressProvinces(db: Db, filter: ProgressFilter): Promise<ProgressProvinceRow[]> {
  return queryRows<ProgressProvinceRow>(
    db,
    sql`select p.code, p.name_th, p.name_en,
               (select count(*)::int from districts d where d.province_code = p.code) as districts,
               pr.round_code, pr.state, pr.reported_at, pr.announced_at
        from provinces p
        left join (select t.* from province_rounds t join fiscal_rounds r on r.code = t.round_code where r.fiscal_year = ${filter.fiscalYear}) pr
          on pr.province_code = p.code
        where ${progressAreaFilter(filter, { province: 'p.code' })}
        order by p.code`,
  );
}
