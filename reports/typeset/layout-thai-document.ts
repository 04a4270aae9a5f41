// Long file: one walk over the pdfmake tree — the vocabulary the forms may use (refused otherwise) beside the code that lays each kind out and pre-breaks its Thai text; split, the allowed list and its handling would drift apart.
// Pre-breaks every text of a pdfmake document definition into lines at Thai word boundaries.
//
// Why pre-break instead of teaching pdfmake: pdfmake decides line ends inside its LayoutBuilder
// with `linebreak` (UAX #14), which has no Thai dictionary, and re-joins adjacent inlines that
// have no break opportunity between them, so neither one-inline-per-word nor U+200B (a box in
// Sarabun) helps; patching its internals would change every pdfmake user in the process and
// break silently on upgrade. Instead this pure function walks the definition as pdfmake will
// lay it out, knows each text's width in points, and rewrites the text as explicit lines:
// every line is one or more `noWrap` inlines (so pdfmake can never cut inside it) followed by a
// '\n' inline. Widths are measured with the same font files and the same algorithm as pdfmake
// (sarabun-metrics.ts), so each line fits exactly where pdfmake puts it.
//
// To know widths, the walk resolves column and table widths itself with pdfmake's own rules
// ('auto', '*', 'N%' and numbers, margins, paddings, borders, columnGap, colSpan, list
// markers, absolute positions, page margins) and writes the results back as point values, so
// pdfmake cannot come to a different answer.
//
// Rules for document builders (everything else pdfmake accepts works as usual):
//   - Table and column widths may be numbers (pt), '*', 'auto' or 'N%'; they are resolved here
//     with pdfmake's algorithm. 'auto' sizes a column to its widest line / widest word.
//   - Every text is set in Sarabun (the default font); another font cannot be measured → error.
//   - Alignment left, center or right; 'justify' has nothing to stretch once lines are
//     explicit and prints left-aligned (Thai has no spaces to stretch anyway).
//   - Named table layouts must be pdfmake's built-ins or passed in `tableLayouts`.
//   - Header, footer and background may be content or functions; both are laid out per page.
//   - `noWrap: true` keeps a text on one line while it fits; wider than its box, it breaks as a
//     last resort (nothing leaves the content box).
//   - Long words may carry U+200B or U+00AD as break hints; they are never printed.
//   - The vocabulary is what the official forms use (FORM_VOCABULARY below): text, stack,
//     columns, table, canvas, svg, image and section nodes, and the styling properties listed
//     there. Anything else (lists, a table of contents, QR codes, a property this engine does
//     not know how to measure) is refused with an error naming it, instead of being laid out
//     by rules this engine does not follow.
import type { ContextPageSize, Content, CustomTableLayout, TDocumentDefinitions } from 'pdfmake/interfaces';
import { SARABUN } from './pdf-fonts.ts';
import { sarabunMetrics, type MeasureStyle } from './sarabun-metrics.ts';
import { breakRuns, textExtent, widestWord, type BreakCache, type MeasuredRun } from './thai-line-break.ts';
import { thaiPhrases, type ThaiPhrases } from './thai-phrases.ts';
import { toPdfText } from './to-pdf-text.ts';

export interface ThaiLayoutOptions {
  /** Table layouts referred to by name, besides pdfmake's built-in ones. */
  tableLayouts?: Readonly<Record<string, CustomTableLayout>>;
  /** Place names (province, district, subdistrict) from the geography: never split across lines. */
  knownPhrases?: Iterable<string>;
}

type Obj = Record<string, unknown>;
type Frame = string | Obj;
type Margin = [number, number, number, number];

interface Ctx {
  /** Width available to the node, in points. */
  width: number;
  /** pdfmake's style stack: style names and the nodes themselves, outermost first. */
  frames: readonly Frame[];
  /** Width of the page (or header/footer block) an absolutePosition is measured in. */
  pageWidth: number;
  pageRightMargin: number;
  /** Where the node sits in the definition ('content[3].table.body[2][1]'), for errors. */
  where: string;
}

interface Env {
  styles: Readonly<Record<string, Obj>>;
  defaultStyle: Obj;
  tableLayouts: Readonly<Record<string, Obj>>;
  phrases: ThaiPhrases;
  breaks: BreakCache;
}

// pdfmake's standardPageSizes for the sizes a Thai government office prints on.
const PAGE_SIZES: Readonly<Record<string, readonly [number, number]>> = {
  A3: [841.89, 1190.55],
  A4: [595.28, 841.89],
  A5: [419.53, 595.28],
  B5: [498.9, 708.66],
  LETTER: [612.0, 792.0],
  LEGAL: [612.0, 1008.0],
  FOLIO: [612.0, 936.0],
};

// pdfmake's built-in table layouts, only the parts that take horizontal room.
const BUILTIN_LAYOUTS: Readonly<Record<string, Obj>> = {
  noBorders: {
    vLineWidth: () => 0,
    paddingLeft: (i: number) => (i && 4) || 0,
    paddingRight: (i: number, node: Obj) => (i < tableWidthsCount(node) - 1 ? 4 : 0),
  },
  headerLineOnly: {
    vLineWidth: () => 0,
    paddingLeft: (i: number) => (i === 0 ? 0 : 8),
    paddingRight: (i: number, node: Obj) => (i === tableWidthsCount(node) - 1 ? 0 : 8),
  },
  lightHorizontalLines: {
    vLineWidth: () => 0,
    paddingLeft: (i: number) => (i === 0 ? 0 : 8),
    paddingRight: (i: number, node: Obj) => (i === tableWidthsCount(node) - 1 ? 0 : 8),
  },
};
const DEFAULT_LAYOUT: Obj = { vLineWidth: () => 1, paddingLeft: () => 4, paddingRight: () => 4 };

