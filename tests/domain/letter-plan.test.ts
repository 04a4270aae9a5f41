import { describe, expect, it } from 'vitest';
import { daysInclusive } from '../../domain/fiscal-year.ts';
import { LETTER_PLAN_AS_MEANT, LETTER_PLAN_AS_WRITTEN } from '../../domain/letter-plan.ts';
import { validatePlan } from '../../domain/plan.ts';

const shape = (w: { fiscalYear: number; quarter: number; step: number; startDate: string; endDate: string; statedDays: number; responsible: string }) =>
  [`${w.fiscalYear}-Q${w.quarter}-${w.step}`, w.startDate, w.endDate, w.statedDays, w.responsible];

describe('LETTER_PLAN_AS_WRITTEN', () => {
  it('copies enclosure 1 of the letter, typos included (2560 BE read as 2017 CE)', () => {
    // Transcribed from the letter: dates '๒๘ สิงหาคม - ๑๘ กันยายน ๒๕๖๐' etc., days '๒๒ วัน' etc.
    expect(LETTER_PLAN_AS_WRITTEN.map(shape)).toEqual([
      ['2560-Q4-1', '2017-08-28', '2017-09-18', 22, 'district'],
      ['2560-Q4-2', '2017-09-19', '2017-09-25', 7, 'province'],
      ['2560-Q4-3', '2017-09-30', '2017-09-30', 1, 'department'],
      ['2561-Q1-1', '2017-10-01', '2017-12-20', 80, 'district'],
      ['2561-Q1-2', '2017-12-23', '2017-12-29', 7, 'province'],
      ['2561-Q1-3', '2017-12-30', '2017-12-30', 1, 'department'],
      ['2561-Q2-1', '2017-01-01', '2017-03-20', 80, 'district'],
      ['2561-Q2-2', '2017-03-23', '2017-03-29', 7, 'province'],
      ['2561-Q2-3', '2017-03-31', '2017-03-31', 1, 'department'],
      ['2561-Q3-1', '2017-04-01', '2017-06-20', 80, 'district'],
      ['2561-Q3-2', '2017-06-22', '2017-06-28', 7, 'province'],
      ['2561-Q3-3', '2017-06-29', '2017-06-29', 1, 'department'],
      ['2561-Q4-1', '2017-09-21', '2017-09-27', 7, 'district'],
      ['2561-Q4-2', '2017-09-28', '2017-09-28', 1, 'province'],
      ['2561-Q4-3', '2017-09-28', '2017-09-28', 1, 'department'],
    ]);
  });

  it('is caught by the validator: 9 windows outside their quarter, 3 day counts that disagree', () => {
    const issues = validatePlan(LETTER_PLAN_AS_WRITTEN);
    expect(issues.map((i) => [`${i.fiscalYear}-Q${i.quarter}-${i.step}`, i.code, i.severity])).toEqual([
      ['2561-Q1-1', 'day-count-mismatch', 'warning'],
      ['2561-Q2-1', 'window-outside-quarter', 'error'],
      ['2561-Q2-1', 'day-count-mismatch', 'warning'],
      ['2561-Q2-2', 'window-outside-quarter', 'error'],
      ['2561-Q2-3', 'window-outside-quarter', 'error'],
      ['2561-Q3-1', 'window-outside-quarter', 'error'],
      ['2561-Q3-1', 'day-count-mismatch', 'warning'],
      ['2561-Q3-2', 'window-outside-quarter', 'error'],
      ['2561-Q3-3', 'window-outside-quarter', 'error'],
      ['2561-Q4-1', 'window-outside-quarter', 'error'],
      ['2561-Q4-2', 'window-outside-quarter', 'error'],
      ['2561-Q4-3', 'window-outside-quarter', 'error'],
    ]);
  });

  it('tells the user the counted days of each 80-day window: 81, 79 and 81', () => {
    const counts = validatePlan(LETTER_PLAN_AS_WRITTEN)
      .filter((i) => i.code === 'day-count-mismatch')
      .map((i) => i.message.en);
    expect(counts).toEqual([
      'FY2561 Q1 step 1: states 80 days but 2017-10-01 – 2017-12-20 is 81 days',
      'FY2561 Q2 step 1: states 80 days but 2017-01-01 – 2017-03-20 is 79 days',
      'FY2561 Q3 step 1: states 80 days but 2017-04-01 – 2017-06-20 is 81 days',
    ]);
  });
});

