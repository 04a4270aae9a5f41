import { toAsciiDigits } from './thai-digits.ts';

/** What normalisation changed, so the user can be told (one entry per kind). */
export type TextChange = 'nfc' | 'thai-digits' | 'zero-width' | 'whitespace' | 'double-sara-e' | 'split-sara-am';

export type NormalizedText = { value: string; changes: TextChange[] };

/** Order in which `changes` are listed (stable, independent of input). */
export const TEXT_CHANGES: readonly TextChange[] = [
  'nfc',
  'thai-digits',
  'zero-width',
  'whitespace',
  'double-sara-e',
  'split-sara-am',
];

// Zero-width characters, soft hyphen and bidi controls: invisible, but they make two
// names that look identical compare unequal. U+2066–U+2069 (bidi isolates) are bidi controls
// too, so they go with U+202A–U+202E.
// C0 control characters other than the whitespace ones (tab, LF, VT, FF, CR) and DEL are
// invisible too, and an ESC in a name would reach terminals and logs.
const INVISIBLE = /[\u0000-\u0008\u000E-\u001F\u007F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const THAI_DIGIT = /[\u0E50-\u0E59]/;
// Typing เ twice looks exactly like แ in most fonts.
const DOUBLE_SARA_E = /\u0E40\u0E40/g;
// Nikhahit + sara aa looks like sara am. A tone mark typed after the nikhahit (ํ ้ า) is moved
// before the vowel, where Thai spelling puts it (น้ำ = น ้ ำ).
const SPLIT_SARA_AM_TONE_INSIDE = /\u0E4D([\u0E48-\u0E4B])\u0E32/g;
const SPLIT_SARA_AM = /\u0E4D\u0E32/g;
// JS \s covers tab, newline, NBSP (U+00A0), U+1680, U+2000–U+200A, U+2028/9, U+202F, U+205F, U+3000.
const WHITESPACE_RUN = /\s+/g;

/**
 * Normalises user-typed text the same way everywhere: strips invisible characters, Thai digits
 * → ASCII, folds เเ → แ and ํา → ำ, NFC, trims and collapses whitespace.
 */
export function normalizeText(input: string): NormalizedText {
  const changed = new Set<TextChange>();
  let s = input;

  const visible = s.replace(INVISIBLE, '');
  if (visible !== s) changed.add('zero-width');
  s = visible;

  if (THAI_DIGIT.test(s)) {
    changed.add('thai-digits');
    s = toAsciiDigits(s);
  }

  const saraAe = s.replace(DOUBLE_SARA_E, '\u0E41');
  if (saraAe !== s) changed.add('double-sara-e');
  s = saraAe;

  const saraAm = s.replace(SPLIT_SARA_AM_TONE_INSIDE, '$1\u0E33').replace(SPLIT_SARA_AM, '\u0E33');
  if (saraAm !== s) changed.add('split-sara-am');
  s = saraAm;

  // NFC after the folds: folding ํ่า into ่ำ can leave the tone mark right after another
  // combining mark (a stray acute typed before the nikhahit), which NFC then reorders. The folds
  // match only characters NFC never moves, so they find the same slips either way.
  const nfc = s.normalize('NFC');
  if (nfc !== s) changed.add('nfc');
  s = nfc;

  const spaced = s.replace(WHITESPACE_RUN, ' ').trim();
  if (spaced !== s) changed.add('whitespace');
  s = spaced;

  return { value: s, changes: TEXT_CHANGES.filter((c) => changed.has(c)) };
}

/** Key for matching names: normalised, lower-cased, with all whitespace removed. */
export function normalizeKey(s: string): string {
  return normalizeText(s).value.toLowerCase().replace(/\s+/g, '');
}
