import { BE_OFFSET } from './buddhist-era.ts';
import { toAsciiDigits } from './thai-digits.ts';

// Thai government fiscal year: 1 October – 30 September, named by the BE year it ends in
// (FY2561 = 2017-10-01 .. 2018-09-30). All dates here are ISO 'YYYY-MM-DD' calendar dates in
// the Common Era, without time zone; arithmetic is on integer day numbers so no Date object,
// time zone or DST can shift a day.

export type Quarter = 1 | 2 | 3 | 4;
export type FiscalQuarter = { fiscalYear: number; quarter: Quarter };
export type DateRange = { start: string; end: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real calendar date written exactly 'YYYY-MM-DD' (2020-02-29 yes, 2019-02-29 no). */
export function isValidIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function parts(iso: string): [number, number, number] {
  if (!isValidIsoDate(iso)) throw new RangeError(`Not a valid ISO date: ${JSON.stringify(iso)}`);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(z0: number): string {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return isoDate(y, m, d);
}

/** Formats year, month, day as 'YYYY-MM-DD' (no validation). */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 for an ISO date; throws RangeError on an invalid date. */
export function isoToDayNumber(iso: string): number {
  return dayNumber(...parts(iso));
}

/** ISO date for a day number since 1970-01-01. */
export function dayNumberToIso(n: number): string {
  return fromDayNumber(n);
}

/** Number of calendar days from start to end, both counted (2017-10-01..2017-12-20 = 81). */
export function daysInclusive(start: string, end: string): number {
  return isoToDayNumber(end) - isoToDayNumber(start) + 1;
}

/** The date n days after (n < 0: before) iso. */
export function addDays(iso: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days, got ${n}`);
  return fromDayNumber(isoToDayNumber(iso) + n);
}

/** BE fiscal year a date belongs to (2017-09-30 → 2560, 2017-10-01 → 2561). */
export function fiscalYearOf(isoDate: string): number {
  const [y, m] = parts(isoDate);
  return y + BE_OFFSET + (m >= 10 ? 1 : 0);
}

/** Fiscal year and quarter of a date: Q1 Oct–Dec, Q2 Jan–Mar, Q3 Apr–Jun, Q4 Jul–Sep. */
export function fiscalQuarterOf(isoDate: string): FiscalQuarter {
  const [, m] = parts(isoDate);
  const quarter = (m >= 10 ? 1 : Math.floor((m - 1) / 3) + 2) as Quarter;
  return { fiscalYear: fiscalYearOf(isoDate), quarter };
}

function assertFiscalYear(fiscalYear: number): void {
  if (!Number.isInteger(fiscalYear)) throw new RangeError(`Fiscal year must be an integer, got ${fiscalYear}`);
}

function assertQuarter(quarter: number): asserts quarter is Quarter {
  if (quarter !== 1 && quarter !== 2 && quarter !== 3 && quarter !== 4) {
    throw new RangeError(`Quarter must be 1–4, got ${quarter}`);
  }
}

/** First and last day of a fiscal quarter (FY2561 Q1 = 2017-10-01 .. 2017-12-31). */
export function quarterRange(fiscalYear: number, quarter: Quarter): DateRange {
  assertFiscalYear(fiscalYear);
  assertQuarter(quarter);
  const endYearCe = fiscalYear - BE_OFFSET;
  if (quarter === 1) return { start: isoDate(endYearCe - 1, 10, 1), end: isoDate(endYearCe - 1, 12, 31) };
  const firstMonth = (quarter - 2) * 3 + 1;
  const lastMonth = firstMonth + 2;
  return {
    start: isoDate(endYearCe, firstMonth, 1),
    end: isoDate(endYearCe, lastMonth, daysInMonth(endYearCe, lastMonth)),
  };
}

/** First and last day of a fiscal year (FY2561 = 2017-10-01 .. 2018-09-30). */
export function fiscalYearRange(fiscalYear: number): DateRange {
  assertFiscalYear(fiscalYear);
  const endYearCe = fiscalYear - BE_OFFSET;
  return { start: isoDate(endYearCe - 1, 10, 1), end: isoDate(endYearCe, 9, 30) };
}

/** Stable code of a registration round: (2561, 1) → '2561-Q1'. */
export function roundCode(fiscalYear: number, quarter: Quarter): string {
  assertFiscalYear(fiscalYear);
  assertQuarter(quarter);
  return `${fiscalYear}-Q${quarter}`;
}

/** Smallest and largest BE fiscal year a round code may name; anything else is most likely a CE year or a typo. */
export const MIN_ROUND_FISCAL_YEAR = 2500;
export const MAX_ROUND_FISCAL_YEAR = 2700;

/** Parses '2561-Q1' (also 'q1', Thai digits, spaces around '-'); null when not a round code. */
export function parseRoundCode(code: string): FiscalQuarter | null {
  const m = /^(\d{4})\s*-\s*[Qq]([1-4])$/.exec(toAsciiDigits(code).trim());
  if (!m) return null;
  const fiscalYear = Number(m[1]);
  if (fiscalYear < MIN_ROUND_FISCAL_YEAR || fiscalYear > MAX_ROUND_FISCAL_YEAR) return null;
  return { fiscalYear, quarter: Number(m[2]) as Quarter };
}
