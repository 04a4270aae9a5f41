// Long file: header recognition is one piece (classify, find, map, report a header row);
// its helpers for two-level headers live in two-level-header.ts.
import { createHash } from 'node:crypto';
import { makeIssue, type Issue, type IssueMessage } from '../domain/issue-codes.ts';
import { normalizeText } from '../domain/normalize-text.ts';
import { resolveProducerType } from '../domain/producer-types.ts';
import { resolveCategory } from '../domain/product-categories.ts';
import { parseDateInput } from '../domain/thai-date.ts';
import {
  COLUMN_BY_KEY, REGISTRATION_COLUMNS, columnLabelKeys, headerKey, isRunningNumberTitle, resolveHeader, type ColumnKey,
} from '../domain/columns.ts';
import { combineHeaderRows, splitLevels, twoLevelKey } from './two-level-header.ts';
import type { SourceRecord } from './read/source-record.ts';

export { combineHeaderRows };

/** How a column of the file got its canonical column. */
export type HeaderVia = 'name' | 'alternatives' | 'explicit' | 'remembered';
/** Why a column of the file is not read. */
export type IgnoredReason = 'blank' | 'running-number' | 'unknown' | 'chosen' | 'duplicate';

/** A column a header may be, and how sure recognition is (0–1). */
export interface ColumnCandidate {
  key: ColumnKey;
  confidence: number;
}

/** What a person chose for one title: a column, or null to leave the column out. */
export interface HeaderChoice {
  key: ColumnKey | null;
  via: 'explicit' | 'remembered';
}

/** Choices made by a person (the upload's mapping, or the district's remembered one), by title. */
export interface HeaderOptions {
  chosen?: ReadonlyMap<string, HeaderChoice> | undefined;
}

/** One column of the file as recognised. */
export interface HeaderClass {
  key: ColumnKey | null;
  via: HeaderVia | null;
  ignored: IgnoredReason | null;
  /** For a column not mapped (or mapped by a person): the columns it may be, best first. */
  candidates: ColumnCandidate[];
}

/** Which canonical column each column of the file is, and how the file names it. */
export interface HeaderMapping {
  /** The row the headers are on (1 unless title rows come first). */
  headerRow: number;
  /** Headers as typed (tidied), one per column. */
  headers: string[];
  keys: (ColumnKey | null)[];
  indexOf: ReadonlyMap<ColumnKey, number>;
  /** How each column was recognised, or why it is ignored. */
  columns: HeaderClass[];
}

// How many leading non-blank rows may be titles above the header row (runLoad's rule too).
export const MAX_TITLE_ROWS = 10;
// Below this a candidate is noise; at or above SURE a title is close enough to ask about first.
const MIN_CONFIDENCE = 0.4;
const MAX_CANDIDATES = 6;
// Candidates the report offers per title.
const SHOWN_CANDIDATES = 3;

/** A title as a person typed it, folded only for case, spacing and Unicode form: the key of a choice. */
export function titleFold(title: string): string {
  return normalizeText(title).value.toLowerCase().replace(/\s+/g, '');
}

/** The header the user knows a column by: as typed in the file, else the template's Thai header. */
export function columnLabel(mapping: HeaderMapping, key: ColumnKey): string {
  const i = mapping.indexOf.get(key);
  return i === undefined ? COLUMN_BY_KEY.get(key)!.th : mapping.headers[i]!;
}

// Alternatives in one title: 'ตำบล/แขวง', 'เบอร์โทร หรือ มือถือ', 'Tel or Mobile', 'A | B'.
const ALTERNATIVE_SEPARATOR = /\s*(?:\/|\||หรือ|\bor\b)\s*/i;
const BRACKET_NOTES = /\(([^()]*)\)|\[([^\]]*)\]|（([^（）]*)）/g;

