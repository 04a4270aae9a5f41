import type { Issue } from '../../domain/issue-codes.ts';
import { isHeaderRow, mapHeaders, MAX_TITLE_ROWS, withSubTitles, type HeaderMapping, type HeaderOptions } from '../map-headers.ts';
import { normalizeCell } from '../normalize-cell.ts';
import type { SourceRecord } from '../read/source-record.ts';


/** The header row found: its mapping (or the issues refusing it) and the rows read after it while looking. */
export interface FoundHeader {
  mapping: HeaderMapping;
  issues: Issue[];
  rest: SourceRecord[];
}

/**
 * Finds the header row among the first rows of a file: the first row naming at least two
 * columns, else (after MAX_TITLE_ROWS non-blank rows, or at the end of the file) the first
 * non-blank row; combined with the row under it when that is a row of sub-titles (two-level
 * headers, withSubTitles). The only place the load calls header recognition (pipeline/map-headers.ts).
 */
export class HeaderRowFinder {
  private readonly candidates: SourceRecord[] = [];
  /** The header row found, held until the next non-blank row says whether it has sub-titles. */
  private held: SourceRecord | null = null;

  /** `options`: titles a person mapped, which count as recognised. */
  constructor(private readonly options: HeaderOptions = {}) {}

  /** Takes the next record; returns the header once it is known, else null. */
  offer(record: SourceRecord): FoundHeader | null {
    if (record.cells.every((c) => normalizeCell(c).value === '')) return null;
    if (this.held) {
      const { header, combined } = withSubTitles(this.held, record);
      this.held = null;
      return this.take(header, combined ? [] : [record]);
    }
    this.candidates.push(record);
    if (isHeaderRow(record.cells, this.options)) {
      this.held = this.candidates.splice(0).at(-1)!;
      return null;
    }
    if (this.candidates.length >= MAX_TITLE_ROWS) return this.end();
    return null;
  }

  /** At the end of the file: the first non-blank row as the header, or null when there was none. */
  end(): FoundHeader | null {
    if (this.held) {
      const header = this.held;
      this.held = null;
      return this.take(header, []);
    }
    const [header, ...rest] = this.candidates.splice(0);
    return header ? this.take(header, rest) : null;
  }

  private take(header: SourceRecord, rest: SourceRecord[]): FoundHeader {
    const { mapping, issues } = mapHeaders(header.cells, header.row, this.options);
    return { mapping, issues, rest };
  }
}