function tableWidthsCount(node: Obj): number {
  const table = node.table as Obj | undefined;
  return Array.isArray(table?.widths) ? table.widths.length : 0;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isValue = (v: unknown): boolean => v !== undefined && v !== null;
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** Copies plain objects and arrays (pdfmake writes into the definition it lays out). */
function cloneDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => cloneDeep(v)) as T;
  if (isObj(value) && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneDeep(v);
    return out as T;
  }
  return value;
}

// ---- pdfmake's style stack (StyleContextStack) --------------------------------------------

function styleProperty(env: Env, name: string, property: string, visited = new Set<string>()): unknown {
  if (visited.has(name)) return undefined;
  visited.add(name);
  const style = env.styles[name];
  if (!style) return undefined;
  if (isValue(style[property])) return style[property];
  const parents = style.extends === undefined ? [] : Array.isArray(style.extends) ? style.extends : [style.extends];
  for (let i = parents.length - 1; i >= 0; i--) {
    const value = styleProperty(env, String(parents[i]), property, visited);
    if (isValue(value)) return value;
  }
  return undefined;
}

function getProperty(env: Env, frames: readonly Frame[], property: string): unknown {
  for (let i = frames.length - 1; i >= 0; i--) {
    const frame = frames[i];
    if (typeof frame === 'string') {
      const value = styleProperty(env, frame, property);
      if (isValue(value)) return value;
    } else if (frame && isValue(frame[property])) {
      return frame[property];
    }
  }
  return env.defaultStyle[property];
}

/** What pdfmake's autopush puts on the stack for a node: its style names, then the node. */
function framesOf(node: unknown): Frame[] {
  if (!isObj(node) || node.section !== undefined) return [];
  const names = node.style === undefined ? [] : Array.isArray(node.style) ? node.style : [node.style];
  return [...names.map((n) => (typeof n === 'string' ? n : (n as Obj))), node];
}

function getStyleProperty(env: Env, frames: readonly Frame[], item: unknown, property: string): unknown {
  if (isObj(item) && isValue(item[property])) return item[property];
  const value = getProperty(env, [...frames, ...framesOf(item)], property);
  return value;
}

function measureStyleOf(env: Env, frames: readonly Frame[], item: unknown): MeasureStyle {
  const font = getStyleProperty(env, frames, item, 'font') ?? 'Roboto';
  if (font !== SARABUN) {
    throw new Error(`Thai layout measures ${SARABUN} only; a text asks for font "${String(font)}"`);
  }
  let fontSize = num(getStyleProperty(env, frames, item, 'fontSize'), 12);
  if (getStyleProperty(env, frames, item, 'sup') === true || getStyleProperty(env, frames, item, 'sub') === true) {
    fontSize *= 0.58; // pdfmake's TextInlines.measure
  }
  const features = getStyleProperty(env, frames, item, 'fontFeatures');
  return {
    fontSize,
    bold: getStyleProperty(env, frames, item, 'bold') === true,
    italics: getStyleProperty(env, frames, item, 'italics') === true,
    characterSpacing: num(getStyleProperty(env, frames, item, 'characterSpacing')),
    fontFeatures: Array.isArray(features) ? features.map(String) : null,
  };
}

// ---- margins (pdfmake helpers/node getNodeMargin) ----------------------------------------

function convertMargin(margin: unknown): unknown {
  if (typeof margin === 'number') return [margin, margin, margin, margin];
  if (Array.isArray(margin) && margin.length === 2) return [margin[0], margin[1], margin[0], margin[1]];
  return margin;
}

function singleMargins(source: Obj, current: unknown, fallback: number | undefined): unknown {
  if (
    source.marginLeft !== undefined ||
    source.marginTop !== undefined ||
    source.marginRight !== undefined ||
    source.marginBottom !== undefined
  ) {
    const c = (Array.isArray(current) ? current : []) as unknown[];
    return [
      source.marginLeft ?? c[0] ?? fallback,
      source.marginTop ?? c[1] ?? fallback,
      source.marginRight ?? c[2] ?? fallback,
      source.marginBottom ?? c[3] ?? fallback,
    ];
  }
  return current;
}

function flattenStyleMargins(env: Env, names: readonly unknown[], visited: ReadonlySet<string>): Obj {
  if (!names.every((n) => typeof n === 'string')) return {};
  let flat: Obj = {};
  for (const name of names as string[]) {
    const style = env.styles[name];
    if (style === undefined || visited.has(name)) continue;
    if (style.extends !== undefined) {
      const parents = Array.isArray(style.extends) ? style.extends : [style.extends];
      flat = { ...flat, ...flattenStyleMargins(env, parents, new Set([...visited, name])) };
    }
    if (style.margin !== undefined) {
      flat = { margin: convertMargin(style.margin) };
      continue;
    }
    flat = { margin: singleMargins(style, flat.margin ?? {}, undefined) };
  }
  return flat;
}

function nodeMargin(env: Env, node: Obj): Margin {
  let margin: unknown = [undefined, undefined, undefined, undefined];
  if (node.style) {
    const flat = flattenStyleMargins(env, Array.isArray(node.style) ? node.style : [node.style], new Set());
    margin = singleMargins(flat, margin, undefined);
    if (flat.margin) margin = convertMargin(flat.margin);
  }
  margin = singleMargins(node, margin, 0);
  if (node.margin !== undefined) margin = convertMargin(node.margin);
  const m = (Array.isArray(margin) ? margin : []) as unknown[];
  return [num(m[0]), num(m[1]), num(m[2]), num(m[3])];
}

// ---- widths of columns (pdfmake columnCalculator) ----------------------------------------

interface ColumnSpec {
  width: unknown;
  elasticWidth: unknown;
  min: number;
  max: number;
}

