import { sql } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import { queryRows } from '../db/query-rows.ts';
import { recordAudit, type AuditActor } from '../db/record-audit.ts';

export interface SyntheticGeographyUse {
  producers: number;
  registrations: number;
  accounts: number;
  targets: number;
  /** Up to 10 synthetic district codes that something refers to. */
  districts: string[];
}

export type RemoveSyntheticResult =
  | { removed: true; provinces: number; districts: number; subdistricts: number }
  | { removed: false; use: SyntheticGeographyUse };

const SYNTHETIC_DISTRICTS = sql`(select code from districts where synthetic
  union select code from districts where province_code in (select code from provinces where synthetic))`;

/**
 * Removes the geography marked synthetic (made up by `otop generate`): subdistricts, districts
 * and provinces, with the workflow-state rows of those districts and provinces. Refused —
 * nothing removed — while producers, registrations, accounts or plan targets refer to any of it:
 * those are data someone loaded, which this must not take with it. One transaction, audited.
 */
export async function removeSyntheticGeography(db: Db, options: { actor?: AuditActor } = {}): Promise<RemoveSyntheticResult> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const [use] = await queryRows<Record<string, string | number>>(t, sql`
      with d as ${SYNTHETIC_DISTRICTS}
      select (select count(*) from producers where district_code in (select code from d)
                or subdistrict_code in (select code from subdistricts where synthetic)) as producers,
             (select count(*) from registrations where district_code in (select code from d)) as registrations,
             (select count(*) from users where district_code in (select code from d)
                or province_code in (select code from provinces where synthetic)) as accounts,
             (select count(*) from district_targets where district_code in (select code from d)) as targets`);
    const counts = {
      producers: Number(use?.producers ?? 0),
      registrations: Number(use?.registrations ?? 0),
      accounts: Number(use?.accounts ?? 0),
      targets: Number(use?.targets ?? 0),
    };
    if (counts.producers + counts.registrations + counts.accounts + counts.targets > 0) {
      const used = await queryRows<{ code: string }>(t, sql`
        with d as ${SYNTHETIC_DISTRICTS}
        select code::text as code from d where code in (
          select district_code from producers union select district_code from registrations
          union select district_code from users where district_code is not null union select district_code from district_targets)
        order by code limit 10`);
      return { removed: false, use: { ...counts, districts: used.map((r) => r.code) } };
    }
    await tx.execute(sql`delete from district_rounds where district_code in ${SYNTHETIC_DISTRICTS}`);
    await tx.execute(sql`delete from province_rounds where province_code in (select code from provinces where synthetic)`);
    const subdistricts = await queryRows<{ n: number }>(t, sql`
      with x as (delete from subdistricts where synthetic or district_code in ${SYNTHETIC_DISTRICTS} returning 1) select count(*)::int as n from x`);
    const districts = await queryRows<{ n: number }>(t, sql`
      with x as (delete from districts where code in ${SYNTHETIC_DISTRICTS} returning 1) select count(*)::int as n from x`);
    const provinces = await queryRows<{ n: number }>(t, sql`
      with x as (delete from provinces where synthetic returning 1) select count(*)::int as n from x`);
    const removed = { provinces: Number(provinces[0]?.n ?? 0), districts: Number(districts[0]?.n ?? 0), subdistricts: Number(subdistricts[0]?.n ?? 0) };
    if (removed.provinces + removed.districts + removed.subdistricts > 0) {
      await recordAudit(tx, { actor: options.actor ?? { id: null, username: 'system' }, action: 'geography.remove-synthetic', details: removed });
    }
    return { removed: true, ...removed };
  });
}
