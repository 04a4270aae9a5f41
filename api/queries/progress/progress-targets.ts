import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { queryRows } from '../../../db/query-rows.ts';
import { progressAreaFilter } from './progress-area-filter.ts';
import type { ProgressDetail, ProgressFilter } from './progress-types.ts';

/** `area` is a district code, or a province code at province detail. */
export type ProgressTargetRow = { area: string; previous: number; target: number };

/** Last year's producers and this year's target (explicit, else last year's) per area. */
export function progressTargets(db: Db, filter: ProgressFilter, detail: ProgressDetail): Promise<ProgressTargetRow[]> {
  return queryRows<ProgressTargetRow>(
    db,
    sql`select ${detail === 'province' ? sql`d.province_code` : sql`d.code`} as area,
               sum(coalesce(prev.producers, 0))::int as previous,
               sum(coalesce(tg.producers, prev.producers, 0))::int as target
        from districts d
        left join (select t.district_code, sum(t.producers) as producers from registration_counts t
                   where t.fiscal_year = ${filter.fiscalYear - 1}
                     and ${progressAreaFilter(filter, { district: 't.district_code', province: 't.province_code' })}
                   group by 1) prev on prev.district_code = d.code
        left join district_targets tg on tg.district_code = d.code and tg.fiscal_year = ${filter.fiscalYear}
        where ${progressAreaFilter(filter, { district: 'd.code', province: 'd.province_code' })}
        group by 1`,
  );
}