const isAutoColumn = (c: ColumnSpec): boolean => c.width === 'auto';
const isStarColumn = (c: ColumnSpec): boolean => !isValue(c.width) || c.width === '*' || c.width === 'star';

/** pdfmake's buildColumnWidths, returning each column's width instead of writing `_calcWidth`. */
function buildColumnWidths(
  columns: readonly ColumnSpec[],
  available: number,
  offsetTotal: number,
  reservedForPercent?: (fixedIndex: number, fixedCount: number) => number,
): number[] {
  const calc = new Array<number>(columns.length).fill(0);
  const initialAvailable = available;
  const auto: number[] = [];
  const star: number[] = [];
  const fixed: number[] = [];
  let autoMin = 0;
  let autoMax = 0;
  let starMaxMin = 0;
  let starMaxMax = 0;
  columns.forEach((c, i) => {
    if (isAutoColumn(c)) {
      auto.push(i);
      autoMin += c.min;
      autoMax += c.max;
    } else if (isStarColumn(c)) {
      star.push(i);
      starMaxMin = Math.max(starMaxMin, c.min);
      starMaxMax = Math.max(starMaxMax, c.max);
    } else {
      fixed.push(i);
    }
  });
  fixed.forEach((i, k) => {
    const c = columns[i] as ColumnSpec;
    let width = Number(c.width);
    if (typeof c.width === 'string' && /\d+%/.test(c.width)) {
      const reserved = reservedForPercent ? reservedForPercent(k, fixed.length) : 0;
      width = (parseFloat(c.width) * (initialAvailable + offsetTotal)) / 100 - reserved;
    }
    calc[i] = width < c.min && c.elasticWidth ? c.min : width;
    available -= calc[i] ?? 0;
  });
  const minW = autoMin + starMaxMin * star.length;
  const maxW = autoMax + starMaxMax * star.length;
  if (minW >= available) {
    // pdfmake gives every column its widest word and lets the table run off the page. Here
    // the widest columns give way instead (narrow ones keep their widest word): the text in
    // them breaks between grapheme clusters (breakRuns), and the row stays inside the box.
    const mins = [...auto.map((i) => (columns[i] as ColumnSpec).min), ...star.map(() => starMaxMin)];
    const cap = minW > available && available > 0 ? capToFit(mins, available) : Number.POSITIVE_INFINITY;
    for (const i of auto) calc[i] = Math.min((columns[i] as ColumnSpec).min, cap);
    for (const i of star) calc[i] = Math.min(starMaxMin, cap);
  } else {
    if (maxW < available) {
      for (const i of auto) {
        calc[i] = (columns[i] as ColumnSpec).max;
        available -= calc[i] ?? 0;
      }
    } else {
      const W = available - minW;
      const D = maxW - minW;
      for (const i of auto) {
        const c = columns[i] as ColumnSpec;
        calc[i] = c.min + ((c.max - c.min) * W) / D;
        available -= calc[i] ?? 0;
      }
    }
    for (const i of star) calc[i] = available / star.length;
  }
  return calc;
}

/**
 * Column widths that add up to no more than `room`: a table or a row of columns never grows
 * past the text column, even when a builder's fixed widths (or every column's widest word)
 * ask for more. The widest columns give way; their text breaks as a last resort.
 */
function withinWidth(widths: number[], room: number): number[] {
  const total = widths.reduce((a, b) => a + b, 0);
  if (total <= room + 1e-6 || room <= 0) return widths;
  const cap = capToFit(widths, room);
  return widths.map((w) => Math.min(w, cap));
}

/** The largest C with Σ min(w, C) ≤ total: how wide the widest columns may stay. */
function capToFit(widths: readonly number[], total: number): number {
  const sorted = [...widths].sort((a, b) => a - b);
  let rest = total;
  for (let k = 0; k < sorted.length; k++) {
    const share = rest / (sorted.length - k);
    if ((sorted[k] as number) > share) return share;
    rest -= sorted[k] as number;
  }
  return Number.POSITIVE_INFINITY;
}

/** pdfmake's columnCalculator.measureMinMax (min/max of a row of columns). */
function rowMinMax(columns: readonly ColumnSpec[]): { min: number; max: number } {
  let min = 0;
  let max = 0;
  let starMin = 0;
  let starMax = 0;
  let stars = 0;
  for (const c of columns) {
    if (isStarColumn(c)) {
      starMin = Math.max(starMin, c.min);
      starMax = Math.max(starMax, c.max);
      stars++;
    } else if (isAutoColumn(c)) {
      min += c.min;
      max += c.max;
    } else {
      const w = typeof c.width === 'number' ? c.width : 0;
      min += w || c.min;
      max += w || c.max;
    }
  }
  return { min: min + stars * starMin, max: max + stars * starMax };
}

// ---- tables ---------------------------------------------------------------------------

interface TableGeometry {
  layout: Obj;
  /** Node to call the layout functions with (widths normalised to an array, as pdfmake does). */
  layoutNode: Obj;
  widths: unknown[];
  offsets: number[];
  offsetTotal: number;
}

function callLayout(layout: Obj, name: string, i: number, node: Obj): number {
  const fn = layout[name];
  return typeof fn === 'function' ? num((fn as (i: number, node: Obj) => unknown)(i, node)) : num(fn);
}

