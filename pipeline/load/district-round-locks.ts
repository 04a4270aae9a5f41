import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import type { LoadScope } from '../scope-geography.ts';
import type { LoadTx } from './copy-into.ts';

/**
 * Advisory-lock class 'OTDR' (district round), the first int of the two-int form. The load's
 * per-fiscal-year lock uses class 'OTOP' (0x4f544f50) in the same two-int space, so the two
 * never collide; the one-bigint form is a separate space in PostgreSQL and is not used.
 */
export const DISTRICT_ROUND_LOCK_CLASS = 0x4f544452;

/**
 * One district, every district of a province, or all of them. A load locks its whole scope:
 * it learns which districts its rows touch only while reading them, and each row is judged
 * against its district's state as it is read.
 */
export type DistrictLockScope = { kind: 'district'; districtCode: string } | Exclude<LoadScope, { kind: 'district' }>;

function districtsOf(scope: DistrictLockScope): SQL {
  if (scope.kind === 'district') return sql`select code from districts where code = ${scope.districtCode}`;
  if (scope.kind === 'province') return sql`select code from districts where province_code = ${scope.provinceCode}`;
  return sql`select code from districts`;
}

/**
 * The second int, without hashing so no two (round, district) pairs share a key:
 * (fiscal year × 10 + quarter) × 10000 + the 4-digit district code, e.g. 2561-Q1 and 3801 →
 * 256113801 (an int up to fiscal year 9999; reads back as pg_locks.objid).
 */
async function roundBase(db: Db, roundCode: string): Promise<number> {
  const [r] = await queryRows<{ n: number }>(db, sql`select (fiscal_year * 10 + quarter) * 10000 as n from fiscal_rounds where code = ${roundCode}`);
  // The callers checked the round exists; a missing one must not lock nothing in silence.
  if (!r) throw new Error(`district-round lock: no round ${roundCode}`);
  return Number(r.n);
}

/**
 * Transaction-level locks that make loads and workflow actions on one district and round run
 * one after the other (docs/security.md, "Lock order"). Always taken in ascending district-code
 * order: a subquery with ORDER BY is not flattened, so the outer query calls the lock function
 * row by row in that order.
 *
 * A load takes them exclusive and a workflow action shared: loads and actions exclude each
 * other, actions never refuse each other. Actions on a district are ordered by its round rows,
 * which they lock first, but that is not enough to take the advisory lock exclusive: at commit
 * PostgreSQL releases a transaction's row locks before its advisory locks, so an action woken
 * by another's commit (a reopen waiting behind a report) could try the lock while the committed
 * action still held it, and be refused as if a file were loading (seen under load in CI).
 * Loads taking it exclusive wait for nothing more than before: loads of one round are of one
 * fiscal year, and those already run one at a time under the year lock, taken first.
 */
export const districtRoundLocks = {
  /**
   * A load's locks, exclusive, waiting while a workflow action holds one. Taken before the load
   * reads any district's state, so what it reads stays true until it commits. Returns how many
   * were taken.
   */
  async holdForLoad(tx: Db | LoadTx, roundCode: string, scope: DistrictLockScope): Promise<number> {
    const db = tx as unknown as Db;
    const base = await roundBase(db, roundCode);
    const [r] = await queryRows<{ n: number }>(db, sql`
      select count(pg_advisory_xact_lock(${DISTRICT_ROUND_LOCK_CLASS}::int, ${base}::int + d.code::int))::int as n
      from (${districtsOf(scope)} order by code) d`);
    return Number(r?.n ?? 0);
  },

  /**
   * A workflow action's locks, shared and never waiting: returns the districts a load holds (or
   * waits for: PostgreSQL grants no new shared lock past a queued exclusive one), or an empty
   * list when every lock was taken.
   */
  async tryForAction(tx: Db | LoadTx, roundCode: string, scope: DistrictLockScope): Promise<string[]> {
    const db = tx as unknown as Db;
    const base = await roundBase(db, roundCode);
    const rows = await queryRows<{ code: string; got: boolean }>(db, sql`
      select d.code, pg_try_advisory_xact_lock_shared(${DISTRICT_ROUND_LOCK_CLASS}::int, ${base}::int + d.code::int) as got
      from (${districtsOf(scope)} order by code) d`);
    return rows.filter((r) => !r.got).map((r) => r.code);
  },
};
