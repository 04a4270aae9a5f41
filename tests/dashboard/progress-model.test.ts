import { describe, expect, it } from 'vitest';
import { roundFocus } from '../../dashboard/model/current-round.ts';
import { defaultFiscalYear, fiscalYearsFromRounds } from '../../dashboard/model/fiscal-years.ts';
import { headlineFigures } from '../../dashboard/model/headline-figures.ts';
import { progressMatrix } from '../../dashboard/model/progress-matrix.ts';
import { fieldIssues } from '../../dashboard/model/field-issues.ts';
import { exportHref, reportHref } from '../../dashboard/model/download-links.ts';
import { smallProvinceProgress } from './fixtures/small-province-progress.ts';

describe('progressMatrix', () => {
  const m = progressMatrix(smallProvinceProgress());

  it('one row per district, one column per quarter, with state, counts and late marks', () => {
    expect(m.quarters).toEqual([1, 2]);
    expect(m.rows.map((r) => r.code)).toEqual(['3801', '3802']);
    expect(m.rows[0]!.cells.map((c) => [c?.state, c?.producers, c?.products, c?.late, c?.behindStep])).toEqual([
      ['certified', 10, 15, false, null],
      ['open', 4, 5, false, null],
    ]);
    // Phon Charoen: Q1 submitted late and the province is past its certification window;
    // Q2 is past the district's registration window.
    expect(m.rows[1]!.cells.map((c) => [c?.state, c?.late, c?.behindStep, c?.lateRegistrations])).toEqual([
      ['submitted', true, 2, 2],
      ['returned', false, 1, 0],
    ]);
  });

  it('totals per quarter count certified districts like a reporting-rate table', () => {
    expect(m.totals).toEqual([
      { quarter: 1, roundCode: '2561-Q1', producers: 16, products: 22, certified: 1, districts: 2 },
      { quarter: 2, roundCode: '2561-Q2', producers: 4, products: 5, certified: 0, districts: 2 },
    ]);
  });
});

describe('roundFocus', () => {
  const { rounds } = smallProvinceProgress();
  it('finds the open window and the days left in it (0 on its last day)', () => {
    expect(roundFocus(rounds, '2018-03-10')).toMatchObject({ round: { code: '2561-Q2' }, open: { step: 1, endDate: '2018-03-20' }, daysLeft: 10 });
    expect(roundFocus(rounds, '2018-03-20').daysLeft).toBe(0);
  });
  it('between windows points at the next one', () => {
    expect(roundFocus(rounds, '2018-03-21')).toMatchObject({ round: { code: '2561-Q2' }, open: null, next: { step: 2, startDate: '2018-03-23' } });
  });
  it('after the last window says the year has ended and keeps the last round in focus', () => {
    expect(roundFocus(rounds, '2018-06-01')).toMatchObject({ round: { code: '2561-Q2' }, open: null, next: null, ended: true });
  });
  it('with no plan has no round', () => {
    expect(roundFocus([], '2018-01-01')).toEqual({ round: null, open: null, daysLeft: null, next: null, ended: false });
  });
});

describe('headlineFigures', () => {
  const p = smallProvinceProgress();
  it('this year against last, renewal rate, certified districts of the round in focus', () => {
    const h = headlineFigures(p, { total: { ...p.total, products: 30 } }, '2018-01-05');
    expect(h).toMatchObject({
      producers: 20, previousProducers: 16, products: 27, previousProducts: 30,
      renewed: 12, renewalRate: 0.75, certifiedDistricts: 0, districts: 2,
    });
    expect(h.focus.round?.code).toBe('2561-Q2');
  });
  it('the chosen quarter wins over today', () => {
    expect(headlineFigures(p, null, '2018-01-05', 1)).toMatchObject({ certifiedDistricts: 1, previousProducts: null, focus: { round: { code: '2561-Q1' } } });
  });
});

describe('fiscal years', () => {
  it('reads the plan route in its { rounds } wrapping, newest first', () => {
    expect(fiscalYearsFromRounds({ rounds: [{ code: '2560-Q4', fiscalYear: 2560 }, { code: '2561-Q1', fiscalYear: 2561 }, { code: '2561-Q2', fiscalYear: 2561 }] })).toEqual([2561, 2560]);
    expect(fiscalYearsFromRounds([{ code: '2562-Q1' }])).toEqual([2562]);
    expect(fiscalYearsFromRounds(null)).toEqual([]);
  });
  it("defaults to today's year if planned, else the latest planned before it", () => {
    expect(defaultFiscalYear([2561, 2560], '2018-01-05')).toBe(2561);
    expect(defaultFiscalYear([2561, 2560], '2026-11-26')).toBe(2561);
    expect(defaultFiscalYear([2575], '2026-11-26')).toBe(2575);
    expect(defaultFiscalYear([], '2017-10-01')).toBe(2561);
  });
});

describe('fieldIssues', () => {
  it('puts producer columns on the producer and product columns on their row, by key or header', () => {
    const issue = (row: number | null, column: string | null) => ({ row, column, value: 'x', severity: 'error' as const, message: { th: 'ผิด', en: 'wrong' } });
    const map = fieldIssues([issue(1, 'citizen_id'), issue(2, 'ประเภทผลิตภัณฑ์'), issue(null, null), issue(1, 'stars')]);
    expect([...map.keys()].sort()).toEqual(['1|stars', '2|category', '|citizen_id']);
  });
});

describe('download links', () => {
  it('carry the scope as query parameters', () => {
    expect(reportHref('report-form', { fy: 2561, round: '2561-Q3', province: '38', district: null })).toBe('/api/reports/report-form.pdf?fy=2561&round=2561-Q3&province=38');
    expect(exportHref('producers', 'arrow', { fy: 2561, province: '38', district: '3801', category: 'food' })).toBe('/api/exports/producers.arrow?fy=2561&province=38&district=3801&category=food');
  });
});