function tableGeometry(env: Env, node: Obj): TableGeometry {
  const table = node.table as Obj;
  const body = (Array.isArray(table.body) ? table.body : []) as unknown[][];
  const columnCount = Array.isArray(body[0]) ? body[0].length : 0;
  let widths: unknown[];
  if (Array.isArray(table.widths)) {
    widths = [...table.widths];
  } else {
    widths = [];
    const w = table.widths ?? 'auto';
    while (widths.length < columnCount) widths.push(w);
  }
  const named = typeof node.layout === 'string' ? (env.tableLayouts[node.layout] ?? BUILTIN_LAYOUTS[node.layout]) : undefined;
  if (typeof node.layout === 'string' && !named) {
    throw new Error(`Thai layout does not know the table layout "${node.layout}"; pass it in tableLayouts`);
  }
  const layout: Obj = { ...DEFAULT_LAYOUT, ...(named ?? (isObj(node.layout) ? node.layout : {})) };
  const layoutNode: Obj = { ...node, table: { ...table, widths } };
  const offsets: number[] = [];
  let total = 0;
  let prevRightPadding = 0;
  for (let i = 0; i < widths.length; i++) {
    const left =
      prevRightPadding + callLayout(layout, 'vLineWidth', i, layoutNode) + callLayout(layout, 'paddingLeft', i, layoutNode);
    offsets.push(left);
    total += left;
    prevRightPadding = callLayout(layout, 'paddingRight', i, layoutNode);
  }
  total += prevRightPadding + callLayout(layout, 'vLineWidth', widths.length, layoutNode);
  return { layout, layoutNode, widths, offsets, offsetTotal: total };
}

function spanOf(cell: unknown, key: 'colSpan' | 'rowSpan'): number {
  return isObj(cell) && typeof cell[key] === 'number' && (cell[key] as number) > 1 ? (cell[key] as number) : 1;
}

/** Cells hidden under another cell's colSpan/rowSpan (pdfmake replaces them with `_span`). */
function coveredCells(body: readonly unknown[][]): Set<string> {
  const covered = new Set<string>();
  body.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (covered.has(`${r},${c}`)) return;
      const cs = spanOf(cell, 'colSpan');
      const rs = spanOf(cell, 'rowSpan');
      for (let j = 1; j < cs; j++) covered.add(`${r},${c + j}`);
      for (let k = 1; k < rs; k++) covered.add(`${r + k},${c}`);
    }),
  );
  return covered;
}

/**
 * Per-column min/max content widths, spans spread like pdfmake's extendWidthsForColSpans.
 * With `headerFont`, a header row's text cell asks only for its widest word set at no more
 * than that size (headerWordFit): the room a header needs once its font may shrink.
 */
/** Cells' measures by 'row,col' (and 'row,col,word'), kept while one table's widths are resolved. */
type CellMeasures = Map<string, { min: number; max: number } | WordFit | null>;

function tableColumnSpecs(env: Env, frames: readonly Frame[], node: Obj, geometry: TableGeometry, headerFont?: number, measures: CellMeasures = new Map()): ColumnSpec[] {
  const body = (node.table as Obj).body as unknown[][];
  const specs: ColumnSpec[] = geometry.widths.map((w) => ({
    width: isObj(w) ? w.width : w,
    elasticWidth: isObj(w) ? w.elasticWidth : undefined,
    min: 0,
    max: 0,
  }));
  const covered = coveredCells(body);
  const spans: { col: number; span: number; min: number; max: number }[] = [];
  for (let c = 0; c < specs.length; c++) {
    body.forEach((row, r) => {
      if (covered.has(`${r},${c}`)) return;
      const cell = row[c] ?? '';
      const cached = <T,>(key: string, f: () => T): T => {
        if (!measures.has(key)) measures.set(key, f() as never);
        return measures.get(key) as T;
      };
      const fit = headerFont !== undefined && r < headerRowsOf(node) ? cached(`${r},${c},word`, () => headerWordFit(env, frames, cell)) : null;
      const own = cached(`${r},${c}`, () => measureMinMax(env, frames, cell));
      const mm = fit ? headerCellMinMax(fit, own, headerFont as number) : own;
      const span = spanOf(cell, 'colSpan');
      const spec = specs[c] as ColumnSpec;
      if (span > 1) spans.push({ col: c, span, ...mm });
      else {
        spec.min = Math.max(spec.min, mm.min);
        spec.max = Math.max(spec.max, mm.max);
      }
    });
  }
  for (const s of spans) {
    let curMin = 0;
    let curMax = 0;
    for (let i = 0; i < s.span; i++) {
      const spec = specs[s.col + i];
      if (!spec) continue;
      curMin += spec.min + (i ? (geometry.offsets[s.col + i] ?? 0) : 0);
      curMax += spec.max + (i ? (geometry.offsets[s.col + i] ?? 0) : 0);
    }
    for (let i = 0; i < s.span; i++) {
      const spec = specs[s.col + i];
      if (!spec) continue;
      if (s.min > curMin) spec.min += (s.min - curMin) / s.span;
      if (s.max > curMax) spec.max += (s.max - curMax) / s.span;
    }
  }
  return specs;
}

// ---- header cells keep their words whole ----------------------------------------------------

// A table's header names its columns in a few words set small (8.5 pt); a column narrower than
// one of them would cut it (เครื่อง|ดื่ม). The engine first widens such columns where the row
// has room; where it has not, the header's font shrinks — only in the cells that need it, only
// as far as needed, never below this size, the smallest a printed form's header still reads at.
export const HEADER_FONT_FLOOR = 7;

function headerRowsOf(node: Obj): number {
  return num((node.table as Obj).headerRows);
}

interface WordFit {
  /** The cell's font size. */
  fontSize: number;
  /** Its widest word at that size, in points. */
  word: number;
  /** Its left and right margins. */
  margins: number;
}

/** The widest word of a header cell that is a text node, or null (anything else is left as it is). */
function headerWordFit(env: Env, frames: readonly Frame[], cell: unknown): WordFit | null {
  if (!isObj(cell) || cell.text === undefined || Array.isArray(cell.stack)) return null;
  const cellFrames = [...frames, ...framesOf(cell)];
  const { runs } = textRuns(env, cellFrames, cell);
  if (runs.length === 0 || runs.some((r) => r.noWrap)) return null;
  const fontSize = Math.max(...runs.map((r) => r.style.fontSize));
  const m = nodeMargin(env, cell);
  return { fontSize, word: widestWord(runs, { phrases: env.phrases, cache: env.breaks }), margins: m[0] + m[2] };
}

