import { labelKey } from './label-key.ts';
import { normalizeText } from './normalize-text.ts';

export type StandardCode = 'fda' | 'mophor' | 'tis' | 'gmp' | 'haccp' | 'q-mark' | 'gap' | 'organic' | 'halal';
export type ProductStandard = { code: StandardCode; th: string; en: string };

export const PRODUCT_STANDARDS: readonly ProductStandard[] = [
  { code: 'fda', th: 'อย.', en: 'Thai FDA' },
  { code: 'mophor', th: 'มผช.', en: 'Thai Community Product Standard' },
  { code: 'tis', th: 'มอก.', en: 'Thai Industrial Standard' },
  { code: 'gmp', th: 'GMP', en: 'GMP' },
  { code: 'haccp', th: 'HACCP', en: 'HACCP' },
  { code: 'q-mark', th: 'เครื่องหมาย Q', en: 'Q mark' },
  { code: 'gap', th: 'GAP', en: 'GAP' },
  { code: 'organic', th: 'เกษตรอินทรีย์', en: 'Organic' },
  { code: 'halal', th: 'ฮาลาล', en: 'Halal' },
];

/** A standard's name in the reader's language; a code that names no standard comes back as it is. */
export function standardLabel(code: string, lang: 'th' | 'en'): string {
  const standard = PRODUCT_STANDARDS.find((s) => s.code === code);
  return standard ? standard[lang] : code;
}

export const STANDARD_ALIASES: Record<StandardCode, readonly string[]> = {
  fda: ['FDA', 'อย'],
  mophor: ['มผช', 'TCPS', 'mophor'],
  tis: ['มอก', 'TIS'],
  gmp: [],
  haccp: [],
  'q-mark': ['Q', 'เครื่องหมายคิว', 'Qmark'],
  gap: [],
  organic: ['อินทรีย์', 'organic thailand'],
  halal: [],
};

const BY_KEY: ReadonlyMap<string, StandardCode> = new Map(
  PRODUCT_STANDARDS.flatMap((s) =>
    [s.code, s.th, s.en, ...STANDARD_ALIASES[s.code]].map((label) => [labelKey(label), s.code] as const),
  ),
);
// Longest known token, in words: bounds the look-ahead when joining space-separated words.
const MAX_WORDS = Math.max(
  ...PRODUCT_STANDARDS.flatMap((s) => [s.th, s.en, ...STANDARD_ALIASES[s.code]].map((l) => l.split(/\s+/).length)),
);

export type ParsedStandards = { codes: StandardCode[]; unknown: string[] };

// A word written without spaces between tokens ('อย.มผช.', 'GMP+HACCP' after punctuation is
// dropped): accept it only if it splits entirely into known tokens.
function splitGlued(key: string): StandardCode[] | null {
  const best: (StandardCode[] | null)[] = [[]];
  for (let end = 1; end <= key.length; end++) {
    best[end] = null;
    for (let start = end - 1; start >= 0 && best[end] === null; start--) {
      const before = best[start];
      const code = BY_KEY.get(key.slice(start, end));
      if (before && code) best[end] = [...before, code];
    }
  }
  return best[key.length] ?? null;
}

// Longest run of words starting at i that names a standard; returns how many words it used.
function matchAt(words: readonly string[], i: number, add: (code: StandardCode) => void): number {
  for (let n = Math.min(MAX_WORDS, words.length - i); n >= 1; n--) {
    const code = BY_KEY.get(labelKey(words.slice(i, i + n).join(' ')));
    if (code) {
      add(code);
      return n;
    }
  }
  return 0;
}

/**
 * Reads a free-text standards cell: tokens separated by ',', ';', '/', '|', '+', '&', new lines or
 * spaces, in Thai or English ('อย., มผช. / GMP', 'เครื่องหมาย Q ฮาลาล'). Codes come back once each,
 * in the order first seen; words that are no known standard come back in `unknown`, adjacent
 * unknown words joined by one space.
 */
export function parseStandards(text: string): ParsedStandards {
  const codes: StandardCode[] = [];
  const unknown: string[] = [];
  const add = (code: StandardCode) => {
    if (!codes.includes(code)) codes.push(code);
  };
  for (const segment of text.split(/[,;/|+&\n\r\u3001]/)) {
    const words = segment.split(/\s+/).filter((w) => labelKey(w) !== '');
    let pending: string[] = [];
    const flush = () => {
      if (pending.length > 0) unknown.push(normalizeText(pending.join(' ')).value);
      pending = [];
    };
    let i = 0;
    while (i < words.length) {
      const n = matchAt(words, i, add);
      if (n > 0) {
        flush();
        i += n;
        continue;
      }
      const word = words[i] as string;
      const glued = splitGlued(labelKey(word));
      if (glued && glued.length > 0) {
        flush();
        glued.forEach(add);
      } else {
        pending.push(word);
      }
      i += 1;
    }
    flush();
  }
  return { codes, unknown };
}
