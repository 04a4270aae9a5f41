import { normalizeText } from '../domain/normalize-text.ts';
import { isHeaderRow, MAX_TITLE_ROWS, recognisedColumns, withSubTitles, type HeaderOptions } from './map-headers.ts';
import type { SourceRecord } from './read/source-record.ts';
import { combineHeaderRows } from './two-level-header.ts';

/** The header row found (one row, or two combined) and the rows read after it while looking. */
export interface HeaderRowFound {
  header: SourceRecord;
  rest: SourceRecord[];
}

// A group title is a title: short, no year or date in it (a document title has both).
const MAX_GROUP_TITLE_CHARS = 40;
const TITLE_DIGITS = /\d{4,}|\d{1,2}\/\d{1,2}\/\d{2,4}/;

const tidy = (c: string) => normalizeText(c).value;
/** A row whose every cell is empty once tidied (spaces, invisible characters). */
export const isBlankRecord = (cells: readonly string[]) => cells.every((c) => tidy(c) === '');

/**
 * A row of group titles standing alone above the sub-title row ('ข้อมูลผู้ผลิต' over 'ชื่อ |
 * เลขประจำตัวประชาชน | ประเภท', 'ที่อยู่' over 'เลขที่ | หมู่ที่ | ตำบล', 'ลำดับ' merged down over
 * both rows), combined with it as 'group › sub'; null when the upper row is not one. It is not
 * when it is a document title: a title cell standing alone over every sub-title (merged across
 * the sheet in XLSX, written once in CSV), or a long title, or one with a year or a date. And
 * it is taken only when it says something: the two rows together name more columns than the
 * sub-title row alone, and at least two.
 */
export function combineGroupRow(upper: SourceRecord, lower: SourceRecord, options: HeaderOptions = {}): SourceRecord | null {
  const up = upper.cells.map(tidy);
  const low = lower.cells.map(tidy);
  const titled = up.flatMap((c, i) => (c === '' ? [] : [i]));
  if (titled.length === 0 || titled.some((i) => up[i]!.length > MAX_GROUP_TITLE_CHARS || TITLE_DIGITS.test(up[i]!))) return null;
  const firstSub = low.findIndex((c) => c !== '');
  const lone = titled.length === 1 ? titled[0]! : null;
  // One title over the first sub-title and everything right of it: the document's title (one
  // over a blank sub-title is a column's own title merged down, and may be all the row has).
  if (lone !== null && (low[lone] ?? '') !== '' && lone <= firstSub) return null;
  const combined = combineHeaderRows(upper, lower);
  if (!combined || !isHeaderRow(combined.cells, options)) return null;
  return recognisedColumns(combined.cells, options) > recognisedColumns(lower.cells, options) ? combined : null;
}

/**
 * Finds the header row among the first rows of a file, one record at a time: the first row
 * naming at least two columns, else (after MAX_TITLE_ROWS non-blank rows, or at the end of the
 * file) the first non-blank row. Two-level headers either way round: the header row combined
 * with the row of sub-titles under it (withSubTitles), or a row of group titles directly above
 * combined with the row under it (combineGroupRow), whichever of the two was seen as the header.
 * The load (pipeline/load/header-row.ts) and the dry run's preview (preview-header.ts) both
 * search with this, so the two always agree.
 */
export class HeaderRowSearch {
  private readonly candidates: SourceRecord[] = [];
  /** The header row found, held until the next non-blank row says whether it has sub-titles. */
  private held: SourceRecord | null = null;

  constructor(private readonly options: HeaderOptions = {}) {}

  /** Takes the next record; returns the header once it is known, else null. */
  offer(record: SourceRecord): HeaderRowFound | null {
    if (isBlankRecord(record.cells)) return null;
    if (this.held) {
      const { header, combined } = withSubTitles(this.held, record);
      this.held = null;
      return { header, rest: combined ? [] : [record] };
    }
    const above = this.candidates.at(-1);
    this.candidates.push(record);
    if (above && above.row + 1 === record.row) {
      const grouped = combineGroupRow(above, record, this.options);
      if (grouped) {
        this.candidates.length = 0;
        return { header: grouped, rest: [] };
      }
    }
    if (isHeaderRow(record.cells, this.options)) {
      this.held = this.candidates.splice(0).at(-1)!;
      return null;
    }
    if (this.candidates.length >= MAX_TITLE_ROWS) return this.end();
    return null;
  }

  /** At the end of the file (or of looking): the header held, else the first non-blank row, else null. */
  end(): HeaderRowFound | null {
    if (this.held) {
      const header = this.held;
      this.held = null;
      return { header, rest: [] };
    }
    const [header, ...rest] = this.candidates.splice(0);
    return header ? { header, rest } : null;
  }
}
