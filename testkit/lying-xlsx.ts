/**
 * Builds hostile XLSX files at test time, never committed: parts whose content is a head, one
 * unit repeated many times and a tail, deflated piece by piece (each piece sync-flushed, so
 * the pieces concatenate into one valid deflate stream) — a 600 MB worksheet costs a few
 * megabytes and a fraction of a second to make. The central directory and the local headers
 * can each be made to lie about the sizes.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface LyingPart {
  name: string;
  head: string;
  /** A unit repeated `times` times between head and tail. */
  repeat?: { unit: string; times: number };
  tail?: string;
  /** The uncompressed size the central directory declares (default: the true size). */
  declare?: number;
  /**
   * What the local header says: 'same' as the central directory (default); 'streamed' sizes
   * and CRC left zero with flag bit 3, as streaming writers do; 'disagree' other sizes than the
   * central directory without that flag.
   */
  local?: 'same' | 'streamed' | 'disagree';
}

// Parts inflating to more than this get CRC 0: a reader must stop long before their end.
const CRC_UP_TO = 64 * 1024 * 1024;

function packed(part: LyingPart): { data: Buffer; size: number; crc: number } {
  const flush = { level: 9, finishFlush: constants.Z_SYNC_FLUSH };
  const head = Buffer.from(part.head);
  const tail = Buffer.from(part.tail ?? '');
  const pieces = [deflateRawSync(head, flush)];
  let size = head.length + tail.length;
  let crc = crc32(head);
  if (part.repeat) {
    const unit = Buffer.from(part.repeat.unit);
    const packedUnit = deflateRawSync(unit, flush);
    for (let i = 0; i < part.repeat.times; i++) pieces.push(packedUnit);
    size += unit.length * part.repeat.times;
    if (size <= CRC_UP_TO) for (let i = 0; i < part.repeat.times; i++) crc = crc32(unit, crc);
  }
  pieces.push(deflateRawSync(tail, { level: 9 }));
  // (Node 20's crc32 of an empty buffer that went through zlib answers 0, not the running value.)
  if (tail.length > 0) crc = crc32(tail, crc);
  if (size > CRC_UP_TO) crc = 0;
  return { data: Buffer.concat(pieces), size, crc };
}

/** A ZIP of the parts, deflated, with the headers saying what each part asks for. */
export function lyingZip(parts: LyingPart[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const { data, size, crc } = packed(part);
    const declared = part.declare ?? Math.min(size, 0xfffffffe);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(part.local === 'streamed' ? 8 : 0, 6);
    head.writeUInt16LE(8, 8);
    if (part.local !== 'streamed') {
      head.writeUInt32LE(crc, 14);
      head.writeUInt32LE(data.length, 18);
      head.writeUInt32LE(part.local === 'disagree' ? declared + 4096 : declared, 22);
    }
    head.writeUInt16LE(name.length, 26);
    local.push(head, name, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(part.local === 'streamed' ? 8 : 0, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(declared, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += head.length + name.length + data.length;
    // A streamed part is followed by its data descriptor (signature, CRC, sizes).
    if (part.local === 'streamed') {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(data.length, 8);
      descriptor.writeUInt32LE(declared, 12);
      local.push(descriptor);
      offset += 16;
    }
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const HEADER_CELLS = ['ชื่อผู้ผลิต', 'เลขประจำตัวประชาชน', 'ประเภทผู้ผลิต', 'ตำบล', 'ชื่อผลิตภัณฑ์', 'ประเภทผลิตภัณฑ์'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A row of inline-string cells, with the given r attribute (or none when null). */
export function inlineRow(r: number | null, cells: string[]): string {
  const col = (i: number) => String.fromCharCode(65 + i);
  const attr = r === null ? '' : ` r="${r}"`;
  return `<row${attr}>${cells.map((c, i) => `<c${r === null ? '' : ` r="${col(i)}${r}"`} t="inlineStr"><is><t>${esc(c)}</t></is></c>`).join('')}</row>`;
}

/**
 * The parts of a one-sheet workbook: `sheet` is the worksheet part (its head should open
 * <sheetData>, its tail close it), `sharedStrings` an optional shared-string part.
 */
export function workbookParts(sheet: Omit<LyingPart, 'name'>, sharedStrings?: Omit<LyingPart, 'name'>): LyingPart[] {
  const parts: LyingPart[] = [
    {
      name: '[Content_Types].xml',
      head: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      head: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      head: `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="ทะเบียน" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      head:
        `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        (sharedStrings ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : '') +
        '</Relationships>',
    },
    { name: 'xl/worksheets/sheet1.xml', ...sheet },
  ];
  if (sharedStrings) parts.push({ name: 'xl/sharedStrings.xml', ...sharedStrings });
  return parts;
}

/** Worksheet XML around rows: the head opens sheetData, the tail closes it. */
export const SHEET_HEAD = `${XML}<worksheet xmlns="${MAIN}"><sheetData>`;
export const SHEET_TAIL = '</sheetData></worksheet>';
