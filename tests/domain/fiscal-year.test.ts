import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysInclusive,
  fiscalQuarterOf,
  fiscalYearOf,
  fiscalYearRange,
  isValidIsoDate,
  parseRoundCode,
  quarterRange,
  roundCode,
} from '../../domain/fiscal-year.ts';

// Independent oracle for calendar arithmetic: JavaScript's own UTC calendar.
const utcDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const dateArb = fc
  .date({ min: new Date('1901-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('fiscalYearOf / fiscalQuarterOf', () => {
  it('switches fiscal year between 30 September and 1 October', () => {
    expect(fiscalYearOf('2017-09-30')).toBe(2560);
    expect(fiscalQuarterOf('2017-09-30')).toEqual({ fiscalYear: 2560, quarter: 4 });
    expect(fiscalYearOf('2017-10-01')).toBe(2561);
    expect(fiscalQuarterOf('2017-10-01')).toEqual({ fiscalYear: 2561, quarter: 1 });
  });

  it('keeps the fiscal year across 31 December / 1 January but moves Q1 → Q2', () => {
    expect(fiscalQuarterOf('2017-12-31')).toEqual({ fiscalYear: 2561, quarter: 1 });
    expect(fiscalQuarterOf('2018-01-01')).toEqual({ fiscalYear: 2561, quarter: 2 });
  });

  it('puts each quarter boundary day in the right quarter', () => {
    expect(fiscalQuarterOf('2018-03-31').quarter).toBe(2);
    expect(fiscalQuarterOf('2018-04-01').quarter).toBe(3);
    expect(fiscalQuarterOf('2018-06-30').quarter).toBe(3);
    expect(fiscalQuarterOf('2018-07-01').quarter).toBe(4);
    expect(fiscalQuarterOf('2018-09-30')).toEqual({ fiscalYear: 2561, quarter: 4 });
  });

  it('places 29 February 2020 in FY2563 Q2', () => {
    expect(fiscalQuarterOf('2020-02-29')).toEqual({ fiscalYear: 2563, quarter: 2 });
  });

  it('refuses invalid dates instead of guessing', () => {
    expect(() => fiscalYearOf('2019-02-29')).toThrow(RangeError);
    expect(() => fiscalQuarterOf('31/12/2560')).toThrow(RangeError);
  });

  it('puts every date inside the range of its own quarter and fiscal year', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const { fiscalYear, quarter } = fiscalQuarterOf(d);
        const q = quarterRange(fiscalYear, quarter);
        const fy = fiscalYearRange(fiscalYear);
        expect(q.start <= d && d <= q.end).toBe(true);
        expect(fy.start <= d && d <= fy.end).toBe(true);
      }),
    );
  });
});

describe('quarterRange / fiscalYearRange', () => {
  it('gives the four quarters of FY2561', () => {
    expect(quarterRange(2561, 1)).toEqual({ start: '2017-10-01', end: '2017-12-31' });
    expect(quarterRange(2561, 2)).toEqual({ start: '2018-01-01', end: '2018-03-31' });
    expect(quarterRange(2561, 3)).toEqual({ start: '2018-04-01', end: '2018-06-30' });
    expect(quarterRange(2561, 4)).toEqual({ start: '2018-07-01', end: '2018-09-30' });
  });

  it('gives FY2561 as 2017-10-01 .. 2018-09-30', () => {
    expect(fiscalYearRange(2561)).toEqual({ start: '2017-10-01', end: '2018-09-30' });
  });

  it('counts 366 days in a fiscal year holding 29 February, 365 otherwise', () => {
    const fy2563 = fiscalYearRange(2563);
    const fy2562 = fiscalYearRange(2562);
    expect(daysInclusive(fy2563.start, fy2563.end)).toBe(366);
    expect(daysInclusive(fy2562.start, fy2562.end)).toBe(365);
  });

  it('rejects quarter 0 and 5 at run time', () => {
    expect(() => quarterRange(2561, 0 as 1)).toThrow(RangeError);
    expect(() => quarterRange(2561, 5 as 1)).toThrow(RangeError);
  });
});

