import { normalizeKey } from './normalize-text.ts';

// Punctuation people add or drop freely around codes and labels: 'อย.' / 'อย', 'Q-mark' /
// 'Q mark', 'Household, decorative …'. Only for looking up fixed vocabularies, not for names.
const LOOSE_PUNCTUATION = /[.,\-_/()'"’‘“”:;]/g;

/** Lookup key for a fixed vocabulary label: normalizeKey without loose punctuation. */
export function labelKey(s: string): string {
  return normalizeKey(s).replace(LOOSE_PUNCTUATION, '');
}