function headerCellMinMax(fit: WordFit, own: { min: number; max: number }, headerFont: number): { min: number; max: number } {
  const scale = Math.min(1, Math.max(HEADER_FONT_FLOOR, headerFont) / fit.fontSize);
  return { min: fit.word * scale + fit.margins, max: own.max };
}

/**
 * The font size a header cell of `width` points is set at: its own while its widest word
 * fits, else just small enough for that word, not below HEADER_FONT_FLOOR (where the word
 * then breaks as a last resort). Rounded down to 0.05 pt.
 */
function headerFontSize(fit: WordFit, width: number): number {
  const room = width - fit.margins;
  if (fit.word <= room + 1e-6 || fit.fontSize <= HEADER_FONT_FLOOR) return fit.fontSize;
  return Math.max(HEADER_FONT_FLOOR, Math.floor(((fit.fontSize * room) / fit.word) * 20) / 20);
}

function resolveTableWidths(env: Env, frames: readonly Frame[], node: Obj, available: number): { widths: number[]; g: TableGeometry } {
  const g = tableGeometry(env, node);
  const measures: CellMeasures = new Map();
  const specs = tableColumnSpecs(env, frames, node, g, undefined, measures);
  const build = (columns: readonly ColumnSpec[]) => buildColumnWidths(columns, available - g.offsetTotal, g.offsetTotal, (k, count) => {
    const pl = callLayout(g.layout, 'paddingLeft', k, g.layoutNode);
    const pr = callLayout(g.layout, 'paddingRight', k, g.layoutNode);
    const bl = callLayout(g.layout, 'vLineWidth', k, g.layoutNode);
    const br = callLayout(g.layout, 'vLineWidth', k + 1, g.layoutNode);
    if (k === 0) return pl + pr + bl + br / 2;
    if (k === count - 1) return pl + pr + bl / 2 + br;
    return pl + pr + bl / 2 + br / 2;
  });
  // A fixed-width column grows to its widest unit (a compound of its header, a date) rather
  // than cut it — where the row has the room; otherwise the builder's widths stand.
  const room = available - g.offsetTotal;
  const starMin = Math.max(0, ...specs.filter(isStarColumn).map((s) => s.min));
  const grow = (columns: readonly ColumnSpec[]): number[] | null => {
    const grown = build(columns.map((s) => ({ ...s, elasticWidth: true })));
    const fits = grown.reduce((a, b) => a + b, 0) <= room + 1e-6 && grown.every((w, i) => !isStarColumn(specs[i] as ColumnSpec) || w >= starMin);
    return fits ? grown : null;
  };
  let widths = grow(specs);
  if (!widths && headerRowsOf(node) > 0) {
    // Every header keeps its phrases whole only where the row has the room. Else each keeps its
    // words whole at the largest header size that leaves the name column (the star) its widest
    // name: found by halving between the floor and the header's own size.
    const at = (font: number) => grow(tableColumnSpecs(env, frames, node, g, font, measures));
    const top = Math.max(HEADER_FONT_FLOOR, ...headerFonts(env, frames, node));
    widths = at(top);
    if (!widths && at(HEADER_FONT_FLOOR)) {
      let lo = HEADER_FONT_FLOOR;
      let hi = top;
      while (hi - lo > 0.05) {
        const mid = (lo + hi) / 2;
        if (at(mid)) lo = mid;
        else hi = mid;
      }
      widths = at(lo);
    }
  }
  return { widths: withinWidth(widths ?? build(specs), room), g };
}

function headerFonts(env: Env, frames: readonly Frame[], node: Obj): number[] {
  const body = (node.table as Obj).body as unknown[][];
  return body.slice(0, headerRowsOf(node)).flatMap((row) => row.map((cell) => headerWordFit(env, frames, cell)?.fontSize ?? 0));
}

// ---- min/max content width (pdfmake DocMeasure) -------------------------------------------

function textRuns(env: Env, frames: readonly Frame[], node: Obj): { runs: MeasuredRun[]; items: (string | Obj)[] } {
  const items = flattenInlines(node.text);
  const runs = items.map((item) => ({
    text: isObj(item) ? String(item.text ?? '') : item,
    style: measureStyleOf(env, frames, item),
    noWrap: isObj(item) && getStyleProperty(env, frames, item, 'noWrap') === true,
  }));
  return { runs, items };
}

