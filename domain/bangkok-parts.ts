import { isoDate } from './fiscal-year.ts';

/** Thailand is UTC+7 all year (no daylight saving), so a fixed offset is exact. */
export const BANGKOK_UTC_OFFSET_MINUTES = 7 * 60;

export type BangkokParts = { year: number; month: number; day: number; hour: number; minute: number; second: number; isoDate: string };

/** Calendar date and wall-clock time of an instant in Asia/Bangkok. Throws RangeError on an invalid Date. */
export function bangkokParts(at: Date): BangkokParts {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  const shifted = new Date(ms + BANGKOK_UTC_OFFSET_MINUTES * 60_000);
  const year = shifted.getUTCFullYear();
  const month = shifted.getUTCMonth() + 1;
  const day = shifted.getUTCDate();
  return {
    year,
    month,
    day,
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    isoDate: isoDate(year, month, day),
  };
}
