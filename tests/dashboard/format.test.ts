import { describe, expect, it } from 'vitest';
import { formatClock, formatDate, formatDateRange, formatDateTime } from '../../dashboard/format/format-date.ts';
import { applyDigits } from '../../dashboard/format/apply-digits.ts';
import { localMessages } from '../../dashboard/i18n/local-messages.ts';
import { formatNumber, formatPercent } from '../../dashboard/format/format-number.ts';
import { messages } from '../../dashboard/i18n/messages.ts';
import { th } from '../../dashboard/i18n/th.ts';
import { en } from '../../dashboard/i18n/en.ts';
import { displayLocale, type DisplayLocale } from '../../dashboard/format/display-locale.ts';

const TH: DisplayLocale = { lang: 'th', digits: 'arabic' };
const EN: DisplayLocale = { lang: 'en', digits: 'arabic' };

describe('numbers', () => {
  it('group thousands with commas', () => {
    expect(formatNumber(93400, TH)).toBe('93,400');
    expect(formatNumber(209000, EN)).toBe('209,000');
    expect(formatNumber(0, TH)).toBe('0');
  });
  it('percentages to one decimal, a dash when unknown', () => {
    expect(formatPercent(0.8594, TH)).toBe('85.9%');
    expect(formatPercent(null, TH)).toBe('–');
  });
});

describe('dates', () => {
  it('Thai: BE year and Thai month names', () => {
    expect(formatDate('2017-12-20', TH)).toBe('20 ธ.ค. 2560');
    expect(formatDate('2017-08-31', TH, 'long')).toBe('31 สิงหาคม 2560');
  });
  it('English: CE year', () => {
    expect(formatDate('2017-12-20', EN)).toBe('20 Dec 2017');
  });
  it('instants in Bangkok time, whatever the machine zone', () => {
    // 17:00Z on the 20th is 00:00 on the 21st in Bangkok.
    expect(formatDateTime('2017-12-20T17:00:00Z', TH)).toBe('21 ธ.ค. 2560 เวลา 00.00 น.');
    expect(formatDateTime('2017-12-20T17:00:00Z', EN)).toBe('21 Dec 2017 00:00');
    expect(formatDateTime('not a date', EN)).toBe('–');
  });
  it('ranges keep both ends whole; a one-day window is one date', () => {
    expect(formatDateRange('2017-10-01', '2017-12-20', TH)).toBe('1 ต.ค. 2560 – 20 ธ.ค. 2560');
    expect(formatDateRange('2017-12-30', '2017-12-30', TH)).toBe('30 ธ.ค. 2560');
  });
});

describe('messages', () => {
  // Every key of the Thai table exists in English with the same kind of value.
  function shape(v: unknown): unknown {
    if (typeof v === 'function') return 'fn';
    if (Array.isArray(v)) return v.map(shape);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape((v as Record<string, unknown>)[k])]));
    return typeof v;
  }
  it('English mirrors Thai key for key', () => {
    expect(shape(en)).toEqual(shape(th));
  });
  it('Thai is the default language table', () => {
    expect(messages('th').signIn.title).toBe('เข้าสู่ระบบ');
    expect(messages('en').signIn.title).toBe('Sign in');
  });
});

describe('digit style (issue 18)', () => {
  const THAI: DisplayLocale = { lang: 'th', digits: 'thai' };
  it('numbers, percentages, dates, times and clocks in Thai digits', () => {
    expect(formatNumber(93400, THAI)).toBe('๙๓,๔๐๐');
    expect(formatPercent(0.8594, THAI)).toBe('๘๕.๙%');
    expect(formatDate('2017-12-20', THAI)).toBe('๒๐ ธ.ค. ๒๕๖๐');
    expect(formatDateTime('2017-12-20T17:05:00Z', THAI)).toBe('๒๑ ธ.ค. ๒๕๖๐ เวลา ๐๐.๐๕ น.');
    expect(formatDateRange('2017-10-01', '2017-12-20', THAI)).toBe('๑ ต.ค. ๒๕๖๐ – ๒๐ ธ.ค. ๒๕๖๐');
    expect(formatClock(new Date('2017-12-20T07:05:00Z'), THAI)).toBe('๑๔.๐๕');
    expect(formatClock(new Date('2017-12-20T07:05:00Z'), TH)).toBe('14.05');
    expect(formatClock(new Date('2017-12-20T07:05:00Z'), EN)).toBe('14:05');
  });
  it('English keeps Arabic digits whatever was chosen for Thai', () => {
    const en = displayLocale('en', 'thai');
    expect(formatNumber(1234, en)).toBe('1,234');
    expect(formatDateTime('2017-12-20T17:05:00Z', en)).toBe('21 Dec 2017 00:05');
  });
  it('messages take the style: their own digits and number arguments; string arguments stay as passed', () => {
    const thai = localMessages(THAI);
    expect(thai.quarterShort(2)).toBe('ไตรมาส ๒');
    expect(thai.signIn.intro).toContain('สิ่งที่ส่งมาด้วย ๓');
    const arabic = localMessages(TH);
    expect(arabic.signIn.intro).toContain('สิ่งที่ส่งมาด้วย 3');
    expect(arabic.password.hint).toBe('อย่างน้อย 10 ตัวอักษร');
    // An activation code is typed back by hand: never rewritten.
    expect(thai.admin.activationCode('district3801', 'AB12C-3DEF4')).toBe('รหัสเปิดใช้งานของ district3801: AB12C-3DEF4');
    // A message that tests its argument still sees an empty one as empty.
    expect(thai.overview.mapTitle('')).toBe('แผนที่อำเภอ');
    expect(thai.overview.mapTitle(thai.quarterShort(1))).toBe('แผนที่อำเภอ (ไตรมาส ๑)');
    expect(thai.overview.overdueStep(2)).toBe('เกินกำหนด ขั้นตอนที่ ๒');
    expect(applyDigits('ขั้นตอนที่ ๒ ข้อ 3', 'arabic')).toBe('ขั้นตอนที่ 2 ข้อ 3');
  });
});