describe('roundCode / parseRoundCode', () => {
  it('writes a round as BE year and quarter', () => {
    expect(roundCode(2561, 1)).toBe('2561-Q1');
    expect(roundCode(2560, 4)).toBe('2560-Q4');
  });

  it('reads upper or lower case q, Thai digits and stray spaces', () => {
    expect(parseRoundCode('2561-Q1')).toEqual({ fiscalYear: 2561, quarter: 1 });
    expect(parseRoundCode('2561-q1')).toEqual({ fiscalYear: 2561, quarter: 1 });
    expect(parseRoundCode('๒๕๖๑-Q๔')).toEqual({ fiscalYear: 2561, quarter: 4 });
    expect(parseRoundCode(' 2561 - Q2 ')).toEqual({ fiscalYear: 2561, quarter: 2 });
  });

  it('rejects quarters 0 and 5, CE-looking years and other shapes', () => {
    for (const bad of ['2561-Q0', '2561-Q5', '2018-Q1', '2499-Q1', '2701-Q1', '2561Q1', '2561-1', '61-Q1', '', 'Q1-2561']) {
      expect(parseRoundCode(bad), bad).toBeNull();
    }
  });

  it('accepts the edges of the BE range', () => {
    expect(parseRoundCode('2500-Q1')).toEqual({ fiscalYear: 2500, quarter: 1 });
    expect(parseRoundCode('2700-Q3')).toEqual({ fiscalYear: 2700, quarter: 3 });
  });

  it('reads back every code it writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2500, max: 2700 }), fc.constantFrom(1, 2, 3, 4 as const), (fy, q) => {
        expect(parseRoundCode(roundCode(fy, q as 1 | 2 | 3 | 4))).toEqual({ fiscalYear: fy, quarter: q });
      }),
    );
  });
});

describe('isValidIsoDate', () => {
  it('knows leap years, including the century rules', () => {
    expect(isValidIsoDate('2020-02-29')).toBe(true);
    expect(isValidIsoDate('2019-02-29')).toBe(false);
    expect(isValidIsoDate('2000-02-29')).toBe(true);
    expect(isValidIsoDate('1900-02-29')).toBe(false);
  });

  it('rejects impossible days and months', () => {
    for (const bad of ['2018-04-31', '2018-02-30', '2018-13-01', '2018-00-10', '2018-01-00', '2018-01-32']) {
      expect(isValidIsoDate(bad), bad).toBe(false);
    }
    expect(isValidIsoDate('2018-12-31')).toBe(true);
  });

  it('accepts only the exact YYYY-MM-DD shape', () => {
    for (const bad of ['2018-1-01', '2018-01-1', '18-01-01', '2018/01/01', ' 2018-01-01', '2018-01-01T00:00', '๒๐๑๘-๐๑-๐๑']) {
      expect(isValidIsoDate(bad), bad).toBe(false);
    }
  });

  it('agrees with the JavaScript calendar on random strings of the right shape', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1901, max: 2199 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const t = Date.parse(`${iso}T00:00:00Z`);
        const real = !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === iso;
        expect(isValidIsoDate(iso)).toBe(real);
      }),
    );
  });
});

describe('daysInclusive / addDays', () => {
  it('counts the letter windows as the calendar does', () => {
    expect(daysInclusive('2017-10-01', '2017-12-20')).toBe(81);
    expect(daysInclusive('2018-01-01', '2018-03-20')).toBe(79);
    expect(daysInclusive('2018-04-01', '2018-06-20')).toBe(81);
    expect(daysInclusive('2017-08-28', '2017-09-18')).toBe(22);
    expect(daysInclusive('2017-09-30', '2017-09-30')).toBe(1);
  });

  it('counts 29 February only in leap years', () => {
    expect(daysInclusive('2020-02-28', '2020-03-01')).toBe(3);
    expect(daysInclusive('2019-02-28', '2019-03-01')).toBe(2);
  });

  it('is zero or negative when end is before start', () => {
    expect(daysInclusive('2017-12-20', '2017-12-19')).toBe(0);
    expect(daysInclusive('2017-12-20', '2017-12-10')).toBe(-9);
  });

  it('steps across month, year and leap-day boundaries', () => {
    expect(addDays('2017-12-31', 1)).toBe('2018-01-01');
    expect(addDays('2018-01-01', -1)).toBe('2017-12-31');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2019-02-28', 1)).toBe('2019-03-01');
    expect(addDays('2017-10-01', 80)).toBe('2017-12-20');
    expect(addDays('2017-10-01', 0)).toBe('2017-10-01');
  });

  it('throws on invalid input', () => {
    expect(() => addDays('2019-02-29', 1)).toThrow(RangeError);
    expect(() => addDays('2019-02-28', 0.5)).toThrow(RangeError);
    expect(() => daysInclusive('2018-01-01', 'soon')).toThrow(RangeError);
  });

  it('agrees with the JavaScript calendar', () => {
    fc.assert(
      fc.property(dateArb, dateArb, (a, b) => {
        expect(daysInclusive(a, b)).toBe(utcDay(b) - utcDay(a) + 1);
      }),
    );
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -40_000, max: 40_000 }), (a, n) => {
        const expected = new Date(Date.parse(`${a}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
        expect(addDays(a, n)).toBe(expected);
      }),
    );
  });
});
