import { SaxesParser } from 'saxes';
import type { IngestLimits } from '../ingest-limits.ts';
import { FileRefusal } from './file-refusal.ts';
import type { InflationMeter } from './inflation-meter.ts';
import type { ZipDirectory } from './inspect-xlsx-zip.ts';
import type { RandomAccessFile } from './open-random-access-file.ts';
import type { SharedStringTable } from './shared-string-table.ts';
import type { SourceRecord } from './source-record.ts';
import { unescapeXlsxText } from './unescape-xlsx-text.ts';
import { xmlLocalName } from './xml-local-name.ts';
import { xmlPartSteps } from './xml-part-steps.ts';

const BATCH = 500;
// A batch is also handed on once its cells hold this many characters: rows of 30,000-character
// cells would otherwise pile up 15 MB a batch and live long enough to be promoted to the old
// generation, where they stay until a full collection (measured: 25 MB of RSS per 1,000 rows).
const BATCH_CHARS = 1 << 20;
const DAY_MS = 24 * 3600 * 1000;

export interface SheetContext {
  sharedStrings: SharedStringTable;
  dateStyles: boolean[];
  date1904: boolean;
}

/** A date serial as YYYY-MM-DD (the day Excel shows; any time of day dropped). */
function dateText(serial: number, date1904: boolean): string {
  const d = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * DAY_MS));
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

/** The column of a cell reference ('C5' → 3), or 0 when it has none; stops counting past `cap`. */
function columnOf(ref: string, cap: number): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
    if (col > cap) return cap + 1;
  }
  return col;
}

/**
 * Streams a worksheet part row by row, in batches, as the text each cell shows: shared and
 * inline strings, numbers as JavaScript prints them, dates (by the cell's style) as YYYY-MM-DD,
 * booleans as TRUE/FALSE, errors as their code, formulas as their cached value. Cells are placed
 * in the columns their references name; a cell without a reference follows the one before.
 *
 * Row numbers: a row keeps the number its r attribute gives when that number is past the
 * previous row's (so blank rows Excel leaves out still count, and issues name the rows the
 * user sees); a row whose r is missing, repeats or goes backwards — which Excel never writes,
 * but a generator might — takes the next number after the previous row instead. Every row is
 * read as the row it is, and numbers never repeat, so no two rows share a key downstream.
 */
