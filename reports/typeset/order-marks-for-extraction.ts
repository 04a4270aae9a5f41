// Keeps Thai marks in reading order for PDF text extractors that rebuild text from positions.
//
// A Thai vowel or tone mark is a zero-advance glyph; Sarabun's GPOS puts its origin at the end
// of its consonant, give or take a few font units, so it shares its x with the next mark and
// with the next consonant. Poppler (pdftotext, evince, okular) makes glyphs within 0.1 em of
// each other separate "overlapping" words and orders those by x; when a mark is even 1/1000 em
// right of the next consonant (bold ผู้ has its tone mark at +1, bold ที่ its marks at +9, ญี่
// has ่ one unit left of ี) the text comes out as ผูผ / ้ลิต, ญ่ีป, บุง่ — or with a tone mark
// opening a line. pdftotext -raw, for its part, starts a new line wherever a glyph lies more
// than 0.2 em left of the end of the previous one, which the tone mark of ปื่น (0.205 em left
// of its vowel) does.
//
// The remedy moves marks by what a reader cannot see, and only that far: near-ties are made
// strictly increasing by 0.0005 em steps, and a jump back past 0.2 em is closed when that
// takes at most 0.05 em (half on each side). Marks further apart are left alone: poppler
// keeps those in stream order already, and moving them would show.

/** The part of a fontkit glyph position this needs (font units). */
export interface GlyphPosition {
  xAdvance: number;
  xOffset: number;
}

// Poppler's dupMaxPriDelta and minDupBreakOverlap, in em.
const OVERLAP_WINDOW_EM = 0.1;
const JUMP_BACK_LIMIT_EM = 0.2;
// Distances kept from those thresholds, and the largest repair of a jump back.
const STEP_EM = 0.0005;
const JUMP_MARGIN_EM = 0.005;
const MAX_JUMP_REPAIR_EM = 0.05;

/**
 * Adjusts `positions` in place (font units, `unitsPerEm` per em). `boxes[i]` is the width the
 * text layer gives glyph i (its /W entry), which is where an extractor thinks it ends. Every
 * run of zero-advance glyphs after a glyph with an advance gets origins that increase strictly
 * in glyph order and stay left of the next glyph, where the nudge needed is within the overlap
 * window, and no mark starts more than 0.2 em left of where the previous glyph ends, where the
 * repair is small.
 */
export function orderMarksForExtraction(positions: GlyphPosition[], unitsPerEm: number, boxes: readonly number[] = []): void {
  const window = OVERLAP_WINDOW_EM * unitsPerEm;
  const step = STEP_EM * unitsPerEm;
  const jumpLimit = (JUMP_BACK_LIMIT_EM - JUMP_MARGIN_EM) * unitsPerEm;
  const maxRepair = MAX_JUMP_REPAIR_EM * unitsPerEm;
  let i = 1; // a mark needs a glyph before it
  while (i < positions.length) {
    if ((positions[i] as GlyphPosition).xAdvance !== 0 || (positions[i - 1] as GlyphPosition).xAdvance === 0) {
      i++;
      continue;
    }
    let end = i; // marks i..end share one pen position (they advance nothing)
    while (end + 1 < positions.length && (positions[end + 1] as GlyphPosition).xAdvance === 0) end++;
    const marks = positions.slice(i, end + 1);

    // Jumps back: the first mark against the end of its consonant (the pen, offset 0), each
    // further mark against the end of the previous mark's box.
    marks.forEach((p, k) => {
      const prev = k === 0 ? undefined : marks[k - 1];
      const prevEnd = prev ? prev.xOffset + (boxes[i + k - 1] ?? 0) : 0;
      const excess = prevEnd - p.xOffset - jumpLimit;
      if (excess <= 0 || excess > maxRepair) return;
      if (prev) {
        prev.xOffset -= excess / 2;
        p.xOffset += excess / 2;
      } else {
        p.xOffset += excess;
      }
    });

    // Near-ties, from the last mark back: each must start left of what follows it.
    let next = 0; // the next glyph starts at the pen
    for (let k = marks.length - 1; k >= 0; k--) {
      const p = marks[k] as GlyphPosition;
      if (p.xOffset > next - step && p.xOffset - next < window) p.xOffset = next - step;
      next = p.xOffset;
    }
    i = end + 1;
  }
}