function measureMinMax(env: Env, parentFrames: readonly Frame[], content: unknown): { min: number; max: number } {
  if (content === null || content === undefined || typeof content !== 'object') {
    return measureMinMax(env, parentFrames, { text: content === null || content === undefined ? '' : String(content) });
  }
  if (Array.isArray(content)) return measureMinMax(env, parentFrames, { stack: content });
  const node = content as Obj;
  const frames = [...parentFrames, ...framesOf(node)];
  const m = nodeMargin(env, node);
  const extra = m[0] + m[2];
  const r = ((): { min: number; max: number } => {
    if (node.section !== undefined) return measureMinMax(env, frames, node.section);
    if (Array.isArray(node.columns)) {
      const gap = num(getProperty(env, frames, 'columnGap'));
      const specs = node.columns.map((col: unknown) => ({
        width: isObj(col) ? col.width : undefined,
        elasticWidth: isObj(col) ? col.elasticWidth : undefined,
        ...measureMinMax(env, frames, col),
      }));
      const mm = rowMinMax(specs);
      const gaps = gap * Math.max(0, specs.length - 1);
      return { min: mm.min + gaps, max: mm.max + gaps };
    }
    if (Array.isArray(node.stack)) {
      return node.stack.reduce(
        (acc: { min: number; max: number }, child: unknown) => {
          const mm = measureMinMax(env, frames, child);
          return { min: Math.max(acc.min, mm.min), max: Math.max(acc.max, mm.max) };
        },
        { min: 0, max: 0 },
      );
    }
    if (isObj(node.table)) {
      const g = tableGeometry(env, node);
      const mm = rowMinMax(tableColumnSpecs(env, frames, node, g));
      return { min: mm.min + g.offsetTotal, max: mm.max + g.offsetTotal };
    }
    if (node.text !== undefined) {
      const { runs, items } = textRuns(env, frames, node);
      if (getProperty(env, frames, 'noWrap') === true) {
        const w = runs.reduce((s, run) => s + sarabunMetrics.textWidth(toPdfText(run.text), run.style), 0);
        return { min: w, max: w };
      }
      return textExtent(runs, {
        phrases: env.phrases,
        cache: env.breaks,
        firstLineIndent: num(getStyleProperty(env, frames, items[0], 'leadingIndent')),
        preserveLeadingSpaces: getStyleProperty(env, frames, items[0], 'preserveLeadingSpaces') === true,
      });
    }
    if (Array.isArray(node.canvas)) {
      let w = 0;
      for (const v of node.canvas as Obj[]) {
        if (v.type === 'ellipse') w = Math.max(w, num(v.x) + num(v.r1));
        else if (v.type === 'rect') w = Math.max(w, num(v.x) + num(v.w));
        else if (v.type === 'line') w = Math.max(w, num(v.x1), num(v.x2));
        else if (v.type === 'polyline' && Array.isArray(v.points)) {
          for (const p of v.points as Obj[]) w = Math.max(w, num(p.x));
        }
      }
      return { min: w, max: w };
    }
    const fixedWidth = num(node.width, Array.isArray(node.fit) ? num(node.fit[0]) : 0);
    return { min: fixedWidth, max: fixedWidth };
  })();
  return { min: r.min + extra, max: r.max + extra };
}

// ---- the vocabulary -------------------------------------------------------------------

// What a node may be, and what it may say. A property outside these lists is an error: a
// builder that needs more adds it here together with what measuring it takes.
const NODE_KINDS = ['text', 'stack', 'columns', 'table', 'canvas', 'svg', 'image', 'section'] as const;
const STYLE_PROPERTIES = [
  'style', 'font', 'fontSize', 'bold', 'italics', 'color', 'background', 'lineHeight', 'characterSpacing',
  'fontFeatures', 'decoration', 'decorationStyle', 'decorationColor', 'sup', 'sub', 'opacity', 'link',
  'alignment', 'noWrap', 'leadingIndent', 'preserveLeadingSpaces', 'fillColor', 'fillOpacity', 'columnGap',
];
const NODE_PROPERTIES = new Set<string>([
  ...NODE_KINDS, ...STYLE_PROPERTIES,
  'margin', 'marginLeft', 'marginTop', 'marginRight', 'marginBottom', 'width', 'height', 'fit', 'cover',
  'pageBreak', 'unbreakable', 'colSpan', 'rowSpan', 'border', 'borderColor', 'layout', 'absolutePosition',
  'relativePosition', 'id', 'headlineLevel', 'keepWithHeaderRows', 'dontBreakRows',
  // section nodes
  'pageSize', 'pageOrientation', 'pageMargins', 'header', 'footer', 'background', 'watermark',
]);
const INLINE_PROPERTIES = new Set<string>(['text', ...STYLE_PROPERTIES]);
const TABLE_PROPERTIES = new Set<string>(['body', 'widths', 'heights', 'headerRows', 'dontBreakRows', 'keepWithHeaderRows']);

function refuse(where: string, what: string): never {
  throw new Error(`Thai layout: ${what} at ${where} is not in the forms' vocabulary (see layout-thai-document.ts)`);
}

/** Throws unless `node` is one of the node kinds and says only what the vocabulary allows. */
function checkVocabulary(node: Obj, where: string): void {
  const kinds = NODE_KINDS.filter((k) => node[k] !== undefined);
  if (kinds.length === 0) refuse(where, `a node of no known kind (${Object.keys(node).join(', ') || 'empty'})`);
  if (kinds.length > 1 && !(kinds.length === 2 && kinds.includes('section'))) refuse(where, `a node that is both ${kinds.join(' and ')}`);
  for (const key of Object.keys(node)) if (!NODE_PROPERTIES.has(key)) refuse(where, `property "${key}"`);
  if (isObj(node.table)) for (const key of Object.keys(node.table)) if (!TABLE_PROPERTIES.has(key)) refuse(where, `table property "${key}"`);
  if (node.text !== undefined) {
    for (const item of Array.isArray(node.text) ? node.text : [node.text]) {
      if (isObj(item)) for (const key of Object.keys(item)) if (!INLINE_PROPERTIES.has(key)) refuse(where, `inline property "${key}"`);
      else if (Array.isArray(item)) refuse(where, 'a nested array inside a text');
    }
  }
}

// ---- the walk -------------------------------------------------------------------------

/** pdfmake's flattenTextArray: nested `text` arrays are spliced in (their parent's style is lost, as in pdfmake). */
function flattenInlines(text: unknown): (string | Obj)[] {
  const list = Array.isArray(text) ? text : [text];
  const out: (string | Obj)[] = [];
  for (const item of list) {
    if (isObj(item) && Array.isArray(item.text)) out.push(...flattenInlines(item.text));
    else if (isObj(item)) out.push(item);
    else if (Array.isArray(item)) out.push(...flattenInlines(item));
    else out.push(item === null || item === undefined ? '' : String(item));
  }
  return out;
}

