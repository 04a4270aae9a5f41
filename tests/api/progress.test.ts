import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { sql } from 'drizzle-orm';
import { producers, registrations, products, districtRounds } from '../../db/schema/index.ts';
import { queryRows } from '../../db/query-rows.ts';
import { progress } from '../../api/queries/progress.ts';
import { makeThaiId } from '../../domain/thai-id.ts';
import { normalizeKey } from '../../domain/normalize-text.ts';
import type { Db } from '../../db/create-db.ts';

/** A small, fully known province: every expected figure below is worked out by hand. */
async function register(
  db: Db,
  p: { id12: string; type: 'community-group' | 'single-owner' | 'sme'; district: string; sub: string },
  regs: { fy: number; round: string; at: string; products: [string, 'food' | 'beverage' | 'textile' | 'household' | 'herbal'][] }[],
) {
  const [row] = await db
    .insert(producers)
    .values({
      thaiId: makeThaiId(p.id12), producerType: p.type, name: `ผู้ผลิต ${p.id12}`, subdistrictCode: p.sub,
      districtCode: p.district, provinceCode: '38',
    })
    .returning();
  for (const r of regs) {
    const [reg] = await db
      .insert(registrations)
      .values({
        producerId: row!.id, fiscalYear: r.fy, roundCode: r.round, districtCode: p.district, provinceCode: '38', registeredAt: new Date(r.at),
        producerType: row!.producerType, producerName: row!.name, subdistrictCode: row!.subdistrictCode,
      })
      .returning();
    for (const [name, category] of r.products) {
      await db.insert(products).values({
        registrationId: reg!.id, producerId: row!.id, fiscalYear: r.fy, roundCode: r.round, districtCode: p.district, provinceCode: '38',
        name, nameKey: normalizeKey(name), category,
      });
    }
  }
}

