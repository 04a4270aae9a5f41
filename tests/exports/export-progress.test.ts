import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../support/test-db.ts';
import { progress } from '../../api/queries/progress.ts';
import { createExportFixture, exportBytes, readWithPolars, type ExportFixture } from './support/export-fixture.ts';

// Mid-way through FY2561 Q3 step 1: some steps done (on time or late), some open, some upcoming.
const NOW = new Date('2018-05-15T05:00:00Z');

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);

describe(`exports: the progress dataset carries the progress API's figures (${TEST_ENGINE})`, () => {
  let f: ExportFixture;
  beforeAll(async () => {
    f = await createExportFixture();
  });
  afterAll(async () => f.close());

  for (const scope of [{ provinceCode: '38' }, { provinceCode: '38', districtCode: '3802' }]) {
    it(`matches progress() cell by cell for ${scope.districtCode ?? scope.provinceCode}`, async () => {
      const expected = await progress(f.t.db, { fiscalYear: 2561, ...scope, detail: 'district' }, NOW);
      const { bytes } = await exportBytes(f.t.db, { dataset: 'progress', format: 'arrow', scope, filter: { fiscalYear: 2561 }, now: NOW });
      const rows = readWithPolars('arrow', bytes).toRecords() as Record<string, unknown>[];
      expect(rows.length).toBe(expected.cells.length);
      expect(expected.cells.length).toBeGreaterThan(0);
      const byKey = new Map(rows.map((r) => [`${r.round_code}|${r.district_code}`, r]));
      for (const cell of expected.cells) {
        const row = byKey.get(`${cell.roundCode}|${cell.districtCode}`)!;
        expect(row, `${cell.roundCode} ${cell.districtCode}`).toBeDefined();
        expect(row).toMatchObject({
          fiscal_year: 2561,
          quarter: cell.quarter,
          province_code: cell.provinceCode,
          district_state: cell.state,
          province_state: cell.provinceState,
          producers: cell.producers,
          producers_community_group: cell.producersByType['community-group'],
          producers_single_owner: cell.producersByType['single-owner'],
          producers_sme: cell.producersByType.sme,
          new_producers: cell.newProducers,
          renewed_producers: cell.renewedProducers,
          late_registrations: cell.lateRegistrations,
          products: cell.products,
          products_food: cell.productsByCategory.food,
          products_beverage: cell.productsByCategory.beverage,
          products_textile: cell.productsByCategory.textile,
          products_household: cell.productsByCategory.household,
          products_herbal: cell.productsByCategory.herbal,
        });
        for (const step of cell.steps) {
          const s = `step${step.step}`;
          expect({
            start: day(row[`${s}_start_date`]),
            end: day(row[`${s}_end_date`]),
            status: row[`${s}_status`],
            doneAt: iso(row[`${s}_done_at`]),
            timeliness: row[`${s}_timeliness`],
            daysLeft: row[`${s}_days_left`],
          }, `${cell.roundCode} ${cell.districtCode} ${s}`).toEqual({
            start: step.startDate,
            end: step.endDate,
            status: step.status,
            doneAt: step.doneAt,
            timeliness: step.timeliness,
            daysLeft: step.daysLeft,
          });
        }
      }
      // The states and statuses this fixture must exercise, or the comparison above proves little.
      const statuses = new Set(rows.flatMap((r) => [r.step1_status, r.step2_status, r.step3_status]));
      expect(statuses.has('done')).toBe(true);
      if (!scope.districtCode) expect(new Set(rows.map((r) => r.district_state)).size).toBeGreaterThan(2);
    });
  }

  it('exports every fiscal year of the plan when none is asked for', async () => {
    const { bytes } = await exportBytes(f.t.db, { dataset: 'progress', format: 'arrows', scope: { provinceCode: '38' }, now: NOW });
    const df = readWithPolars('arrows', bytes);
    const cells2560 = (await progress(f.t.db, { fiscalYear: 2560, provinceCode: '38', detail: 'district' }, NOW)).cells.length;
    const cells2561 = (await progress(f.t.db, { fiscalYear: 2561, provinceCode: '38', detail: 'district' }, NOW)).cells.length;
    expect(df.height).toBe(cells2560 + cells2561);
  });
});
