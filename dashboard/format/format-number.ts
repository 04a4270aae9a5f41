import { applyDigits } from './apply-digits.ts';
import type { DisplayLocale } from './display-locale.ts';

// Thai and English both group thousands with a comma; the th-TH locale is the one the users
// read, and the same formatter serves English so figures line up across the switch. Digits
// are written by the screen's style afterwards (Intl's 'thai' numbering system would do the
// same, but one conversion for numbers, dates and messages keeps them alike).
const INTEGER = new Intl.NumberFormat('th-TH', { maximumFractionDigits: 0 });
const PERCENT = new Intl.NumberFormat('th-TH', { style: 'percent', maximumFractionDigits: 1 });

/** 12345 → '12,345' (or '๑๒,๓๔๕' in Thai digits). */
export function formatNumber(n: number, locale: DisplayLocale): string {
  return applyDigits(INTEGER.format(n), locale.digits);
}

/** 0.4567 → '45.7%' (or '๔๕.๗%'); null → '–'. */
export function formatPercent(ratio: number | null, locale: DisplayLocale): string {
  return ratio === null || !Number.isFinite(ratio) ? '–' : applyDigits(PERCENT.format(ratio), locale.digits);
}
