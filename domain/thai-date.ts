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
  /** `shortYear`: the year was typed with two digits, read as BE 25xx. */
  | { ok: true; value: string; convertedFromBe: boolean; shortYear?: true }
  | { ok: false; reason: 'format' | 'invalid-date' };

/** A four-digit year at or above this is read as Buddhist Era, below it as Common Era. */
export const BE_YEAR_THRESHOLD = 2400;

const MONTH_BY_KEY: ReadonlyMap<string, number> = new Map([
  ...THAI_MONTHS.map((name, i) => [labelKey(name), i + 1] as const),
  ...THAI_MONTHS_SHORT.map((name, i) => [labelKey(name), i + 1] as const),
]);

const DAY_MONTH_YEAR = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;
const YEAR_MONTH_DAY = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/;
const DAY_MONTHNAME_YEAR = /^(\d{1,2})\s*([^\d\s](?:[^\d]*[^\d\s])?)\s*(\d{4}|\d{2})$/;
// An era marker written before the year carries no extra information: the year itself tells.
const ERA_MARKER = /(?:พ\.?\s?ศ\.?|ค\.?\s?ศ\.?)\s*(?=\d{4}$)/;
// A BE era marker before a two-digit year ('พ.ศ. 60'): the year is BE anyway.
const BE_MARKER_SHORT = /พ\.?\s?ศ\.?\s*(?=\d{2}$)/;
// The Buddhist century two-digit years are read in: 60 → 2560 (2017). Thai offices write
// short years in BE; a short CE year ('18') would read as 2518 (1975), a date the sanity
// checks of the column (not in the future; registrations began long after) catch.
const SHORT_YEAR_CENTURY = 2500;

function build(yearText: string, month: number, day: number): DateInputResult {
  if (yearText.length === 2) {
    const r = build(String(SHORT_YEAR_CENTURY + Number(yearText)), month, day);
    return r.ok ? { ...r, shortYear: true } : r;
  }
  const year = Number(yearText);
  const convertedFromBe = year >= BE_YEAR_THRESHOLD;
  const ceYear = convertedFromBe ? year - BE_OFFSET : year;
  const value = isoDate(ceYear, month, day);
  if (ceYear < 1 || !isValidIsoDate(value)) return { ok: false, reason: 'invalid-date' };
  return { ok: true, value, convertedFromBe };
}

/**
 * Reads a date the way Thai offices type it: '15/03/2561', '15/3/2018', '15-03-2561', '2018-03-15',
 * '2561-03-15', '15 มี.ค. 2561', '15 มีนาคม พ.ศ. 2561', '16 พ.ย. 60', '16/11/60', in ASCII or Thai
 * digits. Four-digit years ≥ 2400 are BE and converted to CE; two-digit years are BE 25xx.
 */
export function parseDateInput(text: string): DateInputResult {
  const s = normalizeText(text).value.replace(ERA_MARKER, '').replace(BE_MARKER_SHORT, '');
  let m = DAY_MONTH_YEAR.exec(s);
  if (m) return build(m[4]!, Number(m[3]), Number(m[1]));
  m = YEAR_MONTH_DAY.exec(s);
  if (m) return build(m[1]!, Number(m[3]), Number(m[4]));
  m = DAY_MONTHNAME_YEAR.exec(s);
  if (m) {
    const month = MONTH_BY_KEY.get(labelKey(m[2] ?? ''));
    if (month === undefined) return { ok: false, reason: 'format' };
    return build(m[3]!, month, Number(m[1]));
  }
  return { ok: false, reason: 'format' };
}

// Excel's day 0 is 1899-12-30 (its serials count the 1900 leap day that never was).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Serials read as dates: 1 January 1990 (32874) to 31 December 2100 (73415). */
export const EXCEL_SERIAL_RANGE = { min: 32874, max: 73415 } as const;

/**
 * A date cell that reached us as Excel's serial number ('43301', also '43301.0' or with a time
 * fraction), as happens when a date is typed into a column formatted as text or the cell is
 * copied as a number: the ISO date, or null when the text is not a serial in a sane range.
 */
export function excelSerialDate(text: string): string | null {
  const m = /^(\d{5})(?:\.\d+)?$/.exec(normalizeText(text).value);
  if (!m) return null;
  const serial = Number(m[1]);
  if (serial < EXCEL_SERIAL_RANGE.min || serial > EXCEL_SERIAL_RANGE.max) return null;
  return new Date(EXCEL_EPOCH_MS + serial * 86_400_000).toISOString().slice(0, 10);
}
