import { formatThaiDate, formatThaiDateTime } from '../../domain/thai-date.ts';
import { bangkokParts } from '../../domain/bangkok-parts.ts';
import { applyDigits } from './apply-digits.ts';
import type { DisplayLocale } from './display-locale.ts';

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const thaiDigits = (locale: DisplayLocale) => (locale.digits === 'thai' ? 'thai' : 'ascii');

/**
 * A calendar date for the screen: Thai → '20 ธ.ค. 2560' or '๒๐ ธ.ค. ๒๕๖๐' (BE year, Thai
 * month name, the screen's digits); English → '20 Dec 2017'.
 */
export function formatDate(iso: string, locale: DisplayLocale, month: 'long' | 'short' = 'short'): string {
  if (locale.lang === 'th') return formatThaiDate(iso, { digits: thaiDigits(locale), month });
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return applyDigits(`${d} ${EN_MONTHS[m - 1]} ${y}`, locale.digits);
}

/** An instant in Bangkok time: '20 ธ.ค. 2560 เวลา 14.05 น.' / '20 Dec 2017 14:05'. */
export function formatDateTime(at: string | Date, locale: DisplayLocale): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return '–';
  if (locale.lang === 'th') return formatThaiDateTime(date, { digits: thaiDigits(locale), month: 'short' });
  return `${formatDate(bangkokParts(date).isoDate, locale)} ${formatClock(date, locale)}`;
}

/** Bangkok wall-clock time: '14.05' in Thai (as in 'เวลา 14.05 น.'), '14:05' in English. */
export function formatClock(at: Date, locale: DisplayLocale): string {
  const p = bangkokParts(at);
  const hh = String(p.hour).padStart(2, '0');
  const mm = String(p.minute).padStart(2, '0');
  return applyDigits(locale.lang === 'th' ? `${hh}.${mm}` : `${hh}:${mm}`, locale.digits);
}

/** A date range: '1 ต.ค. – 20 ธ.ค. 2560' keeps both ends whole for clarity. */
export function formatDateRange(start: string, end: string, locale: DisplayLocale): string {
  return start === end ? formatDate(start, locale) : `${formatDate(start, locale)} – ${formatDate(end, locale)}`;
}

