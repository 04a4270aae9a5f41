import type { ContentText } from 'pdfmake/interfaces';
import { THAI_MONTHS, THAI_MONTHS_SHORT } from '../../domain/thai-date.ts';

const DIGIT = '[0-9\u0E50-\u0E59]';
const MONTH = [...THAI_MONTHS, ...THAI_MONTHS_SHORT].map((m) => m.replace(/\./g, '\\.')).join('|');
// A Buddhist-Era year with its era, a quarter with its number, a day with its month and year:
// a line break inside any of them reads as a typo ('พ.ศ.' at the end of a line, '๒๕๖๑' alone).
const UNITS = new RegExp(
  `พ\\.ศ\\. ${DIGIT}{4}|ไตรมาส ${DIGIT}|${DIGIT}{1,2} (?:${MONTH})(?: (?:พ\\.ศ\\. )?${DIGIT}{4})?|สิ่งที่ส่งมาด้วย ${DIGIT}`,
  'gu',
);

/** `text` as inlines in which years, quarters and dates are never broken across lines. */
export function keepTogether(text: string): ContentText['text'] {
  const parts: (string | { text: string; noWrap: true })[] = [];
  let at = 0;
  for (const m of text.matchAll(UNITS)) {
    const i = m.index ?? 0;
    if (i > at) parts.push(text.slice(at, i));
    parts.push({ text: m[0], noWrap: true });
    at = i + m[0].length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}
