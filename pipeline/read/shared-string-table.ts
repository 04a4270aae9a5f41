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
// strings would otherwise take gigabytes before any limit could be reached).
const BLOCK_CHARS = 1 << 20;

/**
 * The workbook's shared strings (sharedStrings.xml), every distinct text a cell can point to,
 * held compactly and bounded in count and characters (refused as 'inflation-limit' past either).
 */
export class SharedStringTable {
  private readonly blocks: string[] = [];
  private open: string[] = [];
  private openChars = 0;
  private blockOf = new Uint32Array(1024);
  private startOf = new Uint32Array(1024);
  private lengthOf = new Uint32Array(1024);
  private count = 0;
  private chars = 0;

  private constructor(private readonly limits: Pick<IngestLimits, 'maxXlsxSharedStrings' | 'maxXlsxSharedStringChars'>, private readonly part: string) {}

  get size(): number {
    return this.count;
  }

  /** The string at `index`, or '' for an index the table does not have (as Excel shows it). */
  get(index: number): string {
    if (!(index >= 0 && index < this.count)) return '';
    const b = this.blockOf[index]!;
    const start = this.startOf[index]!;
    return this.blocks[b]!.slice(start, start + this.lengthOf[index]!);
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
    if (this.count === this.blockOf.length) {
      const grow = (a: Uint32Array) => {
        const b = new Uint32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.blockOf = grow(this.blockOf);
      this.startOf = grow(this.startOf);
      this.lengthOf = grow(this.lengthOf);
    }
    this.blockOf[this.count] = this.blocks.length;
    this.startOf[this.count] = this.openChars;
    this.lengthOf[this.count] = text.length;
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
