import { makeIssue, type Issue } from '../domain/issue-codes.ts';
import { normalizeText } from '../domain/normalize-text.ts';
import { COLUMN_BY_KEY, REGISTRATION_COLUMNS, resolveHeader, type ColumnKey } from '../domain/columns.ts';

/** Which canonical column each column of the file is, and how the file names it. */
export interface HeaderMapping {
  /** The row the headers are on (1 unless title rows come first). */
  headerRow: number;
  /** Headers as typed (tidied), one per column. */
  headers: string[];
  keys: (ColumnKey | null)[];
  indexOf: ReadonlyMap<ColumnKey, number>;
}

/** The header the user knows a column by: as typed in the file, else the template's Thai header. */
export function columnLabel(mapping: HeaderMapping, key: ColumnKey): string {
  const i = mapping.indexOf.get(key);
  return i === undefined ? COLUMN_BY_KEY.get(key)!.th : mapping.headers[i]!;
}

/** How many canonical columns a row would map: used to find the header row under title rows. */
export function recognisedColumns(cells: readonly string[]): number {
  return new Set(cells.map(resolveHeader).filter((k) => k !== null)).size;
}

/**
 * Maps a header row. A required column that is missing, or a column given twice, refuses the
 * file (one issue per column, so the user sees the whole list at once).
 */
export function mapHeaders(cells: readonly string[], headerRow: number): { mapping: HeaderMapping; issues: Issue[] } {
  const headers = cells.map((c) => normalizeText(c).value);
  const keys = headers.map(resolveHeader);
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
        detail: { th: `ซ้ำกับคอลัมน์ "${headers[first]}"`, en: `same column as "${headers[first]}"` },
      }),
    );
  });
  for (const spec of REGISTRATION_COLUMNS) {
    if (spec.required && !indexOf.has(spec.key)) {
      issues.push(
        makeIssue('missing-column', {
          column: spec.th,
          detail: { th: `${spec.th} (${spec.key})`, en: `${spec.en} (${spec.key})` },
        }),
      );
    }
  }
  return { mapping: { headerRow, headers, keys, indexOf }, issues };
}
