import { groupTitleCore, resolveHeader, type ColumnKey } from '../domain/columns.ts';
import { normalizeText } from '../domain/normalize-text.ts';
import type { SourceRecord } from './read/source-record.ts';

/**
 * Two-level headers: a group title over sub-titles ('ที่อยู่' over 'เลขที่ | หมู่ที่ | ตำบล',
 * 'ผลิตภัณฑ์' over 'ชื่อ | ประเภท'), either row the one naming columns (a row of group titles
 * alone above the sub-titles: pipeline/header-row-search.ts). The two rows become one header
 * row whose titles read 'group › sub' (the officer sees both), mapped by twoLevelKey. In XLSX
 * a merged group cell is its first cell, the rest blank (the reader streams the rows and the
 * sheet lists its merges after them, so merges are not read); in CSV the group title repeats or
 * is blank across its span. A title merged down over both rows is an upper cell over a blank.
 */
export const LEVEL_SEPARATOR = ' › ';

const blank = (s: string) => normalizeText(s).value === '';
// A data row always has a citizen ID (13 digits), a phone or a date: sub-titles carry none.
const DATA_DIGITS = /\d{4,}/;
// A title, not a value: short.
const MAX_SUB_TITLE_CHARS = 30;

/** A combined title's group and sub-title, or null for a title of one level. */
export function splitLevels(title: string): { group: string; sub: string } | null {
  const at = title.indexOf(LEVEL_SEPARATOR.trim());
  if (at < 0) return null;
  return { group: title.slice(0, at).trim(), sub: title.slice(at + 1).trim() };
}

/**
 * The column a sub-title names under its group: the two together when they name one column
 * ('ชื่อ' + 'ผลิตภัณฑ์' = 'ชื่อผลิตภัณฑ์', 'Product' + 'Name'), else the sub-title alone
 * ('ตำบล' under 'ที่อยู่'). The group first: 'Name' alone is the producer's, under 'Product'
 * it is the product's. Null when neither names a column, or the two orders disagree.
 */
export function twoLevelKey(group: string, sub: string): ColumnKey | null {
  // The group as written, and what it is about ('ข้อมูลผู้ผลิต' → 'ผู้ผลิต').
  const groups = [...new Set([group, groupTitleCore(group)])];
  const keys = new Set(
    groups.flatMap((g) => [resolveHeader(`${sub}${g}`), resolveHeader(`${g} ${sub}`), resolveHeader(`${sub} ${g}`)]).filter((k): k is ColumnKey => k !== null),
  );
  if (keys.size === 1) return [...keys][0]!;
  if (keys.size > 1) return null;
  return resolveHeader(sub);
}

/**
 * The header row and the row under it as one header row, when the row under it is a row of
 * sub-titles: no data-like cell (long digit runs, long text), at least two of its titles naming
 * a column (with their group), and at least one under a group. Null when it is not (it is data).
 * The combined row takes the lower row's number: data starts after it.
 */
export function combineHeaderRows(upper: SourceRecord, lower: SourceRecord): SourceRecord | null {
  const width = Math.max(upper.cells.length, lower.cells.length);
  const up = Array.from({ length: width }, (_, i) => normalizeText(upper.cells[i] ?? '').value);
  const low = Array.from({ length: width }, (_, i) => normalizeText(lower.cells[i] ?? '').value);
  const filled = low.filter((c) => !blank(c));
  if (filled.length === 0 || filled.some((c) => DATA_DIGITS.test(c) || c.length > MAX_SUB_TITLE_CHARS)) return null;
  // Each column's group: its own upper title, or the one a merged (or blank-continued) span
  // started with, when the span's first column has a sub-title too.
  const groups: string[] = [];
  let span: string | null = null;
  for (let i = 0; i < width; i++) {
    if (!blank(up[i]!)) span = blank(low[i]!) ? null : up[i]!;
    else if (blank(low[i]!)) span = null;
    groups.push(!blank(up[i]!) ? up[i]! : (span ?? ''));
  }
  let named = 0;
  let grouped = 0;
  const cells = up.map((_, i) => {
    const group = groups[i]!;
    const sub = low[i]!;
    if (blank(sub)) return group;
    if (twoLevelKey(group, sub) !== null) named++;
    if (blank(group)) return sub;
    grouped++;
    return `${group}${LEVEL_SEPARATOR}${sub}`;
  });
  if (grouped === 0 || named < 2 || named * 2 < filled.length) return null;
  return { row: lower.row, cells };
}
