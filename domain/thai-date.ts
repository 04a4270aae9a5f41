import { BE_OFFSET } from './buddhist-era.ts';
import { bangkokParts } from './bangkok-parts.ts';
import { isoDate, isValidIsoDate } from './fiscal-year.ts';
import { labelKey } from './label-key.ts';
import { normalizeText } from './normalize-text.ts';
import { toThaiDigits } from './thai-digits.ts';

export const THAI_MONTHS = [
  'มกราคม',
  'กุมภาพันธ์',
  'มีนาคม',
  'เมษายน',
  'พฤษภาคม',
  'มิถุนายน',
  'กรกฎาคม',
  'สิงหาคม',
  'กันยายน',
  'ตุลาคม',
  'พฤศจิกายน',
  'ธันวาคม',
] as const;

export const THAI_MONTHS_SHORT = [
  'ม.ค.',
  'ก.พ.',
  'มี.ค.',
  'เม.ย.',
  'พ.ค.',
  'มิ.ย.',
  'ก.ค.',
  'ส.ค.',
  'ก.ย.',
  'ต.ค.',
  'พ.ย.',
  'ธ.ค.',
] as const;

export type ThaiDateOptions = { digits?: 'thai' | 'ascii'; month?: 'long' | 'short' };

function digits(n: number | string, opts: ThaiDateOptions | undefined): string {
  return opts?.digits === 'ascii' ? String(n) : toThaiDigits(n);
}

function thaiDay(year: number, month: number, day: number, opts: ThaiDateOptions | undefined): string {
  const names = opts?.month === 'short' ? THAI_MONTHS_SHORT : THAI_MONTHS;
  return `${digits(day, opts)} ${names[month - 1]} ${digits(year + BE_OFFSET, opts)}`;
}

/** '2017-08-31' → '๓๑ สิงหาคม ๒๕๖๐' (BE year; Thai digits and long month by default). Throws RangeError on an invalid date. */
export function formatThaiDate(iso: string, opts?: ThaiDateOptions): string {
  if (!isValidIsoDate(iso)) throw new RangeError(`Not a valid ISO date: ${JSON.stringify(iso)}`);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return thaiDay(y, m, d, opts);
}

/** An instant as Bangkok wall-clock time: '๒๖ พฤศจิกายน ๒๕๖๙ เวลา ๑๗.๓๐ น.' (hour and minute two digits each). */
export function formatThaiDateTime(date: Date, opts?: ThaiDateOptions): string {
  const p = bangkokParts(date);
  const time = `${String(p.hour).padStart(2, '0')}.${String(p.minute).padStart(2, '0')}`;
  return `${thaiDay(p.year, p.month, p.day, opts)} เวลา ${digits(time, opts)} น.`;
}

export type DateInputResult =
  | { ok: true; value: string; convertedFromBe: boolean }
  | { ok: false; reason: 'format' | 'invalid-date' };

/** A four-digit year at or above this is read as Buddhist Era, below it as Common Era. */
export const BE_YEAR_THRESHOLD = 2400;

const MONTH_BY_KEY: ReadonlyMap<string, number> = new Map([
  ...THAI_MONTHS.map((name, i) => [labelKey(name), i + 1] as const),
  ...THAI_MONTHS_SHORT.map((name, i) => [labelKey(name), i + 1] as const),
]);

const DAY_MONTH_YEAR = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const YEAR_MONTH_DAY = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/;
const DAY_MONTHNAME_YEAR = /^(\d{1,2})\s*([^\d\s](?:[^\d]*[^\d\s])?)\s*(\d{4})$/;
// An era marker written before the year carries no extra information: the year itself tells.
const ERA_MARKER = /(?:พ\.?\s?ศ\.?|ค\.?\s?ศ\.?)\s*(?=\d{4}$)/;

function build(year: number, month: number, day: number): DateInputResult {
  const convertedFromBe = year >= BE_YEAR_THRESHOLD;
  const ceYear = convertedFromBe ? year - BE_OFFSET : year;
  const value = isoDate(ceYear, month, day);
  if (ceYear < 1 || !isValidIsoDate(value)) return { ok: false, reason: 'invalid-date' };
  return { ok: true, value, convertedFromBe };
}

/**
 * Reads a date the way Thai offices type it: '15/03/2561', '15/3/2018', '15-03-2561', '2018-03-15',
 * '2561-03-15', '15 มี.ค. 2561', '15 มีนาคม พ.ศ. 2561', in ASCII or Thai digits. Four-digit years
 * ≥ 2400 are BE and converted to CE. Two-digit years are refused as ambiguous.
 */
export function parseDateInput(text: string): DateInputResult {
  const s = normalizeText(text).value.replace(ERA_MARKER, '');
  let m = DAY_MONTH_YEAR.exec(s);
  if (m) return build(Number(m[4]), Number(m[3]), Number(m[1]));
  m = YEAR_MONTH_DAY.exec(s);
  if (m) return build(Number(m[1]), Number(m[3]), Number(m[4]));
  m = DAY_MONTHNAME_YEAR.exec(s);
  if (m) {
    const month = MONTH_BY_KEY.get(labelKey(m[2] ?? ''));
    if (month === undefined) return { ok: false, reason: 'format' };
    return build(Number(m[3]), month, Number(m[1]));
  }
  return { ok: false, reason: 'format' };
}
