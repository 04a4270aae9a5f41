// Font bytes that pdfkit opens as Sarabun with a text layer PDF readers can put back in order.
//
// pdfkit gives us no say in how it shapes text: it opens the font bytes it is handed with
// fontkit's create() and calls font.layout(). fontkit's public registerFormat() is the one seam
// there is: a format whose probe() recognises our own marker in front of the TTF bytes opens
// them as the ordinary TrueType font and only wraps layout(). Bytes without the marker — any
// other font in the process — never reach this format, so nothing else changes behaviour.
//
// The wrapped layout changes what the text layer says about Thai marks, not what is drawn:
//  1. orderMarksForExtraction() nudges marks that sit on top of each other or on the next
//     consonant into reading order (see there why and by how little).
//  2. A zero-advance tone-class mark gets a PDF glyph width (/W) of 0.08 em instead of 0. pdfkit
//     writes /W from the glyph's advanceWidth and undoes the same amount in the TJ array, so
//     the pen still does not move. What changes is the box extractors see: with width 0 a tone
//     mark pushed left over a tall consonant (ป่ ปั้น ฝั่ง, 0.14–0.18 em left of the pen) ends its
//     word that far before the next consonant, and pdftotext inserts a space: "ปั้ น".
//  3. SARA AM (ำ) reads back as ำ. Sarabun's ccmp decomposes it into NIKHAHIT (or a NIKHAHIT +
//     tone-mark ligature) and SARA AA, the very glyph a real า uses. pdfkit gives each glyph id
//     ONE ToUnicode entry, taken from the code points fontkit cached for the glyph the first
//     time it was made — so either every ำ copies out as ํา / ำา, or every า of the page is lost.
//     The pair is drawn with two alias glyph ids instead (the same outlines, copied once more
//     into the subset): the mark says nothing (or its tone mark), the vowel says ำ. Extractors
//     order the pair by x, the mark over the consonant first, so "ต่ำ" reads ต ่ ำ.
import { createRequire } from 'node:module';
import { orderMarksForExtraction, type GlyphPosition } from './order-marks-for-extraction.ts';

interface Glyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
}

interface GlyphRun {
  glyphs: Glyph[];
  positions: GlyphPosition[];
}

interface Subset {
  glyphs: number[];
  mapping: Record<number, number>;
  includeGlyph(glyph: number | { id: number }): number;
}

interface FontkitFont {
  readonly unitsPerEm: number;
  layout(text: string, ...rest: unknown[]): GlyphRun;
  glyphForCodePoint(codePoint: number): Glyph;
  createSubset(): Subset;
}

interface FontkitModule {
  create(buffer: Uint8Array, postscriptName?: string): FontkitFont;
  registerFormat(format: unknown): void;
}

// fontkit exactly as pdfkit requires it (its CommonJS build): formats live in that instance.
const fontkit = createRequire(import.meta.url)('fontkit') as FontkitModule;

const MARKER = new TextEncoder().encode('OTOP-text-layer\0');
// Measured with poppler 22.12 on every consonant × vowel × tone mark at 10 and 14 pt, regular
// and bold (2,258 words each): with 0.08 em pdftotext -raw splits none of them (with 0: 45 in
// regular, 105 in bold), -layout splits 15 / 89 (with 0: about 300 / 370); 0.1 em starts eating
// the real space after a word that ends in a tone mark. What -layout still splits are bold
// ธุ ษุ and ป/ฝ/ฟ with a vowel and a tone mark: a space inside the word, the order stays right.
const MARK_BOX_EM = 0.08;
// Tone marks, thanthakhat, nikhahit and the like: the last marks of a cluster, the ones moved
// left over tall consonants. Vowel marks keep width 0 — a tone mark far left of a boxed vowel
// would look like a jump backwards (a new line) to pdftotext -raw.
const isBoxedMark = (cp: number): boolean => cp >= 0x0e47 && cp <= 0x0e4e;

function hasMarker(buffer: Uint8Array): boolean {
  if (buffer.length < MARKER.length) return false;
  for (let i = 0; i < MARKER.length; i++) if (buffer[i] !== MARKER[i]) return false;
  return true;
}

function withMarkBox(glyph: Glyph, width: number): Glyph {
  // Same glyph (id, code points, outline) as far as pdfkit is concerned, wider box in /W.
  return Object.create(glyph, { advanceWidth: { value: width, enumerable: true } }) as Glyph;
}

