import { labelKey } from '../../domain/label-key.ts';
import type { IngestLimits } from '../ingest-limits.ts';
import { FileRefusal } from './file-refusal.ts';
import { InflationMeter } from './inflation-meter.ts';
import type { IngestSource } from './ingest-source.ts';
import { inspectXlsxZip } from './inspect-xlsx-zip.ts';
import { openRandomAccessFile } from './open-random-access-file.ts';
import { readDateStyles } from './read-date-styles.ts';
import { SharedStringTable } from './shared-string-table.ts';
import type { SourceRecord } from './source-record.ts';
import { xlsxSheetRows } from './xlsx-sheet-rows.ts';
import { readXlsxWorkbook } from './read-xlsx-workbook.ts';

export interface XlsxRecordsOptions {
  sheetName?: string | undefined;
  limits: IngestLimits;
  onBytes?: ((n: number) => void) | undefined;
  /** Set once the sheet being read is known. */
  onSheet?: ((name: string) => void) | undefined;
}

/**
 * Streams the rows of one worksheet (the first in the workbook's tab order, or the one
 * named) in batches, with the sheet's own row numbers. Our own reader, not a library's: the
 * parts are found through the ZIP central directory and read at their offsets from one file
 * handle (or the bytes in memory), each inflated through a meter that refuses the file past the
 * limits whatever its headers declare, and parsed as a stream (saxes). Memory is one inflated
 * chunk, the shared-string table (bounded) and one batch; no temporary files. Stopping early
 * (return() on the generator) closes the file handle and the inflater, with nothing left to
 * fail later.
 */
export async function* xlsxRecords(source: IngestSource, options: XlsxRecordsOptions): AsyncGenerator<SourceRecord[]> {
  const { limits } = options;
  const file = await openRandomAccessFile(source);
  try {
    const directory = await inspectXlsxZip(file, limits);
    const meter = new InflationMeter(limits);
    const workbook = await readXlsxWorkbook(file, directory, meter);
    const wanted = options.sheetName ? labelKey(options.sheetName) : null;
    const sheet = wanted === null ? workbook.sheets[0] : workbook.sheets.find((s) => labelKey(s.name) === wanted);
    if (!sheet) {
      const names = workbook.sheets.map((s) => s.name).join(', ') || '-';
      throw new FileRefusal(
        'unreadable-file',
        wanted !== null
          ? { th: `ไม่พบแผ่นงานชื่อ "${options.sheetName}" (มี: ${names})`, en: `no sheet named "${options.sheetName}" (sheets: ${names})` }
          : { th: 'ไฟล์ Excel ไม่มีแผ่นงาน', en: 'the Excel file has no worksheet' },
      );
    }
    options.onSheet?.(sheet.name);
    const dateStyles = await readDateStyles(file, directory, meter, workbook.stylesPart);
    const sharedStrings = await SharedStringTable.read(file, directory, meter, workbook.sharedStringsPart, limits);
    // Progress in the file's bytes: everything but the sheet counts as read once the sheet
    // starts, then the sheet's compressed bytes as its rows go by.
    const sheetBytes = directory.entries.find((e) => e.name === sheet.part)?.compressedBytes ?? 0;
    let reported = 0;
    const progress = (done: number) => {
      if (done > reported) options.onBytes?.(done - reported);
      reported = Math.max(reported, done);
    };
    progress(file.size - sheetBytes);
    for await (const batch of xlsxSheetRows(file, directory, meter, sheet.part, { sharedStrings, dateStyles, date1904: workbook.date1904 }, limits)) {
      progress(file.size - sheetBytes + meter.compressedOf(sheet.part));
      yield batch;
    }
    progress(file.size);
  } catch (err) {
    if (err instanceof FileRefusal) throw err;
    // A read past the end, a malformed number in a header: damage the checks did not name.
    throw new FileRefusal('unreadable-file', { th: 'อ่านไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหาย', en: 'the Excel file cannot be read; it may be damaged' });
  } finally {
    await file.close();
  }
}
