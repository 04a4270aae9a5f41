import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { queryRows } from '../../../db/query-rows.ts';
import type { Responsible } from '../../../domain/plan.ts';

export type ProgressWindowRow = {
  round_code: string;
  quarter: number;
  step: number;
  start_date: string;
  end_date: string;
  stated_days: number;
  responsible: Responsible;
};

/** The plan windows of a fiscal year's rounds, in round and step order. */
export function progressWindows(db: Db, fiscalYear: number): Promise<ProgressWindowRow[]> {
  return queryRows<ProgressWindowRow>(
    db,
    sql`select w.round_code, r.quarter, w.step, w.start_date::text as start_date, w.end_date::text as end_date,
               w.stated_days, w.responsible
        from plan_windows w join fiscal_rounds r on r.code = w.round_code
        where r.fiscal_year = ${fiscalYear} order by r.quarter, w.step`,
  );
}
