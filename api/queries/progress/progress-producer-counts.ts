import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { queryRows } from '../../../db/query-rows.ts';
import type { ProducerTypeCode } from '../../../domain/producer-types.ts';
import { progressAreaFilter } from './progress-area-filter.ts';
import type { ProgressDetail, ProgressFilter } from './progress-types.ts';

/** `district_code` is the province's code at province detail (the rows are summed to provinces). */
export type ProgressProducerCountRow = {
  round_code: string;
  district_code: string;
  province_code: string;
  producer_type: ProducerTypeCode;
  producers: number;
  renewed: number;
  late: number;
};

/**
 * Producers registered per round, area and producer type, with how many renewed and how many
 * came late: the roll-up the triggers keep (registration_counts, db/sql), a few rows per
 * district. At province detail the database sums to provinces: hundreds of rows, not thousands.
 */
export function progressProducerCounts(db: Db, filter: ProgressFilter, detail: ProgressDetail): Promise<ProgressProducerCountRow[]> {
  const grain = detail === 'province' ? sql`t.province_code` : sql`t.district_code`;
  return queryRows<ProgressProducerCountRow>(
    db,
    sql`select t.round_code, ${grain} as district_code, t.province_code, t.producer_type,
               sum(t.producers)::int as producers, sum(t.renewed)::int as renewed, sum(t.late)::int as late
        from registration_counts t
        where t.fiscal_year = ${filter.fiscalYear} and ${progressAreaFilter(filter, { district: 't.district_code', province: 't.province_code' })}
          and t.producers <> 0
        group by 1, 2, 3, 4`,
  );
}
