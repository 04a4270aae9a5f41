import { sql, type SQL } from 'drizzle-orm';
import type { ProgressFilter } from './progress-types.ts';

/**
 * The area condition of every progress read, on the columns of the table read: `district` and
 * `province` name its district-code and province-code columns ('t.district_code',
 * 't.province_code'). A table with no district column (provinces) takes a district filter as
 * the district's province. No filter: every row.
 */
export function progressAreaFilter(filter: Pick<ProgressFilter, 'provinceCode' | 'districtCode'>, columns: { district?: string; province: string }): SQL {
  const province = sql.raw(columns.province);
  if (filter.districtCode) {
    return columns.district
      ? sql`${sql.raw(columns.district)} = ${filter.districtCode}`
      : sql`${province} = (select province_code from districts where code = ${filter.districtCode})`;
  }
  if (filter.provinceCode) return sql`${province} = ${filter.provinceCode}`;
  return sql`true`;
}
