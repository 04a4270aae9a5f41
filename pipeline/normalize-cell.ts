import { normalizeText, type NormalizedText } from '../domain/normalize-text.ts';

// Text that normalizeText provably leaves as it is: printable ASCII and Thai letters, vowels
// and tone marks (no Thai digits, no nikhahit, no invisible characters), words separated by
// single spaces, nothing at either end. Thai has no canonical compositions, so NFC can only
// reorder combining marks, which the second pattern rules out (a tone mark or phinthu before
// a mark of lower combining class), as it rules out the เเ slip.
const PLAIN = /^[\x21-\x7E\u0E01-\u0E3A\u0E3F-\u0E4C\u0E4F]+(?: [\x21-\x7E\u0E01-\u0E3A\u0E3F-\u0E4C\u0E4F]+)*$/;
const NEEDS_WORK = /\u0E40\u0E40|[\u0E48-\u0E4B][\u0E38-\u0E3A]|[\u0E38\u0E39]\u0E3A/;
const UNCHANGED: readonly never[] = [];

/** True when normalizeText would return `input` unchanged (checked without allocating). */
export function isPlainCell(input: string): boolean {
  return input === '' || (PLAIN.test(input) && !NEEDS_WORK.test(input));
}

/**
 * normalizeText with a fast path for the great majority of cells, which need nothing: the
 * national file has three million cells, and the full normalisation of each costs more than
 * loading them into Postgres. Same result as normalizeText for every input (tested).
 */
export function normalizeCell(input: string): NormalizedText {
  if (isPlainCell(input)) return { value: input, changes: UNCHANGED as never[] };
  return normalizeText(input);
}