describe('LETTER_PLAN_AS_MEANT', () => {
  it('has the dates of the seed table and the day counts the letter states', () => {
    expect(LETTER_PLAN_AS_MEANT.map(shape)).toEqual([
      ['2560-Q4-1', '2017-08-28', '2017-09-18', 22, 'district'],
      ['2560-Q4-2', '2017-09-19', '2017-09-25', 7, 'province'],
      ['2560-Q4-3', '2017-09-30', '2017-09-30', 1, 'department'],
      ['2561-Q1-1', '2017-10-01', '2017-12-20', 80, 'district'],
      ['2561-Q1-2', '2017-12-23', '2017-12-29', 7, 'province'],
      ['2561-Q1-3', '2017-12-30', '2017-12-30', 1, 'department'],
      ['2561-Q2-1', '2018-01-01', '2018-03-20', 80, 'district'],
      ['2561-Q2-2', '2018-03-23', '2018-03-29', 7, 'province'],
      ['2561-Q2-3', '2018-03-31', '2018-03-31', 1, 'department'],
      ['2561-Q3-1', '2018-04-01', '2018-06-20', 80, 'district'],
      ['2561-Q3-2', '2018-06-22', '2018-06-28', 7, 'province'],
      ['2561-Q3-3', '2018-06-29', '2018-06-29', 1, 'department'],
      ['2561-Q4-1', '2018-09-21', '2018-09-27', 7, 'district'],
      ['2561-Q4-2', '2018-09-28', '2018-09-28', 1, 'province'],
      ['2561-Q4-3', '2018-09-28', '2018-09-28', 1, 'department'],
    ]);
    const differ = LETTER_PLAN_AS_MEANT.filter((w) => w.statedDays !== daysInclusive(w.startDate, w.endDate));
    expect(differ.map((w) => `${w.fiscalYear}-Q${w.quarter}-${w.step}`)).toEqual(['2561-Q1-1', '2561-Q2-1', '2561-Q3-1']);
  });

  it('passes the validator with the three stated day counts as warnings only, FY2561 Q4 steps 2 and 3 sharing 28 September', () => {
    const issues = validatePlan(LETTER_PLAN_AS_MEANT);
    expect(issues.map((i) => [`${i.fiscalYear}-Q${i.quarter}-${i.step}`, i.code, i.severity])).toEqual([
      ['2561-Q1-1', 'day-count-mismatch', 'warning'],
      ['2561-Q2-1', 'day-count-mismatch', 'warning'],
      ['2561-Q3-1', 'day-count-mismatch', 'warning'],
    ]);
  });

  it('differs from the letter only by one year in FY2561 Q2–Q4', () => {
    LETTER_PLAN_AS_MEANT.forEach((meant, i) => {
      const written = LETTER_PLAN_AS_WRITTEN[i]!;
      const yearShift = meant.fiscalYear === 2561 && meant.quarter >= 2 ? 1 : 0;
      const shift = (d: string) => `${Number(d.slice(0, 4)) + yearShift}${d.slice(4)}`;
      expect(meant.startDate).toBe(shift(written.startDate));
      expect(meant.endDate).toBe(shift(written.endDate));
      expect({ ...meant, startDate: '', endDate: '', note: '' }).toEqual({ ...written, startDate: '', endDate: '', note: '' });
    });
  });

  it('notes, in Thai and English, what the letter wrote wherever the year differs, and only there', () => {
    LETTER_PLAN_AS_MEANT.forEach((meant, i) => {
      const written = LETTER_PLAN_AS_WRITTEN[i]!;
      const yearTypo = meant.startDate !== written.startDate;
      if (!yearTypo) {
        expect(meant.note).toBeUndefined();
        return;
      }
      const note = meant.note ?? '';
      expect(note).toMatch(/[\u0E01-\u0E4F]/);
      expect(note).toMatch(/The letter/);
      expect(note).toContain('2560 BE');
      expect(note).toContain('๒๕๖๐');
    });
    expect(LETTER_PLAN_AS_MEANT.filter((w) => w.note !== undefined)).toHaveLength(9);
  });
});
