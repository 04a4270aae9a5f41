// Text exactly as it must reach pdfkit for Thai to render AND copy out correctly.
//
// SARA AM (ำ, U+0E33): Sarabun's `ccmp` feature decomposes it into two glyphs, NIKHAHIT (ํ) and
// SARA AA (า) — or, after a tone mark, a NIKHAHIT+tone ligature followed by SARA AA. pdfkit
// writes each glyph's ToUnicode entry from the code points fontkit remembers for that glyph,
// and for glyphs born from a decomposition those are ำ for the first and NOTHING for the
// second. Copy-paste then gives ตำาบล, or loses every า of the page (ต มหนังสือ). Feeding the
// canonical decomposition that NFKC gives (ํ + า) yields the very same glyphs, each reached
// through the cmap with its own code point, so the text layer reads back as NFKC(source).
const SARA_AM = /\u0E33/g;
const NIKHAHIT_SARA_AA = '\u0E4D\u0E32';

// Zero-width and format characters Sarabun has no glyph for: pdfkit would draw .notdef (a
// box) because fontkit's "hide default ignorables" looks at code points the .notdef glyph no
// longer carries. U+200B and U+00AD are honoured as break hints by the line breaker before
// they are dropped here.
const NO_GLYPH_FORMAT_CHARS = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** The string to hand to pdfmake/pdfkit for `text`; pure, idempotent. */
export function toPdfText(text: string): string {
  return text.replace(NO_GLYPH_FORMAT_CHARS, '').replace(SARA_AM, NIKHAHIT_SARA_AA);
}
