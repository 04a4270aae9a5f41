// Where a line of Thai may end, and the greedy filling of lines with real Sarabun widths.
//
// Thai is written without spaces between words, and Unicode's line-breaking algorithm
// (UAX #14, which pdfmake implements through `linebreak`) gives Thai letters class SA: "break
// by dictionary" — which neither linebreak nor pdfmake does. So pdfmake sees a whole Thai
// sentence as one word and, when it does not fit, cuts it at the last UTF-16 unit that fits:
// inside words, even between a consonant and its vowel or tone mark. The opportunities here
// are UAX #14's (so Latin text, digits and punctuation break exactly where pdfmake would
// break them) plus the word boundaries of ICU's Thai dictionary (Intl.Segmenter), minus any
// that would start a line with a mark or a following vowel or end one with a leading vowel.
// Known phrases (place names, the domain's compounds and labels, dates: thai-phrases.ts) come
// first: a break inside one is taken only when the phrase alone is wider than the line, and
// then the outermost phrase gives way first. A single word longer than the line falls back to
// grapheme clusters with the same rules.
import LineBreaker from 'linebreak';
import { sarabunMetrics, type MeasureStyle } from './sarabun-metrics.ts';
import { phraseSpans, spanDepth, thaiPhrases, type ThaiPhrases } from './thai-phrases.ts';
import { toPdfText } from './to-pdf-text.ts';

/** One styled run of text, as an inline of a pdfmake text node. */
export interface MeasuredRun {
  text: string;
  style: MeasureStyle;
  /** pdfmake's `noWrap` on an inline: the run is never broken inside. */
  noWrap?: boolean;
}

/** A part of one line that comes from run `run`; `text` is ready for pdfkit (see toPdfText). */
export interface LinePiece {
  run: number;
  text: string;
}

export interface BreakOptions {
  /** pdfmake's `leadingIndent`: the first line starts this far in. */
  firstLineIndent?: number;
  /** pdfmake's `preserveLeadingSpaces`: leading spaces then count towards a line's width. */
  preserveLeadingSpaces?: boolean;
  /** Never cut inside an atom (used to find the widest one). */
  keepAtoms?: boolean;
  /** Phrases kept whole (default: the domain's compounds, labels and dates only). */
  phrases?: ThaiPhrases;
  /** Break opportunities already found, by text (one document's layout measures each text thrice). */
  cache?: BreakCache;
}

/** A memo of break opportunities for one set of phrases: create one per document. */
export type BreakCache = Map<string, readonly BreakPoint[]>;

export interface ThaiLineBreakOptions {
  fontSize: number;
  bold?: boolean;
  italics?: boolean;
  /** Available width in points. */
  width: number;
  phrases?: ThaiPhrases;
}

// Nothing may start a line that belongs to the character before it: above/below vowels and
// tone marks (ั ิ ี ึ ื ุ ู ฺ ็ ่ ้ ๊ ๋ ์ ํ ๎), following vowels (ะ า ำ ๅ), MAI YAMOK (ๆ) and
// PAIYANNOI (ฯ), and combining marks of any script. Closing punctuation too: UAX #14 never
// breaks before it, but the cluster fallback would.
const NO_LINE_START = /^[\u0E30-\u0E3A\u0E45-\u0E4E\u0E2F\p{M})\]}.,:;!?%\u00BB\u201D\u2019]/u;
// Leading vowels (เ แ โ ใ ไ) are written before the consonant they follow in speech.
const NO_LINE_END = /[\u0E40-\u0E44]$/u;
const THAI = /[\u0E00-\u0E7F]/u;
const OPENING = /^[([{\u201C\u2018]/u;
const CLOSING = /^[)\]}\u201D\u2019]$/u;
const WORDLIKE = /[\p{L}\p{N}\p{M}]/u;
// Invisible hints a builder may put in a long compound: honoured as break opportunities,
// never printed.
const BREAK_HINT = /^[\u00AD\u200B]$/u;
const LINE_TERMINATORS = /[\r\n\u000B\u000C\u0085\u2028\u2029]+$/u;
const TRAILING_SPACE = /\s+$/u;
const LEADING_SPACE = /^\s+/u;
// Widths are pdfmake's own numbers, so a line as wide as its column fits ('auto' columns are
// exactly as wide as their widest line). The tolerance only absorbs the last bits of float
// sums taken in another order (pieces trimmed before adding rather than after): at worst a
// piece of rich text then moves to the next line whole — pieces are noWrap.
const FIT_TOLERANCE = 1e-6;

