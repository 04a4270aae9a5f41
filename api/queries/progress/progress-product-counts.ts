import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { queryRows } from '../../../db/query-rows.ts';
import type { CategoryCode } from '../../../domain/product-categories.ts';
import { progressAreaFilter } from './progress-area-filter.ts';
import type { ProgressDetail, ProgressFilter } from './progress-types.ts';

/** `district_code` is the province's code at province detail (the rows are summed to provinces). */
export type ProgressProductCountRow = { round_code: string; district_code: string; province_code: string; category: CategoryCode; products: number };

/** Products registered per round, area and category: the roll-up the triggers keep (product_counts, db/sql). */
export function progressProductCounts(db: Db, filter: ProgressFilter, detail: ProgressDetail): Promise<ProgressProductCountRow[]> {
  const grain = detail === 'province' ? sql`t.province_code` : sql`t.district_code`;
  return queryRows<ProgressProductCountRow>(
    db,
    sql`select t.round_code, ${grain} as district_code, t.province_code, t.category, sum(t.products)::int as products
        from product_counts t
        where t.fiscal_year = ${filter.fiscalYear} and ${progressAreaFilter(filter, { district: 't.district_code', province: 't.province_code' })}
          and t.products <> 0
        group by 1, 2, 3, 4`,
  );
}
