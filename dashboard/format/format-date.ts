import { formatThaiDate, formatThaiDateTime } from '../../domain/thai-date.ts';
import { bangkokParts } from '../../domain/bangkok-parts.ts';
import type { Lang } from '../i18n/messages.ts';

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A calendar date for the screen: Thai → '20 ธ.ค. 2560' (BE year, Thai month name, Arabic
 * digits like the rest of the figures); English → '20 Dec 2017'.
 */
export function formatDate(iso: string, lang: Lang, month: 'long' | 'short' = 'short'): string {
  if (lang === 'th') return formatThaiDate(iso, { digits: 'ascii', month });
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${EN_MONTHS[m - 1]} ${y}`;
}

/** An instant in Bangkok time: '20 ธ.ค. 2560 เวลา 14.05 น.' / '20 Dec 2017 14:05'. */
export function formatDateTime(at: string | Date, lang: Lang): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return '–';
  if (lang === 'th') return formatThaiDateTime(date, { digits: 'ascii', month: 'short' });
  const p = bangkokParts(date);
  return `${p.day} ${EN_MONTHS[p.month - 1]} ${p.year} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** A date range: '1 ต.ค. – 20 ธ.ค. 2560' keeps both ends whole for clarity. */
export function formatDateRange(start: string, end: string, lang: Lang): string {
  return start === end ? formatDate(start, lang) : `${formatDate(start, lang)} – ${formatDate(end, lang)}`;
}