function inlineWith(item: string | Obj | undefined, text: string, noWrap: boolean): Obj {
  const base: Obj = isObj(item) ? { ...item } : {};
  base.text = text;
  if (noWrap) base.noWrap = true;
  else delete base.noWrap;
  return base;
}

function layoutText(env: Env, ctx: Ctx, node: Obj): Obj {
  const { runs: own, items } = textRuns(env, ctx.frames, node);
  // One line by the builder's choice — unless it is wider than its box: then it breaks as a
  // last resort (thai-line-break.ts) rather than run off the paper.
  const nodeNoWrap = getProperty(env, ctx.frames, 'noWrap') === true;
  const runs = nodeNoWrap ? own.map((r) => ({ ...r, noWrap: true })) : own;
  const lines = breakRuns(runs, ctx.width, {
    phrases: env.phrases,
    cache: env.breaks,
    firstLineIndent: num(getStyleProperty(env, ctx.frames, items[0], 'leadingIndent')),
    preserveLeadingSpaces: getStyleProperty(env, ctx.frames, items[0], 'preserveLeadingSpaces') === true,
  });
  const out: Obj[] = [];
  let lastRun = 0;
  lines.forEach((pieces, i) => {
    for (const piece of pieces) {
      out.push(inlineWith(items[piece.run], piece.text, true));
      lastRun = piece.run;
    }
    // The newline carries the line's last style so it does not change the line's height.
    if (i < lines.length - 1) out.push(inlineWith(items[lastRun], '\n', false));
  });
  // Every line is made of noWrap inlines already; a node-level noWrap would hide the newlines.
  const rest: Obj = { ...node };
  if (nodeNoWrap) delete rest.noWrap;
  return { ...rest, text: out.length > 0 ? out : '' };
}

function processColumns(env: Env, ctx: Ctx, node: Obj): Obj {
  const columns = node.columns as unknown[];
  const gap = num(getProperty(env, ctx.frames, 'columnGap'));
  const available = ctx.width - (gap ? gap * (columns.length - 1) : 0);
  const specs = columns.map((col) => {
    const width = isObj(col) ? col.width : undefined;
    const elasticWidth = isObj(col) ? col.elasticWidth : undefined;
    const spec: ColumnSpec = { width, elasticWidth, min: 0, max: 0 };
    if (isAutoColumn(spec) || isStarColumn(spec) || elasticWidth) Object.assign(spec, measureMinMax(env, ctx.frames, col));
    return spec;
  });
  const widths = withinWidth(buildColumnWidths(specs, available, 0), available);
  return {
    ...node,
    columns: columns.map((col, i) => {
      const width = widths[i] ?? 0;
      const laid = processContent(env, { ...ctx, width, where: `${ctx.where}.columns[${i}]` }, col);
      // `width` of an image-like node is also its size, so those get a stack to carry it.
      if (isObj(laid) && laid.text === undefined && laid.stack === undefined && laid.columns === undefined && laid.table === undefined) {
        return { stack: [laid], width };
      }
      if (isObj(laid)) return { ...laid, width };
      return { stack: Array.isArray(laid) ? laid : [laid], width };
    }),
  };
}

function processTable(env: Env, ctx: Ctx, node: Obj): Obj {
  const table = node.table as Obj;
  const body = (Array.isArray(table.body) ? table.body : []) as unknown[][];
  const { widths, g } = resolveTableWidths(env, ctx.frames, node, ctx.width);
  const covered = coveredCells(body);
  const headerRows = headerRowsOf(node);
  const newBody = body.map((row, r) =>
    row.map((cell, c) => {
      if (covered.has(`${r},${c}`)) return cloneDeep(cell);
      let width = widths[c] ?? 0;
      for (let j = 1; j < spanOf(cell, 'colSpan'); j++) width += (widths[c + j] ?? 0) + (g.offsets[c + j] ?? 0);
      const fit = r < headerRows ? headerWordFit(env, ctx.frames, cell) : null;
      const fontSize = fit ? headerFontSize(fit, width) : null;
      const laid = fit && fontSize !== fit.fontSize ? { ...(cell as Obj), fontSize } : cell === null ? '' : cell;
      return processContent(env, { ...ctx, width, where: `${ctx.where}.table.body[${r}][${c}]` }, laid);
    }),
  );
  return { ...node, table: { ...table, widths, body: newBody } };
}

function processContent(env: Env, ctx: Ctx, content: unknown): unknown {
  if (content === null || content === undefined) return content;
  if (typeof content === 'string' || typeof content === 'number' || typeof content === 'boolean') {
    return processContent(env, ctx, { text: String(content) });
  }
  if (Array.isArray(content)) return content.map((c: unknown, i) => processContent(env, { ...ctx, where: `${ctx.where}[${i}]` }, c));
  if (!isObj(content)) return refuse(ctx.where, `a value of type ${typeof content}`);
  const node = content;
  checkVocabulary(node, ctx.where);
  let width = ctx.width;
  const abs = node.absolutePosition;
  if (isObj(abs)) width = ctx.pageWidth - num(abs.x) - ctx.pageRightMargin;
  else if (!node.relativePosition) {
    const m = nodeMargin(env, node);
    width -= m[0] + m[2];
  }
  const inner: Ctx = { ...ctx, width, frames: [...ctx.frames, ...framesOf(node)] };
  if (node.section !== undefined) return node; // handled by processSections at the top level
  if (Array.isArray(node.columns)) return processColumns(env, inner, node);
  if (node.stack !== undefined) return { ...node, stack: processContent(env, { ...inner, where: `${inner.where}.stack` }, node.stack) };
  if (isObj(node.table)) return processTable(env, inner, node);
  if (node.text !== undefined) return layoutText(env, inner, node);
  return cloneDeep(node);
}

// ---- document level -----------------------------------------------------------------------

interface PageGeometry {
  width: number;
  margins: { left: number; right: number };
}

