import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toThaiDigits } from '../../domain/thai-digits.ts';
import {
  EXCEL_SERIAL_RANGE,
  excelSerialDate,
  THAI_MONTHS,
  THAI_MONTHS_SHORT,
  formatThaiDate,
  formatThaiDateTime,
  parseDateInput,
} from '../../domain/thai-date.ts';

describe('THAI_MONTHS', () => {
  it('lists the twelve months January first', () => {
    expect(THAI_MONTHS).toHaveLength(12);
    expect(THAI_MONTHS[0]).toBe('มกราคม');
    expect(THAI_MONTHS[7]).toBe('สิงหาคม');
    expect(THAI_MONTHS[11]).toBe('ธันวาคม');
    expect(THAI_MONTHS_SHORT).toHaveLength(12);
    expect(THAI_MONTHS_SHORT[0]).toBe('ม.ค.');
    expect(THAI_MONTHS_SHORT[2]).toBe('มี.ค.');
    expect(THAI_MONTHS_SHORT[11]).toBe('ธ.ค.');
  });
});

describe('formatThaiDate', () => {
  it('writes the letter date the way the letter does', () => {
    expect(formatThaiDate('2017-08-31')).toBe('๓๑ สิงหาคม ๒๕๖๐');
  });

  it('offers ASCII digits and short month names', () => {
    expect(formatThaiDate('2017-08-31', { digits: 'ascii' })).toBe('31 สิงหาคม 2560');
    expect(formatThaiDate('2017-08-31', { month: 'short' })).toBe('๓๑ ส.ค. ๒๕๖๐');
    expect(formatThaiDate('2018-01-01', { digits: 'ascii', month: 'short' })).toBe('1 ม.ค. 2561');
  });

  it('does not pad the day', () => {
    expect(formatThaiDate('2017-10-01')).toBe('๑ ตุลาคม ๒๕๖๐');
  });

  it('refuses invalid dates', () => {
    expect(() => formatThaiDate('2019-02-29')).toThrow(RangeError);
  });
});

