import type { IngestLimits } from '../ingest-limits.ts';
import { CsvRecordParser, detectDelimiter } from './csv-record-parser.ts';
import { decodeText } from './decode-text.ts';
import { FileRefusal } from './file-refusal.ts';
import { sourceChunks, type IngestSource } from './ingest-source.ts';
import { inspectXlsxZip } from './inspect-xlsx-zip.ts';
import { openRandomAccessFile } from './open-random-access-file.ts';
import type { SourceSniff } from './sniff-source.ts';
import type { SourceInfo, SourceRecord } from './source-record.ts';
import { xlsxRecords } from './xlsx-records.ts';

/** A file's rows in batches, and how they were read (filled in as reading starts). */
export interface RecordSource {
  info: SourceInfo;
  batches: AsyncIterable<SourceRecord[]>;
}

export interface OpenRecordsOptions {
  sheetName?: string | undefined;
  limits: IngestLimits;
  onBytes?: ((n: number) => void) | undefined;
}

async function* csvBatches(
  source: IngestSource,
  sniff: SourceSniff,
  info: SourceInfo,
  options: OpenRecordsOptions,
): AsyncGenerator<SourceRecord[]> {
  let parser: CsvRecordParser | null = null;
  let skipFirst = false;
  let row = 0;
  const { maxRows } = options.limits;
  const emit = (records: string[][]): SourceRecord[] => {
    const batch: SourceRecord[] = [];
    for (const cells of records) {
      if (skipFirst) {
        skipFirst = false;
        continue;
      }
      row++;
      if (row > maxRows + 1) {
        throw new FileRefusal('too-many-rows', { th: `ไฟล์มีมากกว่า ${maxRows} แถว`, en: `the file has more than ${maxRows} rows` });
      }
      batch.push({ row, cells });
    }
    return batch;
  };
  for await (const text of decodeText(sourceChunks(source), sniff.encoding!, options.onBytes)) {
    if (parser === null) {
      const detected = detectDelimiter(text);
      info.delimiter = detected.delimiter;
      skipFirst = detected.skipFirstLine;
      parser = new CsvRecordParser(detected.delimiter, options.limits);
    }
    const out: string[][] = [];
    parser.push(text, out);
    if (out.length > 0) yield emit(out);
  }
  if (parser) {
    const out: string[][] = [];
    parser.end(out);
    if (out.length > 0) yield emit(out);
  }
}

/**
 * Opens a sniffed upload for reading: CSV in its detected encoding and delimiter, or the
 * chosen worksheet of an XLSX after its ZIP directory passed the size guards. Anything else
 * is refused as a whole (FileRefusal).
 */
export async function openRecords(source: IngestSource, sniff: SourceSniff, options: OpenRecordsOptions): Promise<RecordSource> {
  switch (sniff.format) {
    case 'empty':
      throw new FileRefusal('empty-file');
    case 'binary':
      throw new FileRefusal('binary-file');
    case 'xls':
      throw new FileRefusal('unreadable-file', {
        th: 'ไฟล์ Excel รุ่นเก่า (.xls) กรุณาบันทึกเป็น .xlsx หรือ CSV',
        en: 'old Excel format (.xls); please save as .xlsx or CSV',
      });
    case 'zip': {
      // The directory's declared sizes refuse an honest zip bomb before reading starts; the
      // reader checks again, and meters what really inflates.
      const file = await openRandomAccessFile(source);
      try {
        await inspectXlsxZip(file, options.limits);
      } finally {
        await file.close();
      }
      const info: SourceInfo = { format: 'xlsx', encoding: null, delimiter: null, sheet: options.sheetName ?? null };
      return {
        info,
        batches: xlsxRecords(source, {
          sheetName: options.sheetName,
          limits: options.limits,
          onBytes: options.onBytes,
          onSheet: (name) => {
            info.sheet = name;
          },
        }),
      };
    }
    case 'csv':
    case 'xlsx': {
      const info: SourceInfo = { format: 'csv', encoding: sniff.encoding, delimiter: null, sheet: null };
      return { info, batches: csvBatches(source, sniff, info, options) };
    }
  }
}
