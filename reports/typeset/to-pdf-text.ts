// Text exactly as it must reach pdfkit for Thai to render AND copy out correctly.
//
// SARA AM (ำ, U+0E33) goes through as it is: the text-layer font (text-layer-font.ts) gives
// the two glyphs Sarabun draws it with a ToUnicode entry that reads back as ำ.

// Zero-width and format characters Sarabun has no glyph for: pdfkit would draw .notdef (a
// box) because fontkit's "hide default ignorables" looks at code points the .notdef glyph no
// longer carries. U+200B and U+00AD are honoured as break hints by the line breaker before
// they are dropped here.
const NO_GLYPH_FORMAT_CHARS = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** The string to hand to pdfmake/pdfkit for `text`; pure, idempotent. */
export function toPdfText(text: string): string {
  return text.replace(NO_GLYPH_FORMAT_CHARS, '');
}