describe('formatThaiDateTime', () => {
  it('shows Bangkok wall-clock time (UTC+7)', () => {
    expect(formatThaiDateTime(new Date('2026-11-26T10:30:00Z'))).toBe('๒๖ พฤศจิกายน ๒๕๖๙ เวลา ๑๗.๓๐ น.');
  });

  it('moves to the next Bangkok day at 17:00 UTC, across a year end', () => {
    expect(formatThaiDateTime(new Date('2017-12-31T16:59:00Z'))).toBe('๓๑ ธันวาคม ๒๕๖๐ เวลา ๒๓.๕๙ น.');
    expect(formatThaiDateTime(new Date('2017-12-31T17:00:00Z'))).toBe('๑ มกราคม ๒๕๖๑ เวลา ๐๐.๐๐ น.');
  });

  it('honours the digit and month options', () => {
    expect(formatThaiDateTime(new Date('2018-03-15T02:05:00Z'), { digits: 'ascii', month: 'short' })).toBe(
      '15 มี.ค. 2561 เวลา 09.05 น.',
    );
  });

  it('refuses an invalid Date', () => {
    expect(() => formatThaiDateTime(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('parseDateInput', () => {
  const ok = (value: string, convertedFromBe: boolean) => ({ ok: true, value, convertedFromBe });

  it('reads day/month/BE year as typed in Thai offices', () => {
    expect(parseDateInput('15/03/2561')).toEqual(ok('2018-03-15', true));
    expect(parseDateInput('1/3/2561')).toEqual(ok('2018-03-01', true));
  });

  it('reads day/month/CE year', () => {
    expect(parseDateInput('15/3/2018')).toEqual(ok('2018-03-15', false));
  });

  it('treats 2400 as the first BE year and 2399 as CE', () => {
    expect(parseDateInput('01/01/2400')).toEqual(ok('1857-01-01', true));
    expect(parseDateInput('01/01/2399')).toEqual(ok('2399-01-01', false));
  });

  it('accepts - and . as separators but not a mix', () => {
    expect(parseDateInput('15-03-2561')).toEqual(ok('2018-03-15', true));
    expect(parseDateInput('15.03.2561')).toEqual(ok('2018-03-15', true));
    expect(parseDateInput('15/03-2561')).toEqual({ ok: false, reason: 'format' });
  });

  it('reads ISO dates, and ISO-shaped dates with a BE year', () => {
    expect(parseDateInput('2018-03-15')).toEqual(ok('2018-03-15', false));
    expect(parseDateInput('2561-03-15')).toEqual(ok('2018-03-15', true));
  });

  it('reads Thai digits', () => {
    expect(parseDateInput('๑๕/๐๓/๒๕๖๑')).toEqual(ok('2018-03-15', true));
    expect(parseDateInput('๓๑ สิงหาคม ๒๕๖๐')).toEqual(ok('2017-08-31', true));
  });

  it('reads Thai month names, short or long, with or without พ.ศ.', () => {
    expect(parseDateInput('15 มี.ค. 2561')).toEqual(ok('2018-03-15', true));
    expect(parseDateInput('15 มีนาคม 2561')).toEqual(ok('2018-03-15', true));
    expect(parseDateInput('15 มีค 2561')).toEqual(ok('2018-03-15', true));
    expect(parseDateInput('15 มีนาคม พ.ศ. 2561')).toEqual(ok('2018-03-15', true));
    expect(parseDateInput('  15   ก.ค.  2561 ')).toEqual(ok('2018-07-15', true));
    expect(parseDateInput('1 ม.ค. 2018')).toEqual(ok('2018-01-01', false));
  });

  it('reads back every date formatThaiDate writes', () => {
    for (const iso of ['2017-08-31', '2018-01-01', '2020-02-29', '2018-12-31']) {
      expect(parseDateInput(formatThaiDate(iso))).toEqual(ok(iso, true));
      expect(parseDateInput(formatThaiDate(iso, { month: 'short' }))).toEqual(ok(iso, true));
    }
  });

  it('knows 29 February in BE years: 2563 (2020) is leap, 2562 (2019) is not', () => {
    expect(parseDateInput('29/02/2563')).toEqual(ok('2020-02-29', true));
    expect(parseDateInput('29/02/2562')).toEqual({ ok: false, reason: 'invalid-date' });
  });

  it('tells an impossible date from an unreadable one', () => {
    expect(parseDateInput('31/02/2561')).toEqual({ ok: false, reason: 'invalid-date' });
    expect(parseDateInput('00/01/2561')).toEqual({ ok: false, reason: 'invalid-date' });
    expect(parseDateInput('15/13/2561')).toEqual({ ok: false, reason: 'invalid-date' });
    expect(parseDateInput('31 เมษายน 2561')).toEqual({ ok: false, reason: 'invalid-date' });
    expect(parseDateInput('2561-02-30')).toEqual({ ok: false, reason: 'invalid-date' });
  });

  it('refuses shapes it cannot read unambiguously', () => {
    for (const bad of ['', 'พรุ่งนี้', '15/03/561', '15/03', '2561', '15 Mar 2018', '15 มีนา 2561', '2018-03-15T00:00', '15//03/2561', '43301']) {
      expect(parseDateInput(bad), bad).toEqual({ ok: false, reason: 'format' });
    }
  });
});

describe('dates as offices type them (#19)', () => {
  const short = (value: string) => ({ ok: true, value, convertedFromBe: true, shortYear: true });

  it('reads two-digit years as BE 25xx, with numbers or Thai month names, in ASCII or Thai digits', () => {
    expect(parseDateInput('16 พ.ย. 60')).toEqual(short('2017-11-16'));
    expect(parseDateInput('16 พย 60')).toEqual(short('2017-11-16'));
    expect(parseDateInput('16 พ.ย.60')).toEqual(short('2017-11-16'));
    expect(parseDateInput('16 พฤศจิกายน 60')).toEqual(short('2017-11-16'));
    expect(parseDateInput('16 พ.ย. พ.ศ. 60')).toEqual(short('2017-11-16'));
    expect(parseDateInput('๑๖ พ.ย. ๖๐')).toEqual(short('2017-11-16'));
    expect(parseDateInput('16/11/60')).toEqual(short('2017-11-16'));
    expect(parseDateInput('๑๖/๑๑/๖๐')).toEqual(short('2017-11-16'));
    expect(parseDateInput('29/02/63')).toEqual(short('2020-02-29'));
    expect(parseDateInput('29/02/62')).toEqual({ ok: false, reason: 'invalid-date' });
  });

  it('reads four-digit BE years with full or short Thai month names', () => {
    expect(parseDateInput('16 พฤศจิกายน 2560')).toEqual({ ok: true, value: '2017-11-16', convertedFromBe: true });
    expect(parseDateInput('16 พ.ย. 2560')).toEqual({ ok: true, value: '2017-11-16', convertedFromBe: true });
    expect(parseDateInput('๑๖ พ.ย. ๒๕๖๐')).toEqual({ ok: true, value: '2017-11-16', convertedFromBe: true });
  });

  it('reads any date written day, Thai month (long or short), two-digit BE year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2500, max: 2599 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.boolean(), fc.boolean(), (be, month, day, long, thai) => {
        const yy = String(be % 100).padStart(2, '0');
        const names = long ? THAI_MONTHS : THAI_MONTHS_SHORT;
        const typed = `${day} ${names[month - 1]} ${yy}`;
        const text = thai ? toThaiDigits(typed) : typed;
        const iso = `${be - 543}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        expect(parseDateInput(text)).toEqual(short(iso));
      }),
    );
  });

  it('reads Excel serial numbers of dates from 1990 to 2100, and nothing else', () => {
    expect(excelSerialDate('43301')).toBe('2018-07-20');
    expect(excelSerialDate('43101')).toBe('2018-01-01');
    expect(excelSerialDate('43101.0')).toBe('2018-01-01');
    expect(excelSerialDate('๔๓๑๐๑')).toBe('2018-01-01');
    for (const bad of ['', '4310', '32873', '73416', '99999', '431011', '4310a', '2561', '16/11/60']) expect(excelSerialDate(bad), bad).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: EXCEL_SERIAL_RANGE.min, max: EXCEL_SERIAL_RANGE.max }), (serial) => {
        const iso = excelSerialDate(String(serial))!;
        // Days since Excel's day 0 (1899-12-30), counted back from the ISO date.
        expect((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000).toBe(serial);
      }),
    );
  });
});
