import { readFileSync } from 'node:fs';
import { create, type Font } from 'fontkit';
import { fontVariant, sarabunFontFiles, type FontVariant } from './pdf-fonts.ts';

/** The style properties that change how wide a run of text is. */
export interface MeasureStyle {
  fontSize: number;
  bold?: boolean;
  italics?: boolean;
  /** pdfmake's `characterSpacing`: added between UTF-16 code units, like pdfmake does. */
  characterSpacing?: number;
  /** pdfmake's `fontFeatures` (OpenType feature tags). */
  fontFeatures?: readonly string[] | null;
}

/** Vertical metrics per 1000 units of em, the scale pdfkit reports them in. */
export interface VerticalMetrics {
  ascender: number;
  descender: number;
}

export interface SarabunMetrics {
  /** Width in points, bit-for-bit what pdfmake will compute for the same inline. */
  textWidth(text: string, style: MeasureStyle): number;
  verticalMetrics(bold: boolean, italics: boolean): VerticalMetrics;
  /** Whether Sarabun has a glyph for the code point (else pdfkit would print a box). */
  hasGlyph(codePoint: number, bold: boolean, italics: boolean): boolean;
}

// Parsed fonts are read-only resources, so one cache per process is safe. They are separate
// fontkit objects from the ones pdfkit opens per document: fontkit remembers the code points a
// glyph was first produced from, and pdfkit builds ToUnicode from that memory, so measuring
// must never share a font object with rendering.
const fonts = new Map<FontVariant, Font>();
const chunkAdvance = new Map<string, number>();
const CHUNK_CACHE_LIMIT = 100_000;

function font(variant: FontVariant): Font {
  let f = fonts.get(variant);
  if (!f) {
    f = create(readFileSync(sarabunFontFiles[variant]));
    fonts.set(variant, f);
  }
  return f;
}

function advanceOf(variant: FontVariant, f: Font, chunk: string): number {
  const key = `${variant}\u0000${chunk}`;
  let adv = chunkAdvance.get(key);
  if (adv === undefined) {
    adv = (f.layout(chunk).advanceWidth * 1000) / f.unitsPerEm;
    if (chunkAdvance.size >= CHUNK_CACHE_LIMIT) chunkAdvance.clear();
    chunkAdvance.set(key, adv);
  }
  return adv;
}

/**
 * pdfkit's EmbeddedFont.layout(): without features it shapes the text in chunks that each end
 * after a space or tab and adds their advances (so no kerning across a space); with features it
 * shapes the whole string at once. Reproducing it (order of additions included) is what makes
 * our pre-broken lines fit in pdfmake to the last bit; tests compare against pdfkit itself.
 */
function advance1000(text: string, variant: FontVariant, features: readonly string[] | null | undefined): number {
  const f = font(variant);
  if (features) return (f.layout(text, [...features]).advanceWidth * 1000) / f.unitsPerEm;
  let total = 0;
  let last = 0;
  let index = 0;
  while (index <= text.length) {
    if ((index === text.length && last < index) || text.charAt(index) === ' ' || text.charAt(index) === '\t') {
      total += advanceOf(variant, f, text.slice(last, ++index));
      last = index;
    } else {
      index++;
    }
  }
  return total;
}

export const sarabunMetrics: SarabunMetrics = {
  textWidth(text, style) {
    const variant = fontVariant(style.bold ?? false, style.italics ?? false);
    // Same operations in the same order as pdfkit (advance * (size / 1000)) and pdfmake
    // (+ characterSpacing * (length - 1)): equal inputs give bit-equal widths.
    const width = advance1000(text, variant, style.fontFeatures) * (style.fontSize / 1000);
    return width + (style.characterSpacing ?? 0) * (text.length - 1);
  },
  verticalMetrics(bold, italics) {
    const f = font(fontVariant(bold, italics));
    const scale = 1000 / f.unitsPerEm;
    return { ascender: f.ascent * scale, descender: f.descent * scale };
  },
  hasGlyph(codePoint, bold, italics) {
    return font(fontVariant(bold, italics)).hasGlyphForCodePoint(codePoint);
  },
};