/** The columns the parts of a title name: the parts outside brackets, then the notes inside. */
function alternativeKeys(title: string): { main: ColumnKey[]; notes: ColumnKey[] } {
  const text = normalizeText(title).value;
  const notes: string[] = [];
  const outside = text.replace(BRACKET_NOTES, (_m, a: string | undefined, b: string | undefined, c: string | undefined) => {
    notes.push(a ?? b ?? c ?? '');
    return ' ';
  });
  const keysOf = (parts: string[]) =>
    [...new Set(parts.flatMap((p) => p.split(ALTERNATIVE_SEPARATOR)).map(resolveHeader).filter((k): k is ColumnKey => k !== null))];
  return { main: keysOf([outside]), notes: keysOf(notes) };
}

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Dice coefficient of character bigrams: 1 for the same text, 0 for nothing in common. */
function dice(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
  const x = bigrams(a);
  const counts = new Map<string, number>();
  for (const g of x) counts.set(g, (counts.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of bigrams(b)) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(g, n - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + b.length - 1);
}

/** How much a folded title looks like one folded synonym (0–1). */
function likeness(title: string, label: string): number {
  if (title === label) return 1;
  let score = dice(title, label) * 0.85;
  // A synonym inside the title ('ชื่อตำบลที่ตั้ง' holds 'ชื่อตำบล'), or the title inside a synonym.
  if (label.length >= 3 && title.includes(label)) score = Math.max(score, 0.55 + 0.35 * (label.length / title.length));
  else if (title.length >= 3 && label.includes(title)) score = Math.max(score, 0.5 + 0.3 * (title.length / label.length));
  return score;
}

/** The columns a title may name, best first, each with a confidence (only those worth asking about). */
export function headerCandidates(title: string): ColumnCandidate[] {
  const folded = headerKey(title);
  if (folded === '') return [];
  const alt = alternativeKeys(title);
  const ambiguous = new Set([...alt.main, ...alt.notes]);
  const scored = REGISTRATION_COLUMNS.map((c) => {
    let best = 0;
    for (const label of columnLabelKeys(c.key)) best = Math.max(best, likeness(folded, label));
    if (ambiguous.has(c.key)) best = Math.max(best, 0.6);
    return { key: c.key, confidence: Math.round(Math.min(best, 0.95) * 100) / 100 };
  });
  return scored
    .filter((c) => c.confidence >= MIN_CONFIDENCE)
    .sort((a, b) => b.confidence - a.confidence || a.key.localeCompare(b.key))
    .slice(0, MAX_CANDIDATES);
}

/**
 * What one header names: a person's choice first, then blank and running-number columns
 * (ignored), then a column named exactly (template name, English name, synonym, abbreviation;
 * any case, spacing, punctuation, numbering, notes in brackets), then alternatives that all
 * name one column ('ตำบล/แขวง'). Anything else is unknown, with the columns it may be.
 */
export function classifyHeader(title: string, options: HeaderOptions = {}, withCandidates = true): HeaderClass {
  const candidates = () => (withCandidates ? headerCandidates(title) : []);
  const choice = options.chosen?.get(titleFold(title));
  if (choice) {
    return choice.key === null
      ? { key: null, via: null, ignored: 'chosen', candidates: candidates() }
      : { key: choice.key, via: choice.via, ignored: null, candidates: [] };
  }
  if (isRunningNumberTitle(title)) return { key: null, via: null, ignored: 'running-number', candidates: [] };
  const levels = splitLevels(title);
  if (levels) return classifyTwoLevel(levels.group, levels.sub, withCandidates);
  if (headerKey(title) === '' && normalizeText(title).value.replace(/[()[\]{}（）]/g, '').trim() === '') {
    return { key: null, via: null, ignored: 'blank', candidates: [] };
  }
  const exact = resolveHeader(title);
  if (exact) return { key: exact, via: 'name', ignored: null, candidates: [] };
  const alt = alternativeKeys(title);
  if (alt.main.length === 1) return { key: alt.main[0]!, via: 'alternatives', ignored: null, candidates: [] };
  if (alt.main.length === 0 && alt.notes.length === 1) return { key: alt.notes[0]!, via: 'alternatives', ignored: null, candidates: [] };
  return { key: null, via: null, ignored: 'unknown', candidates: candidates() };
}

/** A 'group › sub' title (two header rows combined): the column the two name, else unsure with both's candidates. */
function classifyTwoLevel(group: string, sub: string, withCandidates: boolean): HeaderClass {
  const key = twoLevelKey(group, sub);
  if (key) return { key, via: 'name', ignored: null, candidates: [] };
  if (isRunningNumberTitle(sub)) return { key: null, via: null, ignored: 'running-number', candidates: [] };
  const best = new Map<ColumnKey, number>();
  if (withCandidates) {
    for (const c of [...headerCandidates(`${sub} ${group}`), ...headerCandidates(`${group} ${sub}`), ...headerCandidates(sub)]) {
      best.set(c.key, Math.max(best.get(c.key) ?? 0, c.confidence));
    }
  }
  const candidates = [...best].map(([k, confidence]) => ({ key: k, confidence }))
    .sort((a, b) => b.confidence - a.confidence || a.key.localeCompare(b.key)).slice(0, MAX_CANDIDATES);
  return { key: null, via: null, ignored: 'unknown', candidates };
}

/**
 * The header as the load reads it: the header row itself, or — when the next non-blank row is a
 * row of sub-titles under group titles — the two combined (two-level-header.ts), numbered as the
 * lower row. `next` is null at the end of the file.
 */
export function withSubTitles(header: SourceRecord, next: SourceRecord | null): { header: SourceRecord; combined: boolean } {
  const combined = next ? combineHeaderRows(header, next) : null;
  return combined ? { header: combined, combined: true } : { header, combined: false };
}

/** How many canonical columns a row would map: used to find the header row under title rows. */
export function recognisedColumns(cells: readonly string[], options: HeaderOptions = {}): number {
  return new Set(cells.map((c) => classifyHeader(c, options, false).key).filter((k) => k !== null)).size;
}

/** Whether a row is the header row (at least two columns recognised); title rows above it are skipped. */
export function isHeaderRow(cells: readonly string[], options: HeaderOptions = {}): boolean {
  return recognisedColumns(cells, options) >= 2;
}

/** The header row's identity: its titles, folded, in order. The same layout has the same signature. */
export function headerSignature(cells: readonly string[]): string {
  const titles = cells.map(titleFold);
  while (titles.length > 0 && titles[titles.length - 1] === '') titles.pop();
  return createHash('sha256').update(titles.join('\u001f')).digest('hex').slice(0, 32);
}

function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The missing-column issue: what is missing, where it was looked for, why it matters, and what may be it. */
function missingColumnIssue(spec: (typeof REGISTRATION_COLUMNS)[number], headerRow: number, headers: string[], columns: HeaderClass[]): Issue {
  const maybe = columns
    .map((c, i) => ({ i, c: c.candidates.find((k) => k.key === spec.key) }))
    .filter((x) => x.c !== undefined && columns[x.i]!.key === null)
    .sort((a, b) => b.c!.confidence - a.c!.confidence)
    .map((x) => ({ title: headers[x.i]!, where: `"${headers[x.i]}" (${columnLetter(x.i)})` }));
  const hint = maybe[0] ? `--map "${maybe[0].title}=${spec.key}"` : '';
  const list = maybe.map((m) => m.where).join(', ');
  const th = [
    `${spec.th} (${spec.key}) ไม่มีหัวคอลัมน์ใดในแถวที่ ${headerRow} ตรงกับคอลัมน์นี้ ซึ่งทุกแถวต้องมี`,
    maybe.length > 0 ? `คอลัมน์ ${list} อาจเป็นคอลัมน์นี้: เลือกในหน้าจับคู่คอลัมน์ หรือ ${hint}` : 'เพิ่มคอลัมน์นี้ในไฟล์ (ดูแบบฟอร์มนำเข้า) หรือจับคู่หัวคอลัมน์ที่ใช้แทน',
  ].join('; ');
  const en = [
    `${spec.en} (${spec.key}): no header in row ${headerRow} names this column, which every row needs`,
    maybe.length > 0 ? `column ${list} may be it: pick it on the mapping screen, or ${hint}` : 'add the column to the file (see the import template), or map the title used instead',
  ].join('; ');
  return makeIssue('missing-column', { column: spec.th, detail: { th, en } });
}

/**
 * Maps a header row. A required column that is missing, or a column given twice, refuses the
 * file (one issue per column, so the user sees the whole list at once). Columns not read
 * (blank, running numbers, unknown titles) are listed in `columns` with why.
 */
export function mapHeaders(cells: readonly string[], headerRow: number, options: HeaderOptions = {}): { mapping: HeaderMapping; issues: Issue[] } {
  const headers = cells.map((c) => normalizeText(c).value);
  const columns = headers.map((h) => classifyHeader(h, options));
  const keys = columns.map((c) => c.key);
  const indexOf = new Map<ColumnKey, number>();
  const issues: Issue[] = [];
  keys.forEach((key, i) => {
    if (key === null) return;
    const first = indexOf.get(key);
    if (first === undefined) {
      indexOf.set(key, i);
      return;
    }
    issues.push(
      makeIssue('duplicate-column', {
        row: headerRow,
        column: headers[i]!,
        value: headers[i]!,
        detail: {
          th: `ซ้ำกับคอลัมน์ "${headers[first]}" (${columnLetter(first)}): เลือกคอลัมน์ที่ถูกต้องในหน้าจับคู่คอลัมน์ หรือ --map "${headers[i]}=-" เพื่อไม่ใช้คอลัมน์นี้`,
          en: `same column as "${headers[first]}" (${columnLetter(first)}): pick the right one on the mapping screen, or --map "${headers[i]}=-" to leave this one out`,
        },
      }),
    );
  });
  for (const spec of REGISTRATION_COLUMNS) {
    if (spec.required && !indexOf.has(spec.key)) issues.push(missingColumnIssue(spec, headerRow, headers, columns));
  }
  return { mapping: { headerRow, headers, keys, indexOf, columns }, issues };
}

/** One column of the file in the report: its title, what it was mapped to and how, or why not. */
export interface ReportedColumn {
  index: number;
  /** Spreadsheet letter: A, B, … */
  letter: string;
  header: string;
  key: ColumnKey | null;
  via: HeaderVia | null;
  ignored: IgnoredReason | null;
  candidates: ColumnCandidate[];
  /** A few values from the column (the answer only; never stored). */
  samples?: string[];
}

const PERSON_OR_GROUP = /^(?:กลุ่ม|นาย|นาง|น\.ส\.|บริษัท|ห้างหุ้นส่วน|หจก|วิสาหกิจ|สหกรณ์)/;
const SHAPES: Partial<Record<ColumnKey, (v: string) => boolean>> = {
  citizen_id: (v) => /^\d{13}$/.test(v.replace(/[\s-]/g, '')),
  phone: (v) => /^0\d{8,9}$/.test(v.replace(/[\s-]/g, '')),
  producer_name: (v) => PERSON_OR_GROUP.test(v),
  contact_name: (v) => /^(?:นาย|นาง|น\.ส\.)/.test(v),
  producer_type: (v) => resolveProducerType(v) !== null,
  category: (v) => resolveCategory(v) !== null,
  registered_date: (v) => parseDateInput(v).ok,
  stars: (v) => /^[1-5]$/.test(v),
  village_no: (v) => /^\d{1,2}$/.test(v),
  members: (v) => /^\d{1,4}$/.test(v),
};

/**
 * What the column's values say about a candidate (−0.2 to +0.2): 13-digit numbers are IDs,
 * 'กลุ่ม…' and 'นาง…' are names, 'อาหาร' a category. Columns without a shape to check say nothing.
 */
function sampleEvidence(key: ColumnKey, samples: readonly string[]): number {
  const shape = SHAPES[key];
  if (!shape || samples.length === 0) return 0;
  const share = samples.filter(shape).length / samples.length;
  return share >= 0.5 ? 0.2 * share : -0.2 * (1 - share);
}

/** The header step of a submission, as the report shows it. */
export interface HeaderReport {
  headerRow: number;
  signature: string;
  /** 'remembered': the district's confirmed mapping of this layout was applied; 'explicit': the upload gave one. */
  source: 'recognised' | 'explicit' | 'remembered';
  columns: ReportedColumn[];
  /** Required columns no header maps to. */
  missing: ColumnKey[];
  /** A person should map: a required column is missing, or a title is duplicated or unsure. */
  needsMapping: boolean;
  /** Said to the user: which columns were not read, and why. */
  notices: IssueMessage[];
}

const IGNORED_WHY: Record<IgnoredReason, IssueMessage> = {
  blank: { th: 'ไม่มีหัวคอลัมน์', en: 'no title' },
  'running-number': { th: 'เป็นเลขลำดับแถว', en: 'a running number' },
  unknown: { th: 'ไม่รู้จักหัวคอลัมน์นี้', en: 'title not recognised' },
  chosen: { th: 'เลือกไม่ใช้', en: 'left out by choice' },
  duplicate: { th: 'ซ้ำกับคอลัมน์อื่น', en: 'duplicates another column' },
};

/**
 * The report's view of a header row: each column with its mapping, candidates and samples,
 * what is missing, whether a person should map, and a notice naming the columns not read.
 * Blank-titled columns are named only when the sample rows hold something in them.
 */
export function headerReport(mapping: HeaderMapping, samples: readonly (readonly string[])[], options: { source: HeaderReport['source'] }): HeaderReport {
  const width = Math.max(mapping.headers.length, ...samples.map((r) => r.length));
  const mapped = new Set(mapping.indexOf.keys());
  const missingKeys = new Set(REGISTRATION_COLUMNS.filter((c) => c.required && !mapped.has(c.key)).map((c) => c.key));
  // Columns another header already holds go last; required columns still missing come first.
  // The values in the column count too ('กลุ่ม…' is a name, not a subdistrict).
  const rank = (list: ColumnCandidate[], values: readonly string[]): ColumnCandidate[] =>
    list
      .map((c) => ({
        key: c.key,
        confidence: Math.round(Math.max(0.05, Math.min(0.95, c.confidence + (missingKeys.has(c.key) ? 0.1 : 0) + sampleEvidence(c.key, values))) * 100) / 100,
      }))
      .sort((a, b) => Number(mapped.has(a.key)) - Number(mapped.has(b.key)) || b.confidence - a.confidence || a.key.localeCompare(b.key));
  const seen = new Set<ColumnKey>();
  const columns: ReportedColumn[] = [];
  for (let i = 0; i < width; i++) {
    const header = mapping.headers[i] ?? '';
    const cls = mapping.columns[i] ?? { key: null, via: null, ignored: 'blank' as const, candidates: [] };
    const values = samples.map((r) => normalizeText(r[i] ?? '').value).filter((v) => v !== '');
    if (cls.ignored === 'blank' && values.length === 0) continue;
    const duplicate = cls.key !== null && seen.has(cls.key);
    if (cls.key !== null) seen.add(cls.key);
    columns.push({
      index: i,
      letter: columnLetter(i),
      header,
      key: duplicate ? null : cls.key,
      via: duplicate ? null : cls.via,
      ignored: duplicate ? 'duplicate' : cls.ignored,
      candidates: duplicate ? [{ key: cls.key!, confidence: 0.5 }] : rank(cls.candidates, values).slice(0, SHOWN_CANDIDATES),
      samples: values.slice(0, 3).map((v) => (v.length > 60 ? `${v.slice(0, 59)}…` : v)),
    });
  }
  const missing = [...missingKeys];
  // Unsure: two titles for one column, or a title that may be a column no other title holds.
  const unsure = columns.some((c) => c.ignored === 'duplicate' || (c.ignored === 'unknown' && c.candidates.some((k) => !mapped.has(k.key))));
  const ignored = columns.filter((c) => c.ignored !== null && c.ignored !== 'chosen');
  const notices: IssueMessage[] = [];
  if (ignored.length > 0) {
    const list = (lang: 'th' | 'en') => ignored.map((c) => `${c.letter} "${c.header}" (${IGNORED_WHY[c.ignored!][lang]})`).join(', ');
    notices.push({ th: `คอลัมน์ที่ไม่ได้นำเข้า: ${list('th')}`, en: `Columns not loaded: ${list('en')}` });
  }
  return {
    headerRow: mapping.headerRow,
    signature: headerSignature(mapping.headers),
    source: options.source,
    columns,
    missing,
    needsMapping: missing.length > 0 || unsure,
    notices,
  };
}

/** Words that leave a column out when given as its column: '-', 'ignore', 'ไม่ใช้' or nothing. */
const LEAVE_OUT = new Set(['', '-', 'ignore', 'none', 'skip', 'ไม่ใช้', 'ไม่นำเข้า']);

/**
 * The column a person named for a title ('phone', 'โทรศัพท์', 'Phone'), null to leave the
 * column out, or undefined when it names no column.
 */
export function resolveColumnChoice(value: string): ColumnKey | null | undefined {
  const v = normalizeText(value).value;
  if (LEAVE_OUT.has(v.toLowerCase())) return null;
  if (COLUMN_BY_KEY.has(v as ColumnKey)) return v as ColumnKey;
  return resolveHeader(v) ?? undefined;
}

/** A person's mapping as header options: titles folded, each choice marked with where it came from. */
export function headerChoices(
  remembered: Readonly<Record<string, ColumnKey | null>> | null,
  explicit: Readonly<Record<string, ColumnKey | null>> | null,
): HeaderOptions {
  const chosen = new Map<string, HeaderChoice>();
  for (const [title, key] of Object.entries(remembered ?? {})) chosen.set(titleFold(title), { key, via: 'remembered' });
  for (const [title, key] of Object.entries(explicit ?? {})) chosen.set(titleFold(title), { key, via: 'explicit' });
  return { chosen };
}
