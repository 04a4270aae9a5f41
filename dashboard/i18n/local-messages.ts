import { applyDigits } from '../format/apply-digits.ts';
import type { DisplayLocale } from '../format/display-locale.ts';
import { messages, type Messages } from './messages.ts';

// Private-use characters stand in for string arguments while a message's own digits are
// converted; they never occur in our text.
const HOLE = 0xe000;

/**
 * The message table of a locale with every digit of its own words in the screen's style
 * ('สิ่งที่ส่งมาด้วย ๓' becomes '… 3' under Arabic digits, 'ไตรมาส 1' becomes 'ไตรมาส ๑'
 * under Thai). Number arguments are converted with the words; string arguments are shown as
 * passed: figures arrive already formatted in the style (dashboard/format), and names,
 * reasons and codes (an activation code to be typed back) stay as typed.
 */
export function localMessages(locale: DisplayLocale): Messages {
  return styleMessages(messages(locale.lang), locale);
}

/** Any table of words (a component's own, the live line's) in the screen's digit style, as above. */
export function styleMessages<T>(table: T, locale: DisplayLocale): T {
  return inStyle(table, locale) as T;
}

function inStyle(v: unknown, locale: DisplayLocale): unknown {
  if (typeof v === 'string') return applyDigits(v, locale.digits);
  if (typeof v === 'function') return styledFunction(v as (...args: unknown[]) => unknown, locale);
  if (Array.isArray(v)) return v.map((x) => inStyle(x, locale));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, inStyle(x, locale)]));
  return v;
}

function styledFunction(fn: (...args: unknown[]) => unknown, locale: DisplayLocale) {
  return (...args: unknown[]) => {
    const held: string[] = [];
    // An empty string stays itself: a message may test it (`quarter ? ' (…)' : ''`).
    const stand = args.map((a) => (typeof a === 'string' && a !== '' ? String.fromCharCode(HOLE + held.push(a) - 1) : a));
    const out = fn(...stand);
    if (typeof out !== 'string') return out;
    return applyDigits(out, locale.digits).replace(/[\uE000-\uE0FF]/g, (c) => held[c.charCodeAt(0) - HOLE] ?? '');
  };
}