const DOMAIN_PHRASES = thaiPhrases();
// Above any nesting of phrases: a noWrap run gives way only after every phrase inside it.
const NO_WRAP_LEVEL = 1000;
const wordSegmenter = new Intl.Segmenter('th', { granularity: 'word' });
const graphemeSegmenter = new Intl.Segmenter('th', { granularity: 'grapheme' });

export interface BreakPoint {
  /** The next line starts at this UTF-16 index. */
  pos: number;
  required: boolean;
  /** How many known phrases this break is inside (0: a break a reader accepts anywhere). */
  level: number;
  /**
   * Inside a word: strictly inside a known phrase that holds no other one (เครื่อง|ดื่ม), where
   * a reader sees no boundary at all. A break between the parts of a longer phrase
   * (ผู้ผลิตชุมชน|ที่เป็น|เจ้าของรายเดียว) is not: it costs more, but a reader accepts it.
   */
  inWord: boolean;
}

function codePointBefore(s: string, i: number): string {
  const cp = s.codePointAt(i - 1);
  if (cp !== undefined && i >= 2 && cp >= 0xdc00 && cp <= 0xdfff) {
    return String.fromCodePoint(s.codePointAt(i - 2) ?? cp);
  }
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

function codePointAt(s: string, i: number): string {
  const cp = s.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

function thaiWordBoundaryAllowed(s: string, pos: number): boolean {
  const before = codePointBefore(s, pos);
  const after = codePointAt(s, pos);
  if (!THAI.test(before) && !THAI.test(after)) return false; // non-Thai: UAX #14 decides
  if (WORDLIKE.test(before) && WORDLIKE.test(after)) return true;
  // Thai runs on into brackets without a space: "มือเปล่า(Manual)ไว้ก่อน" may break before
  // the opening and after the closing bracket, where UAX #14 (made for spaced text) won't.
  return (THAI.test(before) && OPENING.test(after)) || (CLOSING.test(before) && THAI.test(after));
}

type ScriptClass = 'thai' | 'latin' | 'digit' | 'other';

function scriptClass(ch: string): ScriptClass {
  if (/[0-9\u0E50-\u0E59]/u.test(ch)) return 'digit';
  if (THAI.test(ch)) return 'thai';
  if (/[\p{L}\p{M}]/u.test(ch)) return 'latin';
  return 'other';
}

// ICU keeps "การOTOPปี๒๕๖๐" as one word; a change between Thai letters and Latin letters or
// digits is a boundary a Thai typesetter would break at too.
function scriptChangeAllowed(s: string, pos: number): boolean {
  const a = scriptClass(codePointBefore(s, pos));
  const b = scriptClass(codePointAt(s, pos));
  return a !== b && a !== 'other' && b !== 'other' && (a === 'thai' || b === 'thai');
}

function lineMayBreakAt(s: string, pos: number): boolean {
  return !NO_LINE_START.test(s.slice(pos, pos + 2)) && !NO_LINE_END.test(s.slice(Math.max(0, pos - 1), pos));
}

/** Break opportunities of `text` (which must contain no break hints), in order, ending at text.length. */
function breakOpportunities(text: string, hints: ReadonlySet<number>, phrases: ThaiPhrases): BreakPoint[] {
  const byPos = new Map<number, boolean>();
  const breaker = new LineBreaker(text);
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    byPos.set(bk.position, bk.required || (byPos.get(bk.position) ?? false));
  }
  const graphemeStarts = new Set<number>();
  for (const g of graphemeSegmenter.segment(text)) graphemeStarts.add(g.index);
  for (const seg of wordSegmenter.segment(text)) {
    if (seg.index > 0 && !byPos.has(seg.index) && thaiWordBoundaryAllowed(text, seg.index)) {
      byPos.set(seg.index, false);
    }
  }
  for (let i = 1; i < text.length; i++) {
    if (!byPos.has(i) && graphemeStarts.has(i) && scriptChangeAllowed(text, i)) byPos.set(i, false);
  }
  for (const h of hints) {
    if (h > 0 && h < text.length && !byPos.has(h) && graphemeStarts.has(h)) byPos.set(h, false);
  }
  const spans = phraseSpans(text, phrases);
  const words = spans.filter((s) => !spans.some((o) => o !== s && o.start >= s.start && o.end <= s.end && o.end - o.start < s.end - s.start));
  // A known phrase is a word of its own even where ICU runs it on into the next one
  // (บึงกาฬฟู้ด, เกษตรกรบ้านนาสวรรค์): its edges are opportunities between Thai letters.
  for (const { start, end } of spans) {
    for (const edge of [start, end]) {
      if (edge > 0 && edge < text.length && !byPos.has(edge) && graphemeStarts.has(edge)) {
        if (THAI.test(codePointBefore(text, edge)) && THAI.test(codePointAt(text, edge))) byPos.set(edge, false);
      }
    }
  }
  const result: BreakPoint[] = [];
  for (const [pos, required] of [...byPos].sort((a, b) => a[0] - b[0])) {
    if (pos >= text.length) continue;
    // A builder's own hint is a break it wants; a newline is one it must have.
    const level = required || hints.has(pos) ? 0 : spanDepth(spans, pos);
    const inWord = level > 0 && spanDepth(words, pos) > 0;
    if (required || lineMayBreakAt(text, pos)) result.push({ pos, required, level, inWord });
  }
  result.push({ pos: text.length, required: true, level: 0, inWord: false });
  return result;
}

/** Grapheme clusters of `text`, merged so that no cluster starts or ends where a line may not. */
function unbreakableClusters(text: string): string[] {
  const clusters: string[] = [];
  for (const { segment } of graphemeSegmenter.segment(text)) {
    const prev = clusters[clusters.length - 1];
    // A space stays at the end of the line it follows (a line never starts with one).
    if (prev !== undefined && (NO_LINE_START.test(segment) || NO_LINE_END.test(prev) || /^\s+$/u.test(segment))) {
      clusters[clusters.length - 1] = prev + segment;
    } else {
      clusters.push(segment);
    }
  }
  return clusters;
}

/**
 * Width of one line made of `pieces`, as pdfmake's Line measures it: each piece is its own
 * inline, leading spaces of the first are cut, trailing spaces of the last too.
 */
function piecesWidth(runs: readonly MeasuredRun[], pieces: readonly LinePiece[], first: boolean, options: BreakOptions): number {
  let w = first ? (options.firstLineIndent ?? 0) : 0;
  pieces.forEach((p, i) => {
    const style = runs[p.run]?.style;
    let t = p.text;
    if (i === pieces.length - 1) t = t.replace(TRAILING_SPACE, '');
    if (i === 0 && !options.preserveLeadingSpaces) t = t.replace(LEADING_SPACE, '');
    if (style && t) w += sarabunMetrics.textWidth(t, style);
  });
  return w;
}

/**
 * Breaks styled runs into lines no wider than `width` points (pdfmake's own measure), at
 * Thai word boundaries and UAX #14 opportunities; mandatory breaks (newlines) are kept. The
 * space a line breaks at is dropped, as a typesetter would (pdfmake hides it anyway). Pieces'
 * text is ready for pdfkit (toPdfText).
 */
export function breakRuns(runs: readonly MeasuredRun[], width: number, options: BreakOptions = {}): LinePiece[][] {
  // Concatenate the runs without break hints; remember where the hints were.
  let text = '';
  const runStarts: number[] = [];
  const hints = new Set<number>();
  for (const run of runs) {
    runStarts.push(text.length);
    for (const part of run.text.split(/([\u00AD\u200B])/u)) {
      if (BREAK_HINT.test(part)) {
        hints.add(text.length);
      } else {
        text += part;
      }
    }
  }
  const runEnds = runStarts.map((_, i) => runStarts[i + 1] ?? text.length);

  const piecesOf = (start: number, end: number): LinePiece[] => {
    const pieces: LinePiece[] = [];
    for (let r = 0; r < runs.length; r++) {
      const s = Math.max(start, runStarts[r] ?? 0);
      const e = Math.min(end, runEnds[r] ?? 0);
      if (e > s) pieces.push({ run: r, text: toPdfText(text.slice(s, e)) });
    }
    return pieces;
  };
  const widthOf = (pieces: readonly LinePiece[], first: boolean): number => piecesWidth(runs, pieces, first, options);
  // A line's text without its line terminator and trailing spaces (invisible at a line end,
  // but pdfmake would count them when aligning the line right or centre).
  const finish = (start: number, end: number): LinePiece[] =>
    piecesOf(start, start + text.slice(start, end).replace(LINE_TERMINATORS, '').replace(TRAILING_SPACE, '').length);

  const lines: LinePiece[][] = [];
  const fits = (start: number, end: number): boolean =>
    widthOf(piecesOf(start, end), lines.length === 0) <= width + FIT_TOLERANCE;

  const insideNoWrap = (pos: number): boolean =>
    runs.some((run, r) => run.noWrap === true && pos > (runStarts[r] ?? 0) && pos < (runEnds[r] ?? 0));
  // Inside a noWrap run a line breaks only as the last resort before grapheme clusters: when
  // the run alone is wider than the line (nothing may leave the content box).
  const key = hints.size > 0 ? `${text}\u0000${[...hints].join(',')}` : text;
  let found = options.cache?.get(key);
  if (found === undefined) {
    found = breakOpportunities(text, hints, options.phrases ?? DOMAIN_PHRASES);
    options.cache?.set(key, found);
  }
  const breaks = found.map((bk) =>
    !bk.required && insideNoWrap(bk.pos) ? { ...bk, level: bk.level + NO_WRAP_LEVEL } : bk,
  );
  let lineStart = 0;
  let lastFit = -1; // end of the longest prefix of the current line known to fit

  // Cuts an atom that is wider than the line alone between grapheme clusters.
  const cutClusters = (atomEnd: number): void => {
    const atomText = text.slice(lineStart, atomEnd).replace(LINE_TERMINATORS, '');
    let pos = lineStart;
    let fitEnd = lineStart;
    for (const cluster of unbreakableClusters(atomText)) {
      const next = pos + cluster.length;
      if (fitEnd > lineStart && !fits(lineStart, next)) {
        lines.push(finish(lineStart, fitEnd));
        lineStart = fitEnd;
      }
      fitEnd = next;
      pos = next;
    }
  };
  // Fills lines with the atoms ending at `ends` (each break of `level` or lower); an atom wider
  // than the line alone is broken at the next level's breaks inside it, then between clusters.
  const place = (ends: readonly number[], level: number): void => {
    for (const atomEnd of ends) {
      const content = text.slice(lineStart, atomEnd).replace(LINE_TERMINATORS, '');
      if (fits(lineStart, lineStart + content.length)) {
        lastFit = atomEnd;
        continue;
      }
      if (lastFit > lineStart) {
        // Close the line before this atom and start the next one with it.
        lines.push(finish(lineStart, lastFit));
        lineStart = lastFit;
      }
      const atomText = text.slice(lineStart, atomEnd).replace(LINE_TERMINATORS, '');
      if (!options.keepAtoms && !fits(lineStart, lineStart + atomText.length)) {
        const within = breaks.filter((bk) => bk.pos > lineStart && bk.pos < atomEnd && bk.level > level);
        if (within.length > 0) {
          const next = Math.min(...within.map((bk) => bk.level));
          lastFit = -1;
          place([...within.filter((bk) => bk.level === next).map((bk) => bk.pos), atomEnd], next);
          continue;
        }
        cutClusters(atomEnd);
      }
      lastFit = atomEnd;
    }
  };

  let pending: number[] = [];
  for (const bk of breaks) {
    if (bk.level > 0) continue;
    pending.push(bk.pos);
    if (bk.required) {
      place(pending, 0);
      pending = [];
      lines.push(finish(lineStart, bk.pos));
      lineStart = bk.pos;
      lastFit = -1;
    }
  }
  return lines;
}

/** Narrowest and widest a text can be laid out: its widest unbreakable atom, its widest line. */
export interface TextExtent {
  min: number;
  max: number;
}

/** pdfmake's minWidth/maxWidth of a text node, but with Thai word boundaries as opportunities. */
export function textExtent(runs: readonly MeasuredRun[], options: BreakOptions = {}): TextExtent {
  const widest = (lines: LinePiece[][]): number => Math.max(0, ...lines.map((l, i) => piecesWidth(runs, l, i === 0, options)));
  return {
    // With no room at all every atom (word, or UAX #14 unit) ends up on a line of its own.
    min: widest(breakRuns(runs, 0, { ...options, keepAtoms: true })),
    max: widest(breakRuns(runs, Number.POSITIVE_INFINITY, options)),
  };
}

/**
 * The widest word of a text: the widest stretch between two breaks that are not inside a word
 * (BreakPoint.inWord; ICU's words outside known phrases are words too). A cell narrower than
 * this has to cut a word, which a table header must not (layout-thai-document.ts shrinks its
 * font instead).
 */
export function widestWord(runs: readonly MeasuredRun[], options: BreakOptions = {}): number {
  let text = '';
  const starts: number[] = [];
  const hints = new Set<number>();
  for (const run of runs) {
    starts.push(text.length);
    for (const part of run.text.split(/([\u00AD\u200B])/u)) {
      if (BREAK_HINT.test(part)) hints.add(text.length);
      else text += part;
    }
  }
  const key = hints.size > 0 ? `${text}\u0000${[...hints].join(',')}` : text;
  let found = options.cache?.get(key);
  if (found === undefined) {
    found = breakOpportunities(text, hints, options.phrases ?? DOMAIN_PHRASES);
    options.cache?.set(key, found);
  }
  let widest = 0;
  let from = 0;
  for (const bk of found) {
    if (bk.inWord) continue;
    let w = 0;
    runs.forEach((run, r) => {
      const s = Math.max(from, starts[r] ?? 0);
      const e = Math.min(bk.pos, starts[r + 1] ?? text.length);
      const piece = e > s ? text.slice(s, e).replace(LINE_TERMINATORS, '').trim() : '';
      if (piece) w += sarabunMetrics.textWidth(toPdfText(piece), run.style);
    });
    widest = Math.max(widest, w);
    from = bk.pos;
  }
  return widest;
}

/** The lines a single-style text breaks into at `width` points (pdf-ready strings). */
export function thaiLineBreak(text: string, options: ThaiLineBreakOptions): string[] {
  const style: MeasureStyle = { fontSize: options.fontSize, bold: options.bold, italics: options.italics };
  return breakRuns([{ text, style }], options.width, { phrases: options.phrases }).map((pieces) => pieces.map((p) => p.text).join(''));
}