const SARA_AA = 0x0e32;
const SARA_AM = 0x0e33;
const NIKHAHIT = 0x0e4d;
const isToneMark = (cp: number): boolean => cp >= 0x0e48 && cp <= 0x0e4b;
// Alias glyph ids live above the 16-bit glyph id range, so they never meet a real one.
const ALIAS_BASE = 0x10000;
// ำ, or a NIKHAHIT typed as such (with its tone mark, if any, and the SARA AA after it): what a
// nikhahit + sara aa glyph pair can come from, in text order.
const NIKHAHIT_SOURCES = /([\u0E48-\u0E4B]?)\u0E33|\u0E4D/g;

function alias(glyph: Glyph, kind: number, codePoints: readonly number[], advanceWidth = glyph.advanceWidth): Glyph {
  return Object.create(glyph, {
    id: { value: glyph.id + kind * ALIAS_BASE, enumerable: true },
    codePoints: { value: codePoints, enumerable: true },
    advanceWidth: { value: advanceWidth, enumerable: true },
  }) as Glyph;
}

/** Gives the glyphs of every decomposed ำ their own ids and code points (see 3. above). */
function restoreSaraAm(text: string, glyphs: Glyph[], saraAaId: number, markBox: number): Glyph[] {
  const sources = [...text.matchAll(NIKHAHIT_SOURCES)];
  const out = glyphs.slice();
  let next = 0;
  for (let i = 0; sources.length > 0 && i + 1 < out.length; i++) {
    const mark = out[i] as Glyph;
    const vowel = out[i + 1] as Glyph;
    if (mark.advanceWidth !== 0 || vowel.id !== saraAaId) continue;
    if (!mark.codePoints.some((cp) => cp === SARA_AM || cp === NIKHAHIT)) continue;
    const source = sources[next++];
    if (source === undefined) break;
    if (source[0].includes('\u0E4D')) continue; // a typed nikhahit: its own glyphs say so
    const tone = [...(source[1] ?? '')].map((c) => c.codePointAt(0) as number).filter(isToneMark);
    out[i] = alias(mark, 1, tone, tone.length > 0 ? markBox : 0);
    out[i + 1] = alias(vowel, 2, [SARA_AM]);
    i++;
  }
  // Glyph objects are cached per id with the code points they were first made with: a real
  // SARA AA first met inside ำ would otherwise say nothing.
  return out.map((g) => (g.id === saraAaId && g.codePoints.length === 0 ? alias(g, 0, [SARA_AA]) : g));
}

/** A subset that copies an alias glyph's outline under a glyph id of its own. */
function withAliases(subset: Subset): Subset {
  const include = subset.includeGlyph.bind(subset);
  subset.includeGlyph = (glyph) => {
    const id = typeof glyph === 'object' ? glyph.id : glyph;
    if (id < ALIAS_BASE) return include(id);
    if (subset.mapping[id] === undefined) {
      subset.glyphs.push(id % ALIAS_BASE);
      subset.mapping[id] = subset.glyphs.length - 1;
    }
    return subset.mapping[id] as number;
  };
  return subset;
}

function openWithTextLayer(bytes: Uint8Array): FontkitFont {
  const font = fontkit.create(bytes);
  const layout = font.layout.bind(font);
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => withAliases(createSubset());
  const markBox = MARK_BOX_EM * font.unitsPerEm;
  const saraAaId = font.glyphForCodePoint(SARA_AA).id;
  font.layout = (text: string, ...rest: unknown[]): GlyphRun => {
    const run = layout(text, ...rest);
    run.glyphs = restoreSaraAm(text, run.glyphs, saraAaId, markBox);
    run.glyphs = run.glyphs.map((g) => (g.advanceWidth === 0 && g.codePoints.some(isBoxedMark) ? withMarkBox(g, markBox) : g));
    orderMarksForExtraction(run.positions, font.unitsPerEm, run.glyphs.map((g) => g.advanceWidth));
    return run;
  };
  return font;
}

/** fontkit format: a constructor fontkit calls with `new`, returning the wrapped font. */
function TextLayerFormat(this: unknown, stream: { buffer: Uint8Array }): FontkitFont {
  return openWithTextLayer(stream.buffer.subarray(MARKER.length));
}
TextLayerFormat.probe = (buffer: Uint8Array): boolean => hasMarker(buffer);

const REGISTERED = Symbol.for('otop-registration-monitor.text-layer-font');
const registry = fontkit as FontkitModule & { [REGISTERED]?: boolean };
if (!registry[REGISTERED]) {
  // Once per process even if this module is evaluated again (test runners re-import modules).
  fontkit.registerFormat(TextLayerFormat);
  registry[REGISTERED] = true;
}

/** TTF bytes → bytes pdfkit will open as the same font, with the text layer described above. */
export function textLayerFont(ttf: Uint8Array): Buffer {
  return Buffer.concat([MARKER, ttf]);
}
