// Phrases a Thai reader takes as one unit, found in a text so the line breaker keeps them whole.
//
// ICU's Thai dictionary is finer than a reader's words: it splits place names (บ้านบึง|กาฬ),
// labels (เครื่องแต่ง|กาย) and compounds (ผู้|ผลิต), and UAX #14 breaks a date between its month
// and its year. Spans found here mark where a break costs more: inside one span a line breaks
// only when the span alone is wider than its cell, inside two nested spans only when the inner
// one is, and so on (thai-line-break.ts).
import { THAI_KEEP_WHOLE } from '../../domain/thai-compounds.ts';
import { THAI_MONTHS, THAI_MONTHS_SHORT } from '../../domain/thai-date.ts';

/** A lookup of known phrases, built once per document (thaiPhrases). */
export interface ThaiPhrases {
  /**
   * Phrases by their first two UTF-16 units: the lengths they come in and the phrases. A text
   * is looked up by length, not phrase by phrase — 'บ้าน' opens thousands of village names.
   */
  readonly byPrefix: ReadonlyMap<string, { readonly lengths: readonly number[]; readonly phrases: ReadonlySet<string> }>;
}

/** A phrase found in a text: [start, end) in UTF-16 units. */
export interface PhraseSpan {
  start: number;
  end: number;
}

// Villages are named after their place: บ้าน + a subdistrict's name is a village's name.
const VILLAGE = 'บ้าน';
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MONTH = [...THAI_MONTHS, ...THAI_MONTHS_SHORT].map(escape).join('|');
const DIGIT = '[0-9\u0E50-\u0E59]';
// A date is one unit: '๑๘ กันยายน ๒๕๖๐', 'ธ.ค. ๒๕๖๙', 'กันยายน พ.ศ. ๒๕๖๐'; so are a year or a
// quarter with its number ('พ.ศ. ๒๕๖๑', 'ปีงบประมาณ ๒๕๖๑', 'ไตรมาส ๑') and a time ('๑๗.๓๐ น.').
const UNITS = new RegExp(
  [
    `(?:${DIGIT}{1,2} )?(?:${MONTH}) (?:พ\\.ศ\\. )?${DIGIT}{4}`,
    `(?:พ\\.ศ\\.|ค\\.ศ\\.|ปีงบประมาณ|ไตรมาส|ปี) ${DIGIT}{1,4}`,
    `${DIGIT}{1,2}[.:]${DIGIT}{2} น\\.`,
  ].join('|'),
  'gu',
);

/** The lookup for the domain's phrases (domain/thai-compounds.ts) plus `known` (place names). */
export function thaiPhrases(known: Iterable<string> = []): ThaiPhrases {
  const all = new Set<string>();
  const add = (s: string) => {
    const p = s.normalize('NFC').trim();
    if (p.length >= 2) all.add(p);
  };
  for (const p of THAI_KEEP_WHOLE) add(p);
  for (const name of known) {
    add(name);
    if (!name.startsWith(VILLAGE)) add(VILLAGE + name);
  }
  const byPrefix = new Map<string, { lengths: number[]; phrases: Set<string> }>();
  for (const p of all) {
    const key = p.slice(0, 2);
    const entry = byPrefix.get(key) ?? { lengths: [], phrases: new Set<string>() };
    entry.phrases.add(p);
    if (!entry.lengths.includes(p.length)) entry.lengths.push(p.length);
    byPrefix.set(key, entry);
  }
  return { byPrefix };
}

/** Every known phrase and date unit in `text`; spans nest and overlap (ผู้ผลิต inside ผู้ผลิตชุมชน). */
export function phraseSpans(text: string, phrases: ThaiPhrases): PhraseSpan[] {
  const spans: PhraseSpan[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    const entry = phrases.byPrefix.get(text.slice(i, i + 2));
    if (!entry) continue;
    for (const length of entry.lengths) {
      if (i + length <= text.length && entry.phrases.has(text.slice(i, i + length))) spans.push({ start: i, end: i + length });
    }
  }
  for (const m of text.matchAll(UNITS)) spans.push({ start: m.index, end: m.index + m[0].length });
  return spans;
}

/** How many spans hold position `pos` strictly inside them (0: a free break). */
export function spanDepth(spans: readonly PhraseSpan[], pos: number): number {
  let depth = 0;
  for (const s of spans) if (s.start < pos && pos < s.end) depth++;
  return depth;
}
