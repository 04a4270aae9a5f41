import type { ComponentChildren } from 'preact';
import { formatDate } from '../format/format-date.ts';
import { formatNumber, formatPercent } from '../format/format-number.ts';
import type { DisplayLocale } from '../format/display-locale.ts';
import type { Lang } from '../i18n/messages.ts';

/** How a column's value reads: text, a whole number, a ratio shown as a percent, or a day (ISO YYYY-MM-DD). */
export type ColumnKind = 'text' | 'integer' | 'percent' | 'date';

/** A cell's raw value: what it sorts by and what the Excel download holds. */
export type CellValue = string | number | null;

/**
 * One column of a DataTable, declared once for the screen, the sort and the Excel download:
 * `value` is the raw figure (a number stays a number in Excel), `cell` an optional richer
 * rendering on screen (a link, a badge); without it the cell is `cellText`.
 */
export interface TableColumn<T> {
  key: string;
  /** The header, already in the reader's language. */
  label: string;
  kind?: ColumnKind;
  value: (row: T) => CellValue;
  cell?: (row: T) => ComponentChildren;
  /** The row's name (a `<th scope="row">`): the first column of an area table. */
  rowHeader?: boolean;
  /** Sortable by a header button (client-side tables); a number column sorts descending first. */
  sortable?: boolean;
  /** A header read by screen readers only (an actions column). */
  hiddenLabel?: boolean;
  /** Left out of the Excel download (buttons, links that only act). */
  noExport?: boolean;
  /** What the column sorts by when it differs from the value ("3 / 8" sorts by 0.375). */
  sortValue?: (row: T) => CellValue;
  /** Extra class of the column's cells ('mono' for codes, 'num' to right-align a text figure). */
  className?: string;
  /** A class per cell (a state colour). */
  cellClass?: (row: T) => string | undefined;
}

export const isNumeric = (kind: ColumnKind | undefined) => kind === 'integer' || kind === 'percent';

/** A value as the screen shows it: digits grouped, percents, BE dates, "–" for blank. */
export function cellText(kind: ColumnKind | undefined, value: CellValue, locale: DisplayLocale): string {
  if (value === null || value === '') return '–';
  if (typeof value === 'number') return kind === 'percent' ? formatPercent(value, locale) : formatNumber(value, locale);
  if (kind === 'date' && /^\d{4}-\d{2}-\d{2}/.test(value)) return formatDate(value.slice(0, 10), locale);
  return value;
}

export interface SortState {
  key: string;
  dir: 1 | -1;
}

/**
 * Rows ordered by one column (numbers by value, text in the language's collation, blanks
 * last); equal rows keep their given order, so the caller's order is the tie-break.
 */
export function sortRows<T>(rows: readonly T[], columns: readonly TableColumn<T>[], sort: SortState | null, lang: Lang): T[] {
  const col = sort ? columns.find((c) => c.key === sort.key) : undefined;
  if (!sort || !col) return [...rows];
  const collator = new Intl.Collator(lang === 'en' ? 'en' : 'th', { numeric: true });
  const value = col.sortValue ?? col.value;
  return rows
    .map((row, i) => ({ row, i, v: value(row) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : collator.compare(String(a.v), String(b.v));
      return c * sort.dir || a.i - b.i;
    })
    .map((x) => x.row);
}

/** The next sort after a click on a column's header: the same column flips, a new one starts descending for numbers. */
export function nextSort(current: SortState | null, column: { key: string; kind?: ColumnKind }): SortState {
  if (current?.key === column.key) return { key: column.key, dir: current.dir === 1 ? -1 : 1 };
  return { key: column.key, dir: isNumeric(column.kind) ? -1 : 1 };
}

/** The body of POST /api/tables.xlsx. */
export interface TableDownload {
  title: string;
  columns: { label: string; kind: ColumnKind }[];
  rows: CellValue[][];
}

/** A table as its Excel download: the exported columns' labels and kinds, and each row's raw values. */
export function tableDownload<T>(title: string, columns: readonly TableColumn<T>[], rows: readonly T[]): TableDownload {
  const shown = columns.filter((c) => !c.noExport);
  return {
    title,
    columns: shown.map((c) => ({ label: c.label, kind: c.kind ?? 'text' })),
    rows: rows.map((r) => shown.map((c) => c.value(r))),
  };
}

/** What an empty list says: nothing yet, or nothing matching the search/filters. */
export function emptyMessage(filtered: boolean, t: { state: { empty: string }; attention: { noMatch: string } }): string {
  return filtered ? t.attention.noMatch : t.state.empty;
}