export async function* xlsxSheetRows(
  file: RandomAccessFile,
  directory: ZipDirectory,
  meter: InflationMeter,
  part: string,
  context: SheetContext,
  limits: Pick<IngestLimits, 'maxRows' | 'maxColumns' | 'maxCellChars' | 'maxXlsxCellTextChars'>,
): AsyncGenerator<SourceRecord[]> {
  const { maxRows, maxColumns, maxCellChars, maxXlsxCellTextChars } = limits;
  let textChars = 0;
  let outChars = 0;
  const { sharedStrings, dateStyles, date1904 } = context;
  const parser = new SaxesParser({ position: false });
  let out: SourceRecord[] = [];
  let lastRow = 0;
  // The row being read: its cells by column (1-based), and the widest column with a value.
  let cells: string[] = [];
  let width = 0;
  let inRow = false;
  // The cell being read.
  let col = 0;
  let type = '';
  let style = 0;
  let hasValue = false;
  let value = '';
  let inline = '';
  let collect: 'v' | 't' | null = null;
  let inInline = false;
  let inPhonetic = false;

  const tooWide = () =>
    new FileRefusal('unreadable-file', { th: `มีแถวที่มีมากกว่า ${maxColumns} คอลัมน์`, en: `a row has more than ${maxColumns} columns` });
  const tooMuchText = () =>
    new FileRefusal('inflation-limit', {
      th: `ข้อความในช่องทั้งหมดของไฟล์ Excel ยาวรวมกันเกิน ${maxXlsxCellTextChars.toLocaleString('en-US')} ตัวอักษร`,
      en: `the cells of the Excel file hold more than ${maxXlsxCellTextChars.toLocaleString('en-US')} characters in all`,
    });
  const tooLong = () =>
    new FileRefusal('unreadable-file', { th: `มีช่องที่ยาวเกิน ${maxCellChars} ตัวอักษร`, en: `a cell is longer than ${maxCellChars} characters` });

  const cellText = (): string => {
    switch (type) {
      case 's':
        return sharedStrings.get(parseInt(value, 10));
      case 'inlineStr':
        return unescapeXlsxText(inline || value);
      case 'str':
      case 'e':
        return value;
      case 'b':
        return value === '' ? '' : parseInt(value, 10) !== 0 ? 'TRUE' : 'FALSE';
      case 'd': {
        const d = new Date(value);
        return Number.isNaN(d.getTime()) ? value : d.toISOString().slice(0, 10);
      }
      default: {
        if (value === '') return '';
        const n = parseFloat(value);
        if (!Number.isFinite(n)) return '';
        return dateStyles[style] ? dateText(n, date1904) : String(n);
      }
    }
  };

  parser.on('opentag', (tag) => {
    const local = xmlLocalName(tag.name);
    const a = tag.attributes as Record<string, string>;
    switch (local) {
      case 'row': {
        const r = a.r === undefined ? NaN : Number(a.r);
        lastRow = Number.isInteger(r) && r > lastRow ? r : lastRow + 1;
        if (lastRow > maxRows + 1) {
          throw new FileRefusal('too-many-rows', { th: `ไฟล์มีมากกว่า ${maxRows} แถว`, en: `the file has more than ${maxRows} rows` });
        }
        inRow = true;
        cells = [];
        width = 0;
        col = 0;
        break;
      }
      case 'c': {
        const ref = a.r;
        const at = ref ? columnOf(ref, maxColumns) : 0;
        col = at > 0 ? at : col + 1;
        type = a.t ?? 'n';
        style = a.s === undefined ? 0 : Number(a.s);
        hasValue = false;
        value = '';
        inline = '';
        break;
      }
      case 'v':
        collect = 'v';
        hasValue = true;
        break;
      case 'f':
        hasValue = true; // a formula without a cached value still shows (as empty)
        break;
      case 'is':
        inInline = true;
        hasValue = true;
        break;
      case 'rPh':
        inPhonetic = true;
        break;
      case 't':
        if (inInline && !inPhonetic) collect = 't';
        break;
    }
  });
  const onText = (text: string) => {
    if (collect === 'v') value += text;
    else if (collect === 't') inline += text;
    else return;
    if (value.length > maxCellChars * 2 || inline.length > maxCellChars * 2) throw tooLong();
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    switch (xmlLocalName(tag.name)) {
      case 'v':
      case 't':
        collect = null;
        break;
      case 'is':
        inInline = false;
        break;
      case 'rPh':
        inPhonetic = false;
        break;
      case 'c': {
        if (!inRow || !hasValue) break;
        if (col > maxColumns) throw tooWide();
        const text = cellText();
        if (text.length > maxCellChars) throw tooLong();
        textChars += text.length;
        outChars += text.length;
        if (textChars > maxXlsxCellTextChars) throw tooMuchText();
        cells[col - 1] = text;
        if (col > width) width = col;
        break;
      }
      case 'row': {
        const row = new Array<string>(width);
        for (let i = 0; i < width; i++) row[i] = cells[i] ?? '';
        out.push({ row: lastRow, cells: row });
        inRow = false;
        break;
      }
    }
  });

  // Escaped, a cell's text is at most six characters per character ('&quot;').
  for await (const _ of xmlPartSteps(file, directory, meter, part, parser, 6 * maxCellChars + 65_536)) {
    while (out.length >= BATCH) {
      yield out.slice(0, BATCH);
      out = out.slice(BATCH);
    }
    if (outChars >= BATCH_CHARS && out.length > 0) {
      const batch = out;
      out = [];
      outChars = 0;
      yield batch;
    }
  }
  if (out.length > 0) yield out;
}
