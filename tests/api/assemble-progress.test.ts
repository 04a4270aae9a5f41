// Issue #21: the progress answer is assembled by a pure function from what its reads returned,
// so its rules are checked here without a database.
import { describe, expect, it } from 'vitest';
import { assembleProgress, type ProgressReads } from '../../api/queries/progress/assemble-progress.ts';

const window = (step: number, start: string, end: string) => ({
  round_code: '2568-Q1', quarter: 1, step, start_date: start, end_date: end, stated_days: 10,
  responsible: (['district', 'province', 'department'] as const)[step - 1]!,
});

// Province 38 (two districts) in FY2568 Q1: Mueang (3801) certified, Seka (3802) never touched.
const reads = (): ProgressReads => ({
  districts: [
    { code: '3801', name_th: 'เมืองบึงกาฬ', name_en: 'Mueang Bueng Kan', province_code: '38' },
    { code: '3802', name_th: 'พรเจริญ', name_en: 'Phon Charoen', province_code: '38' },
  ],
  windows: [window(1, '2024-10-01', '2024-10-10'), window(2, '2024-10-11', '2024-10-20'), window(3, '2024-10-21', '2024-10-31')],
  producerCounts: [
    { round_code: '2568-Q1', district_code: '3801', province_code: '38', producer_type: 'community-group', producers: 5, renewed: 2, late: 1 },
    { round_code: '2568-Q1', district_code: '3801', province_code: '38', producer_type: 'sme', producers: 3, renewed: 0, late: 0 },
  ],
  productCounts: [{ round_code: '2568-Q1', district_code: '3801', province_code: '38', category: 'textile', products: 11 }],
  targets: [
    { area: '3801', previous: 6, target: 10 },
    { area: '3802', previous: 0, target: 6 },
  ],
  districtStates: [
    { round_code: '2568-Q1', district_code: '3801', province_code: '38', state: 'certified', submitted: 1, certified: 1, submitted_at: '2024-10-05T03:00:00Z', certified_at: '2024-10-12T03:00:00Z' },
  ],
  provinces: [{ code: '38', name_th: 'บึงกาฬ', name_en: 'Bueng Kan', districts: 2, round_code: null, state: null, reported_at: null, announced_at: null }],
});

// 15 October 2024 in Bangkok: step 1 closed, step 2 open, step 3 upcoming.
const now = new Date('2024-10-15T05:00:00Z');

describe('assembleProgress (no database)', () => {
  const result = assembleProgress(reads(), { fiscalYear: 2568, provinceCode: '38' }, 'district', now);

  it('lists every district × round cell, with counts only where there are registrations', () => {
    expect(result.cells.map((c) => [c.districtCode, c.state, c.producers, c.products])).toEqual([
      ['3801', 'certified', 8, 11],
      ['3802', 'open', 0, 0],
    ]);
    const mueang = result.cells[0]!;
    expect(mueang.producersByType).toEqual({ 'community-group': 5, 'single-owner': 0, sme: 3 });
    expect(mueang.productsByCategory).toEqual({ food: 0, beverage: 0, textile: 11, household: 0, herbal: 0 });
    expect([mueang.newProducers, mueang.renewedProducers, mueang.lateRegistrations]).toEqual([6, 2, 1]);
  });

  it('marks steps done with their timeliness, and the rest open, overdue or upcoming by the Bangkok date', () => {
    expect(result.cells[0]!.steps.map((s) => [s.status, s.timeliness])).toEqual([
      ['done', 'on-time'],
      ['done', 'on-time'],
      ['upcoming', null],
    ]);
    expect(result.cells[1]!.steps.map((s) => [s.status, s.daysLeft])).toEqual([
      ['overdue', -5],
      ['open', 5],
      ['upcoming', 16],
    ]);
    // The province's step 1 waits for every district: one of two submitted.
    expect(result.provinceCells[0]).toMatchObject({ districts: 2, districtsSubmitted: 1, districtsCertified: 1, producers: 8 });
    expect(result.provinceCells[0]!.steps[0]!.status).toBe('overdue');
  });

  it('rolls districts up to the province and the total, with targets and certified districts per round', () => {
    expect(result.districts.map((d) => [d.code, d.producers, d.targetProducers, d.targetRatio, d.certifiedByRound])).toEqual([
      ['3801', 8, 10, 0.8, { '2568-Q1': 1 }],
      ['3802', 0, 6, 0, { '2568-Q1': 0 }],
    ]);
    expect(result.provinces[0]).toMatchObject({ code: '38', producers: 8, previousYearProducers: 6, targetProducers: 16, districts: 2, certifiedByRound: { '2568-Q1': 1 } });
    expect(result.total).toMatchObject({ code: '38', nameTh: 'บึงกาฬ', producers: 8, products: 11, targetProducers: 16, targetRatio: 0.5 });
  });

  it('answers a district filter with that district as the total, and lists no district cells at province detail', () => {
    const one = assembleProgress(reads(), { fiscalYear: 2568, districtCode: '3801' }, 'district', now);
    expect(one.total).toMatchObject({ code: '3801', nameEn: 'Mueang Bueng Kan', producers: 8 });
    const byProvince = assembleProgress({ ...reads(), districts: [] }, { fiscalYear: 2568 }, 'province', now);
    expect([byProvince.cells, byProvince.districts]).toEqual([[], []]);
    expect(byProvince.total).toMatchObject({ code: 'TH', nameTh: 'ทั่วประเทศ', nameEn: 'Nationwide', districts: 2 });
  });
});
