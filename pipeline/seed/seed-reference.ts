import { readFileSync } from 'node:fs';
import type { Db } from '../../db/create-db.ts';
import { provinces, districts, subdistricts } from '../../db/schema/index.ts';
import { LETTER_PLAN_AS_MEANT } from '../../domain/letter-plan.ts';
import { loadPlan } from '../load-plan.ts';
import { importBoundaries } from '../import-boundaries.ts';
import { BUENG_KAN_DISTRICTS, BUENG_KAN_PROVINCE } from './bueng-kan-geography.ts';

export interface SeedReferenceResult {
  provinces: number;
  districts: number;
  subdistricts: number;
  planWindows: number;
  /** District and province outlines written (0 when already on record). */
  boundaries: number;
}

const BOUNDARIES_FILE = 'bueng-kan-boundaries.json';

/**
 * Bueng Kan's 8 district outlines and its province outline, cut from the OCHA COD-AB boundaries
 * as simplified by mapthai (attribution: NOTICE, and on every map). National outlines come in
 * through `otop geo boundaries import`, never with the code.
 */
function buengKanBoundaries() {
  const data = JSON.parse(readFileSync(new URL(`./${BOUNDARIES_FILE}`, import.meta.url), 'utf8')) as { districts: unknown; provinces: unknown };
  const source = `${BOUNDARIES_FILE} (OCHA COD-AB Thailand via mapthai)`;
  return { districts: { data: data.districts, source }, provinces: { data: data.provinces, source } };
}

/**
 * Reference data every installation needs: Bueng Kan's geography with its outlines, and the FY2560–2561 plan as
 * the letter meant it. Idempotent: rows already present are left as they are.
 */
export async function seedReference(db: Db): Promise<SeedReferenceResult> {
  return db.transaction(async (tx) => {
    const p = await tx.insert(provinces).values(BUENG_KAN_PROVINCE).onConflictDoNothing().returning();
    const d = await tx
      .insert(districts)
      .values(BUENG_KAN_DISTRICTS.map(({ code, nameTh, nameEn, postalCode }) => ({
        code, provinceCode: BUENG_KAN_PROVINCE.code, nameTh, nameEn, postalCode,
      })))
      .onConflictDoNothing()
      .returning();
    const s = await tx
      .insert(subdistricts)
      .values(BUENG_KAN_DISTRICTS.flatMap((district) =>
        district.subdistricts.map(([suffix, nameTh, nameEn]) => ({
          code: `${district.code}${suffix}`, districtCode: district.code, nameTh, nameEn, postalCode: district.postalCode,
        }))))
      .onConflictDoNothing()
      .returning();
    // The letter's day counts are loaded as stated: their three disagreements with the calendar are
    // warnings the plan-check report shows, not a reason to refuse the department's plan.
    const plan = await loadPlan(tx as unknown as Db, LETTER_PLAN_AS_MEANT, { acceptWarnings: true });
    if (!plan.loaded) {
      throw new Error(`The shipped plan does not validate: ${plan.issues.map((i) => i.message.en).join('; ')}`);
    }
    const outlines = await importBoundaries(tx as unknown as Db, buengKanBoundaries(), { actor: { id: null, username: 'seed' } });
    const boundaries = (outlines.provinces?.inserted ?? 0) + (outlines.districts?.inserted ?? 0);
    return { provinces: p.length, districts: d.length, subdistricts: s.length, planWindows: plan.windows, boundaries };
  });
}
