import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import { fiscalYearOf } from '../../domain/fiscal-year.ts';
import { bangkokDate } from '../../domain/timeliness.ts';

/**
 * The fiscal year a progress view opens on: the current one when the plan has it, otherwise
 * the latest planned year that has begun (or the earliest planned, before any has).
 */
export async function latestFiscalYear(db: Db, now: Date): Promise<number | null> {
  const current = fiscalYearOf(bangkokDate(now));
  const [row] = await queryRows<{ fy: number | null }>(
    db,
    sql`select coalesce(max(fiscal_year) filter (where fiscal_year <= ${current}), min(fiscal_year))::int as fy from fiscal_rounds`,
  );
  return row?.fy ?? null;
}
