// Widths of Sarabun glyphs in em, rounded up from the font's advance widths (bold is the
// wider face): Thai digits are much wider than ASCII ones (๗ is 0.79 em, 7 is 0.57 em).
const EM: Readonly<Record<string, number>> = { ',': 0.3, '+': 0.62, '-': 0.35, '.': 0.3 };
const THAI_DIGIT_EM = 0.8;
const ASCII_DIGIT_EM = 0.57;

/**
 * Points a column needs so that none of `texts` (numbers as printed: '๒๐๙,๐๐๐', '+๑๒') has to
 * wrap, at `fontSize`, never less than `min`. A number must never break inside, and a pure
 * builder cannot measure, so this errs a little wide.
 */
export function numberColumnWidth(texts: Iterable<string>, fontSize: number, min = 0): number {
  let widest = 0;
  for (const text of texts) {
    let em = 0;
    for (const ch of text) em += EM[ch] ?? (/[\u0E50-\u0E59]/u.test(ch) ? THAI_DIGIT_EM : ASCII_DIGIT_EM);
    widest = Math.max(widest, em);
  }
  return Math.max(min, Math.ceil(widest * fontSize + 1));
}