describe(`progress (${TEST_ENGINE})`, () => {
  let t: TestDb;
  const now = new Date('2018-01-02T05:00:00Z'); // noon in Bangkok, 2 Jan 2018 (FY2561 Q2 step 1 open)

  beforeAll(async () => {
    t = await createTestDb();
    await seedReference(t.db);
    // A: registered in FY2560 and renewed in FY2561 Q1 with two products.
    await register(t.db, { id12: '110000000001', type: 'community-group', district: '3801', sub: '380101' }, [
      { fy: 2560, round: '2560-Q4', at: '2017-09-01T05:00:00Z', products: [['ผ้าไหม', 'textile']] },
      { fy: 2561, round: '2561-Q1', at: '2017-10-05T05:00:00Z', products: [['น้ำพริกเผา', 'food'], ['ผ้าขาวม้า', 'textile']] },
    ]);
    // B: new in FY2561 Q1, registered on 22 Dec — after the step-1 window closed on 20 Dec.
    await register(t.db, { id12: '110000000002', type: 'single-owner', district: '3801', sub: '380102' }, [
      { fy: 2561, round: '2561-Q1', at: '2017-12-22T05:00:00Z', products: [['ยาหม่อง', 'herbal']] },
    ]);
    // C: an SME in Phon Charoen, FY2561 Q2.
    await register(t.db, { id12: '010500000003', type: 'sme', district: '3802', sub: '380201' }, [
      { fy: 2561, round: '2561-Q2', at: '2018-01-10T05:00:00Z', products: [['ชาใบหม่อน', 'beverage']] },
    ]);
    await t.db.insert(districtRounds).values({
      roundCode: '2561-Q1', districtCode: '3801', provinceCode: '38', state: 'certified', version: 2,
      // 23:59:59 Bangkok on the last day of step 1: on time.
      submittedAt: new Date('2017-12-20T16:59:59Z'),
      // Step 2 ended 29 Dec; certified on the 30th: late.
      certifiedAt: new Date('2017-12-30T03:00:00Z'),
    });
    await t.db.insert(districtRounds).values({
      roundCode: '2561-Q1', districtCode: '3802', provinceCode: '38', state: 'submitted', version: 1,
      submittedAt: new Date('2017-12-20T17:00:00Z'), // 00:00 on the 21st in Bangkok: late
    });
  });
  afterAll(async () => t.close());

  it('counts producers and products per district × round, by type and category, new vs renewed, late', async () => {
    const p = await progress(t.db, { fiscalYear: 2561, provinceCode: '38' }, now);
    expect(p.rounds.map((r) => r.code)).toEqual(['2561-Q1', '2561-Q2', '2561-Q3', '2561-Q4']);
    expect(p.cells).toHaveLength(8 * 4);
    const q1 = p.cells.find((c) => c.roundCode === '2561-Q1' && c.districtCode === '3801')!;
    expect(q1).toMatchObject({
      producers: 2, products: 3, newProducers: 1, renewedProducers: 1, lateRegistrations: 1, state: 'certified',
      producersByType: { 'community-group': 1, 'single-owner': 1, sme: 0 },
      productsByCategory: { food: 1, beverage: 0, textile: 1, household: 0, herbal: 1 },
    });
    const q2phon = p.cells.find((c) => c.roundCode === '2561-Q2' && c.districtCode === '3802')!;
    expect(q2phon).toMatchObject({ producers: 1, products: 1, newProducers: 1, state: 'open' });
  });

  it('judges each step: on time at 23:59:59 Bangkok, late the day after, days left in the open window', async () => {
    const p = await progress(t.db, { fiscalYear: 2561, districtCode: '3801' }, now);
    const q1 = p.cells.find((c) => c.roundCode === '2561-Q1')!;
    expect(q1.steps.map((s) => [s.step, s.status, s.timeliness])).toEqual([
      [1, 'done', 'on-time'],
      [2, 'done', 'late'],
      [3, 'overdue', null],
    ]);
    expect(q1.steps[2]!.daysLeft).toBe(-3); // window closed 30 Dec; 2 Jan is the third day after
    const q2 = p.cells.find((c) => c.roundCode === '2561-Q2')!;
    expect(q2.steps[0]).toMatchObject({ status: 'open', daysLeft: 77 }); // 2 Jan → 20 Mar
    expect(q2.steps[1]).toMatchObject({ status: 'upcoming' });
  });

  it('rolls up per district, province and scope against last year as the target', async () => {
    const p = await progress(t.db, { fiscalYear: 2561, provinceCode: '38' }, now);
    const mueang = p.districts.find((d) => d.code === '3801')!;
    expect(mueang).toMatchObject({ producers: 2, products: 3, previousYearProducers: 1, targetProducers: 1, targetRatio: 2 });
    expect(mueang.certifiedByRound).toEqual({ '2561-Q1': 1, '2561-Q2': 0, '2561-Q3': 0, '2561-Q4': 0 });
    expect(p.provinces).toHaveLength(1);
    expect(p.provinces[0]).toMatchObject({ code: '38', nameTh: 'บึงกาฬ', producers: 3, products: 4, districts: 8 });
    expect(p.total).toMatchObject({ producers: 3, products: 4, renewedProducers: 1, newProducers: 2 });
  });

  it('shows the nation province by province, with district workflow counted per round', async () => {
    const p = await progress(t.db, { fiscalYear: 2561 }, now);
    expect(p.detail).toBe('province');
    expect(p.cells).toEqual([]);
    const q1 = p.provinceCells.find((c) => c.provinceCode === '38' && c.roundCode === '2561-Q1')!;
    expect(q1).toMatchObject({ districts: 8, districtsSubmitted: 2, districtsCertified: 1, producers: 2, products: 3, state: 'open' });
    expect(q1.steps[0]).toMatchObject({ status: 'overdue' }); // six of eight districts never submitted
    expect(p.total).toMatchObject({ code: 'TH', producers: 3, products: 4, districts: 8 });
  });

  it('keeps to the filter: a district sees only its own cells', async () => {
    const p = await progress(t.db, { fiscalYear: 2561, districtCode: '3802' }, now);
    expect(new Set(p.cells.map((c) => c.districtCode))).toEqual(new Set(['3802']));
    expect(p.total).toMatchObject({ code: '3802', producers: 1, products: 1 });
  });

  it('keeps the roll-ups equal to a recount from the rows through inserts, type changes, moves and deletes', async () => {
    const snapshot = async () => ({
      registrations: await queryRows(t.db, sql`select round_code, district_code, producer_type, producers, renewed, late
        from registration_counts where producers <> 0 or renewed <> 0 or late <> 0 order by 1, 2, 3`),
      products: await queryRows(t.db, sql`select round_code, district_code, category, products
        from product_counts where products <> 0 order by 1, 2, 3`),
    });
    // Counts follow the type a registration was registered with (its own copy, corrected by a
    // re-upload of its year), not the producer's current row, which may change elsewhere later.
    await t.db.execute(sql`update registrations set producer_type = 'sme'
      where producer_id = (select id from producers where thai_id = ${makeThaiId('110000000002')})`);
    await t.db.execute(sql`update producers set producer_type = 'community-group' where thai_id = ${makeThaiId('010500000003')}`);
    await t.db.execute(sql`update registrations set round_code = '2561-Q2', registered_at = '2018-01-03T05:00:00Z'
      where fiscal_year = 2561 and producer_id = (select id from producers where thai_id = ${makeThaiId('110000000001')})`);
    await t.db.execute(sql`update products set round_code = '2561-Q2' where fiscal_year = 2561
      and producer_id = (select id from producers where thai_id = ${makeThaiId('110000000001')})`);
    // Deleting the FY2560 registration takes A's renewal away.
    await t.db.execute(sql`delete from registrations where fiscal_year = 2560`);
    const maintained = await snapshot();
    await t.db.execute(sql`select rebuild_progress_counts(array['2560-Q4', '2561-Q1', '2561-Q2', '2561-Q3', '2561-Q4'])`);
    expect(maintained).toEqual(await snapshot());
    const p = await progress(t.db, { fiscalYear: 2561, districtCode: '3801' }, now);
    expect(p.total).toMatchObject({ producers: 2, renewedProducers: 0, newProducers: 2 });
    expect(p.total.producersByType).toEqual({ 'community-group': 1, 'single-owner': 0, sme: 1 });
  });

  it('is live: a new registration shows at the next request', async () => {
    const before = await progress(t.db, { fiscalYear: 2561, districtCode: '3802' }, now);
    await register(t.db, { id12: '110000000004', type: 'single-owner', district: '3802', sub: '380203' }, [
      { fy: 2561, round: '2561-Q2', at: '2018-01-11T05:00:00Z', products: [['เสื่อกก', 'household']] },
    ]);
    const after = await progress(t.db, { fiscalYear: 2561, districtCode: '3802' }, now);
    expect(after.total.producers).toBe(before.total.producers + 1);
    expect(after.total.productsByCategory.household).toBe(before.total.productsByCategory.household + 1);
  });
});
