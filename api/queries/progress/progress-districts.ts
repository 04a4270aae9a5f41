import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { queryRows } from '../../../db/query-rows.ts';
import { progressAreaFilter } from './progress-area-filter.ts';
import type { ProgressFilter } from './progress-types.ts';

export type ProgressDistrictRow = { code: string; name_th: string; name_en: string; province_code: string };

/** The districts of the filter's area, by code (every one, whether or not it registered anyone). */
export function progressDistricts(db: Db, filter: ProgressFilter): Promise<ProgressDistrictRow[]> {
  return queryRows<ProgressDistrictRow>(
    db,
    sql`select t.code, t.name_th, t.name_en, t.province_code from districts t
        where ${progressAreaFilter(filter, { district: 't.code', province: 't.province_code' })}
        order by t.code`,
  );
}
