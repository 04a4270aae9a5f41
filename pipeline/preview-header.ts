import { HeaderRowSearch, isBlankRecord, type HeaderRowFound } from './header-row-search.ts';
import type { HeaderOptions } from './map-headers.ts';
import type { RecordSource } from './read/open-records.ts';
import type { SourceRecord } from './read/source-record.ts';

/** The first rows of a file, read ahead: its header row (under any title rows) and a few data rows. */
export interface HeaderPreview {
  /** The same records, from the first: what was read ahead is handed out again. */
  records: RecordSource;
  header: SourceRecord | null;
  /** Non-blank rows right after the header (for the mapping screen's sample values). */
  samples: string[][];
  /** Stops the reader (closes its file) if the load did not read to the end. */
  close: () => Promise<void>;
}

const SAMPLE_ROWS = 5;

/**
 * Reads ahead to the header row the load will take (the same HeaderRowSearch: under title rows,
 * two-level headers combined) and a few rows after it, without losing them: the returned
 * records start from the first row again. A read error met while reading ahead is raised where the load would have met it.
 */
export async function previewHeader(source: RecordSource, options: HeaderOptions = {}): Promise<HeaderPreview> {
  const iterator = source.batches[Symbol.asyncIterator]();
  const buffered: SourceRecord[][] = [];
  let failure: { error: unknown } | null = null;
  let done = false;
  const search = new HeaderRowSearch(options);
  let header: SourceRecord | null = null;
  const samples: string[][] = [];
  const found = (f: HeaderRowFound | null) => {
    if (!f) return;
    header = f.header;
    samples.push(...f.rest.slice(0, SAMPLE_ROWS).map((r) => r.cells));
  };
  try {
    while (samples.length < SAMPLE_ROWS) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      buffered.push(next.value);
      for (const record of next.value) {
        if (!header) found(search.offer(record));
        else if (!isBlankRecord(record.cells) && samples.length < SAMPLE_ROWS) samples.push(record.cells);
      }
    }
  } catch (error) {
    failure = { error };
  }
  if (!header) found(search.end());
  let closed = false;
  const close = async () => {
    if (closed || done || failure) return;
    closed = true;
    await iterator.return?.();
  };
  async function* replay(): AsyncGenerator<SourceRecord[]> {
    try {
      for (const batch of buffered.splice(0)) yield batch;
      if (failure) throw failure.error;
      if (done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      done = true;
    } finally {
      // A load that stops early (a refused header) closes the reader, as breaking out of it would.
      await close();
    }
  }
  return { records: { info: source.info, batches: replay() }, header, samples: samples.slice(0, SAMPLE_ROWS), close };
}
