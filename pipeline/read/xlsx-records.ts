import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { labelKey } from '../../domain/label-key.ts';
import type { IngestLimits } from '../ingest-limits.ts';
import { sourceChunks, type IngestSource } from './ingest-source.ts';
import { FileRefusal } from './file-refusal.ts';
import type { SourceRecord } from './source-record.ts';

const BATCH = 500;

function dateCell(d: Date): string {
  // exceljs turns date serials into UTC instants at the serial's midnight.
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

/** The text a cell shows, for any value exceljs gives (rich text, formula results, dates, hyperlinks). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateCell(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as Array<{ text?: unknown }>).map((r) => String(r.text ?? '')).join('');
    if ('result' in v || 'formula' in v || 'sharedFormula' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    if ('error' in v) return String(v.error);
  }
  return '';
}

// exceljs (through unzipper) can wait forever on a damaged deflate stream: no error, no end.
// Once the whole file has been handed to it, a read that makes no progress for this long is
// taken as that hang and the file refused.
const STALL_MS = 5000;

class StalledRead extends Error {}

/** `iterable`, but a `next()` still pending STALL_MS after the input ended (or began waiting, if later) rejects. */
function stallGuarded<T>(iterable: AsyncIterable<T>, inputEndedAt: () => number | null): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      const it = iterable[Symbol.asyncIterator]();
      return {
        next() {
          const began = Date.now();
          let timer: NodeJS.Timeout | undefined;
          const stalled = new Promise<never>((_, reject) => {
            const check = () => {
              const ended = inputEndedAt();
              if (ended !== null && Date.now() - Math.max(began, ended) >= STALL_MS) reject(new StalledRead('stalled'));
              else timer = setTimeout(check, 250);
            };
            timer = setTimeout(check, 250);
          });
          return Promise.race([it.next(), stalled]).finally(() => clearTimeout(timer));
        },
        return(value?: unknown) {
          return it.return ? it.return(value) : Promise.resolve({ done: true as const, value: undefined as never });
        },
      };
    },
  };
}

export interface XlsxRecordsOptions {
  sheetName?: string | undefined;
  limits: IngestLimits;
  onBytes?: ((n: number) => void) | undefined;
  /** Set once the sheet being read is known. */
  onSheet?: ((name: string) => void) | undefined;
}

/**
 * Streams the rows of one worksheet (the first in the workbook's tab order, or the one
 * named) in batches, with the sheet's own row numbers, through exceljs's streaming reader:
 * the workbook is never held in memory. The ZIP must have passed inspectXlsxZip first.
 */
export async function* xlsxRecords(source: IngestSource, options: XlsxRecordsOptions): AsyncGenerator<SourceRecord[]> {
  const chunks = sourceChunks(source);
  let inputEndedAt: number | null = null;
  const ended = () => inputEndedAt;
  const input = Readable.from(
    (async function* counted() {
      for await (const chunk of chunks) {
        options.onBytes?.(chunk.length);
        yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
      }
      inputEndedAt = Date.now();
    })(),
  );
  // Loaded on first use: a large library that CSV loads never need.
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell a date cell from a number
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const wanted = options.sheetName ? labelKey(options.sheetName) : null;
  const seen: string[] = [];
  let found = false;
  try {
    for await (const worksheet of stallGuarded(reader as AsyncIterable<unknown>, ended)) {
      const ws = worksheet as unknown as { name: string; id: number | string } & AsyncIterable<ExcelJS.Row>;
      const model = (reader as unknown as { model?: { sheets?: Array<{ name: string }> } }).model;
      seen.push(ws.name);
      const first = model?.sheets?.[0]?.name;
      const isTarget = wanted !== null ? labelKey(ws.name) === wanted : first === undefined || first === ws.name;
      if (!isTarget) continue; // exceljs drains the part when we move on
      found = true;
      options.onSheet?.(ws.name);
      let batch: SourceRecord[] = [];
      let counter = 0;
      let physical = 0;
      for await (const row of stallGuarded(ws, ended)) {
        counter = Number.isFinite(row.number) ? row.number : counter + 1;
        // Rows as numbered and rows as read: a crafted sheet can repeat one row number forever.
        physical++;
        if (counter > options.limits.maxRows + 1 || physical > options.limits.maxRows + 1) {
          throw new FileRefusal('too-many-rows', {
            th: `ไฟล์มีมากกว่า ${options.limits.maxRows} แถว`,
            en: `the file has more than ${options.limits.maxRows} rows`,
          });
        }
        const values = row.values as unknown[];
        if (values.length - 1 > options.limits.maxColumns) {
          throw new FileRefusal('unreadable-file', {
            th: `มีแถวที่มีมากกว่า ${options.limits.maxColumns} คอลัมน์`,
            en: `a row has more than ${options.limits.maxColumns} columns`,
          });
        }
        const cells = new Array<string>(Math.max(0, values.length - 1));
        for (let i = 1; i < values.length; i++) {
          const text = cellText(values[i]);
          if (text.length > options.limits.maxCellChars) {
            throw new FileRefusal('unreadable-file', {
              th: `มีช่องที่ยาวเกิน ${options.limits.maxCellChars} ตัวอักษร`,
              en: `a cell is longer than ${options.limits.maxCellChars} characters`,
            });
          }
          cells[i - 1] = text;
        }
        batch.push({ row: counter, cells });
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      break;
    }
  } catch (err) {
    if (err instanceof FileRefusal) throw err;
    throw new FileRefusal('unreadable-file', {
      th: 'อ่านไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหาย',
      en: 'the Excel file cannot be read; it may be damaged',
    });
  } finally {
    input.destroy();
  }
  if (!found) {
    const names = seen.join(', ') || '-';
    throw new FileRefusal('unreadable-file', wanted !== null
      ? { th: `ไม่พบแผ่นงานชื่อ "${options.sheetName}" (มี: ${names})`, en: `no sheet named "${options.sheetName}" (sheets: ${names})` }
      : { th: 'ไฟล์ Excel ไม่มีแผ่นงาน', en: 'the Excel file has no worksheet' });
  }
}