function pageWidthOf(pageSize: unknown, orientation: unknown): number {
  let size: { width: number; height: number };
  if (typeof pageSize === 'string') {
    const known = PAGE_SIZES[pageSize.toUpperCase()];
    if (!known) throw new Error(`Thai layout does not know the page size "${pageSize}"`);
    size = { width: known[0], height: known[1] };
  } else if (isObj(pageSize)) {
    size = { width: num(pageSize.width), height: num(pageSize.height, Number.POSITIVE_INFINITY) };
  } else {
    const a4 = PAGE_SIZES.A4 as readonly [number, number];
    size = { width: a4[0], height: a4[1] };
  }
  const o = typeof orientation === 'string' ? orientation.toLowerCase() : '';
  if ((o === 'portrait' && size.width > size.height) || (o === 'landscape' && size.width < size.height)) return size.height;
  return size.width;
}

function pageMarginsOf(margins: unknown): { left: number; right: number } {
  if (typeof margins === 'number') return { left: margins, right: margins };
  if (Array.isArray(margins)) {
    if (margins.length === 2 || margins.length === 4) return { left: num(margins[0]), right: num(margins.length === 2 ? margins[0] : margins[2]) };
    throw new Error('Invalid pageMargins definition');
  }
  if (isObj(margins)) return { left: num(margins.left), right: num(margins.right) };
  return { left: 40, right: 40 }; // pdfmake's default
}

function pageCtx(page: PageGeometry): Ctx {
  return {
    width: page.width - page.margins.left - page.margins.right,
    frames: [],
    pageWidth: page.width,
    pageRightMargin: page.margins.right,
    where: 'content',
  };
}

type Repeatable = (...args: never[]) => unknown;

/** Header/footer/background are laid out per page, in a block as wide as the page. */
function repeatable(env: Env, value: unknown, isBackground: boolean): unknown {
  if (value === undefined || value === null) return value;
  const lay = (content: unknown, pageSize: ContextPageSize | undefined, fallbackWidth: number): unknown => {
    if (content === null || content === undefined) return content;
    const width = pageSize?.width ?? fallbackWidth;
    return processContent(env, { width, frames: [], pageWidth: width, pageRightMargin: 0, where: 'header/footer' }, content);
  };
  const fallback = pageWidthOf(undefined, undefined);
  if (typeof value === 'function') {
    const fn = value as Repeatable;
    if (isBackground) {
      return (currentPage: number, pageSize: ContextPageSize) =>
        lay((fn as (p: number, s: ContextPageSize) => unknown)(currentPage, pageSize), pageSize, fallback);
    }
    return (currentPage: number, pageCount: number, pageSize: ContextPageSize) =>
      lay((fn as (p: number, c: number, s: ContextPageSize) => unknown)(currentPage, pageCount, pageSize), pageSize, fallback);
  }
  if (isBackground) return (_p: number, pageSize: ContextPageSize) => lay(cloneDeep(value), pageSize, fallback);
  return (_p: number, _c: number, pageSize: ContextPageSize) => lay(cloneDeep(value), pageSize, fallback);
}

function processSections(env: Env, doc: Obj, content: unknown, page: PageGeometry): unknown {
  const walk = (c: unknown, where: string): unknown => {
    if (Array.isArray(c)) return c.map((item: unknown, i) => walk(item, `${where}[${i}]`));
    if (isObj(c) && c.section !== undefined) {
      const width = pageWidthOf(c.pageSize ?? doc.pageSize, c.pageOrientation ?? doc.pageOrientation);
      const margins = pageMarginsOf(c.pageMargins ?? doc.pageMargins);
      return {
        ...c,
        section: processContent(env, { ...pageCtx({ width, margins }), where: `${where}.section` }, c.section),
        ...(c.header !== undefined ? { header: repeatable(env, c.header, false) } : {}),
        ...(c.footer !== undefined ? { footer: repeatable(env, c.footer, false) } : {}),
        ...(c.background !== undefined ? { background: repeatable(env, c.background, true) } : {}),
      };
    }
    return processContent(env, { ...pageCtx(page), where }, c);
  };
  return walk(content, 'content');
}

/**
 * Returns a copy of `doc` whose every text is broken into lines at Thai word boundaries for
 * the width it will get, with ำ stored so that text copied out of the PDF is right. The input
 * is not modified. Throws when a text asks for a font other than Sarabun or a table names a
 * layout that is not known.
 */
export function layoutThaiDocument(doc: TDocumentDefinitions, options: ThaiLayoutOptions = {}): TDocumentDefinitions {
  const d = doc as unknown as Obj;
  const env: Env = {
    styles: (isObj(d.styles) ? d.styles : {}) as Record<string, Obj>,
    defaultStyle: isObj(d.defaultStyle) ? d.defaultStyle : {},
    tableLayouts: (options.tableLayouts ?? {}) as unknown as Record<string, Obj>,
    phrases: thaiPhrases(options.knownPhrases),
    breaks: new Map(),
  };
  const page: PageGeometry = { width: pageWidthOf(d.pageSize, d.pageOrientation), margins: pageMarginsOf(d.pageMargins) };
  const out: Obj = { ...d, content: processSections(env, d, d.content, page) as Content };
  if (d.header !== undefined) out.header = repeatable(env, d.header, false);
  if (d.footer !== undefined) out.footer = repeatable(env, d.footer, false);
  if (d.background !== undefined) out.background = repeatable(env, d.background, true);
  if (isObj(d.watermark) && typeof d.watermark.text === 'string') {
    out.watermark = { ...d.watermark, text: toPdfText(d.watermark.text) };
  } else if (typeof d.watermark === 'string') {
    out.watermark = toPdfText(d.watermark);
  }
  return out as unknown as TDocumentDefinitions;
}
