import { bangkokParts } from './bangkok-parts.ts';
import { daysInclusive, isValidIsoDate } from './fiscal-year.ts';

// Plan windows are whole Bangkok calendar days: a window ending 2017-12-20 is open until
// 23:59:59.999 Bangkok time (16:59:59.999Z) and closed from 00:00 on the 21st (17:00Z).

export type Timeliness = 'early' | 'on-time' | 'late';

/** ISO calendar date of an instant in Asia/Bangkok (UTC+7). */
export function bangkokDate(at: Date): string {
  return bangkokParts(at).isoDate;
}

function assertDate(iso: string, what: string): void {
  if (!isValidIsoDate(iso)) throw new RangeError(`${what} is not a valid ISO date: ${JSON.stringify(iso)}`);
}

/** Whether an instant falls before, within or after a window of Bangkok calendar days. */
export function isWithinWindow(at: Date, window: { startDate: string; endDate: string }): Timeliness {
  assertDate(window.startDate, 'startDate');
  assertDate(window.endDate, 'endDate');
  const day = bangkokDate(at);
  if (day < window.startDate) return 'early';
  if (day > window.endDate) return 'late';
  return 'on-time';
}

/** Whole days left after today (Bangkok) until endDate: 0 on the last day, −1 the day after. */
export function daysLeft(now: Date, endDate: string): number {
  assertDate(endDate, 'endDate');
  return daysInclusive(bangkokDate(now), endDate) - 1;
}
