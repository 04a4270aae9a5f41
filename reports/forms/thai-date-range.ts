import { THAI_MONTHS, THAI_MONTHS_SHORT } from '../../domain/thai-date.ts';
import type { FormText } from './form-text.ts';

/**
 * A date window as the letter's plan writes it: one day '๓๐ กันยายน ๒๕๖๐', one month
 * '๑๙ - ๒๕ กันยายน ๒๕๖๐', one year '๒๘ สิงหาคม - ๑๘ กันยายน ๒๕๖๐', else both years.
 */
export function thaiDateRange(start: string, end: string, t: FormText, month: 'long' | 'short' = 'long'): string {
  if (start === end) return t.date(start, month);
  const names = month === 'short' ? THAI_MONTHS_SHORT : THAI_MONTHS;
  const [sy, sm, sd] = start.split('-').map(Number) as [number, number, number];
  const [ey, em] = end.split('-').map(Number) as [number, number];
  if (sy !== ey) return `${t.date(start, month)} - ${t.date(end, month)}`;
  if (sm !== em) return `${t.d(sd)} ${names[sm - 1]} - ${t.date(end, month)}`;
  return `${t.d(sd)} - ${t.date(end, month)}`;
}
