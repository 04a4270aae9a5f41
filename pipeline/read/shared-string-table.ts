import { SaxesParser } from 'saxes';
import type { IngestLimits } from '../ingest-limits.ts';
import { FileRefusal } from './file-refusal.ts';
import type { InflationMeter } from './inflation-meter.ts';
import type { ZipDirectory } from './inspect-xlsx-zip.ts';
import type { RandomAccessFile } from './open-random-access-file.ts';
import { unescapeXlsxText } from './unescape-xlsx-text.ts';
import { xmlLocalName } from './xml-local-name.ts';
import { xmlPartSteps } from './xml-part-steps.ts';

// Strings are joined into blocks of about this many characters: millions of small strings then
// cost a few bytes of index each instead of a heap object each (a table of 20 million tiny
// strings would otherwise take gigabytes before any limit could be reached). Small blocks, so
// a block's strings die young, before they are joined: with 1 MB blocks they lived long enough
// to be promoted, and refusing a table of 2 million strings grew the process by 120 MB, not 80.
const BLOCK_CHARS = 1 << 16;

/**
 * The workbook's shared strings (sharedStrings.xml), every distinct text a cell can point to,
 * held compactly and bounded in count and characters (refused as 'inflation-limit' past either).
 */
export class SharedStringTable {
  private readonly blocks: string[] = [];
  // Where each block starts, counted in characters of all the strings together.
  private readonly blockStarts: number[] = [];
  private open: string[] = [];
  private openChars = 0;
  // Where each string ends, in the same count: one 4-byte entry a string (its start is where
  // the one before ends, its block found by bisection) — with three arrays a table of 2 million
  // strings cost 36 MB of index while it grew, and that was most of what refusing one cost.
  private endAt = new Uint32Array(1024);
  private count = 0;
  private chars = 0;

  private constructor(private readonly limits: Pick<IngestLimits, 'maxXlsxSharedStrings' | 'maxXlsxSharedStringChars'>, private readonly part: string) {}

  get size(): number {
    return this.count;
  }

  /** The string at `index`, or '' for an index the table does not have (as Excel shows it). */
  get(index: number): string {
    if (!(index >= 0 && index < this.count)) return '';
    const start = index === 0 ? 0 : this.endAt[index - 1]!;
    const end = this.endAt[index]!;
    if (end === start) return '';
    // The last block starting at or before `start` (a string never spans two blocks).
    let lo = 0;
    let hi = this.blockStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.blockStarts[mid]! <= start) lo = mid;
      else hi = mid - 1;
    }
    const from = start - this.blockStarts[lo]!;
    return this.blocks[lo]!.slice(from, from + end - start);
  }

  private add(text: string): void {
    const { maxXlsxSharedStrings: maxCount, maxXlsxSharedStringChars: maxChars } = this.limits;
    if (this.count >= maxCount) {
      throw new FileRefusal('inflation-limit', {
        th: `ส่วน ${this.part} ของไฟล์ Excel มีข้อความมากกว่า ${maxCount.toLocaleString('en-US')} รายการ`,
        en: `part ${this.part} of the Excel file holds more than ${maxCount.toLocaleString('en-US')} strings`,
      });
    }
    this.chars += text.length;
    if (this.chars > maxChars) {
      throw new FileRefusal('inflation-limit', {
        th: `ข้อความในส่วน ${this.part} ของไฟล์ Excel ยาวรวมกันเกิน ${maxChars.toLocaleString('en-US')} ตัวอักษร`,
        en: `the strings in part ${this.part} of the Excel file run past ${maxChars.toLocaleString('en-US')} characters in all`,
      });
    }
    if (this.count === this.endAt.length) {
      const grown = new Uint32Array(this.endAt.length * 2);
      grown.set(this.endAt);
      this.endAt = grown;
    }
    if (this.open.length === 0) this.blockStarts.push(this.chars - text.length);
    this.endAt[this.count] = this.chars;
    this.count++;
    this.open.push(text);
    this.openChars += text.length;
    if (this.openChars >= BLOCK_CHARS) this.seal();
  }

  private seal(): void {
    if (this.open.length === 0) return;
    this.blocks.push(this.open.join(''));
    this.open = [];
    this.openChars = 0;
  }

  /** Reads the table from `part` (none: an empty table). Rich text runs are joined; phonetic runs (rPh) left out. */
  static async read(
    file: RandomAccessFile,
    directory: ZipDirectory,
    meter: InflationMeter,
    part: string | null,
    limits: Pick<IngestLimits, 'maxXlsxSharedStrings' | 'maxXlsxSharedStringChars' | 'maxCellChars'>,
  ): Promise<SharedStringTable> {
    const table = new SharedStringTable(limits, part ?? '');
    if (part === null) return table;
    const parser = new SaxesParser({ position: false });
    let inItem = false;
    let inText = false;
    let inPhonetic = false;
    let text = '';
    parser.on('opentag', (tag) => {
      const local = xmlLocalName(tag.name);
      if (local === 'si') {
        inItem = true;
        text = '';
      } else if (local === 't') inText = inItem && !inPhonetic;
      else if (local === 'rPh') inPhonetic = true;
    });
    const onText = (t: string) => {
      if (inText) text += t;
    };
    parser.on('text', onText);
    parser.on('cdata', onText);
    parser.on('closetag', (tag) => {
      const local = xmlLocalName(tag.name);
      if (local === 't') inText = false;
      else if (local === 'rPh') inPhonetic = false;
      else if (local === 'si') {
        inItem = false;
        table.add(unescapeXlsxText(text));
        text = '';
      }
    });
    // Escaped, a cell's text is at most six characters per character ('&quot;').
    for await (const _ of xmlPartSteps(file, directory, meter, part, parser, 6 * limits.maxCellChars + 65_536));
    table.seal();
    return table;
  }
}
