import type { Issue } from '../../domain/issue-codes.ts';
import { HeaderRowSearch, type HeaderRowFound } from '../header-row-search.ts';
import { mapHeaders, type HeaderMapping, type HeaderOptions } from '../map-headers.ts';
import type { SourceRecord } from '../read/source-record.ts';

/** The header row found: its mapping (or the issues refusing it) and the rows read after it while looking. */
export interface FoundHeader {
  mapping: HeaderMapping;
  issues: Issue[];
  rest: SourceRecord[];
}

/**
 * Finds and maps the header row of the file being loaded (HeaderRowSearch: under title rows,
 * two-level headers combined). The only place the load calls header recognition
 * (pipeline/map-headers.ts).
 */
export class HeaderRowFinder {
  private readonly search: HeaderRowSearch;

  /** `options`: titles a person mapped, which count as recognised. */
  constructor(private readonly options: HeaderOptions = {}) {
    this.search = new HeaderRowSearch(options);
  }

  /** Takes the next record; returns the header once it is known, else null. */
  offer(record: SourceRecord): FoundHeader | null {
    const found = this.search.offer(record);
    return found ? this.take(found) : null;
  }

  /** At the end of the file: the header, or null when there was no non-blank row. */
  end(): FoundHeader | null {
    const found = this.search.end();
    return found ? this.take(found) : null;
  }

  private take({ header, rest }: HeaderRowFound): FoundHeader {
    const { mapping, issues } = mapHeaders(header.cells, header.row, this.options);
    return { mapping, issues, rest };
  }
}
