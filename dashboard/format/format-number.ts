import type { Lang } from '../i18n/messages.ts';

// Thai and English both group thousands with a comma; the th-TH locale is the one the users
// read, and the same formatter serves English so figures line up across the switch.
const INTEGER = new Intl.NumberFormat('th-TH', { maximumFractionDigits: 0 });
const PERCENT = new Intl.NumberFormat('th-TH', { style: 'percent', maximumFractionDigits: 1 });

/** 12345 → '12,345'. */
export function formatNumber(n: number, _lang: Lang = 'th'): string {
  return INTEGER.format(n);
}

/** 0.4567 → '45.7%'; null → '–'. */
export function formatPercent(ratio: number | null, _lang: Lang = 'th'): string {
  return ratio === null || !Number.isFinite(ratio) ? '–' : PERCENT.format(ratio);
}
