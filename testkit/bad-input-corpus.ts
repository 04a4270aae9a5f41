// Long file: a catalogue of hostile and broken inputs, each case built byte by byte beside the
// comment that explains it; splitting it would scatter one list across files.
/**
 * The bad-input corpus: every hostile or broken file the pipeline must answer with a clear
 * issue, each built here byte by byte so its content is explained. Small cases are committed
 * under tests/fixtures/bad/ (`npx tsx tests/reliability/build-bad-corpus.ts` rewrites them);
 * the big ones (a 100 MB field, zip bombs) are `generated`: written to a temporary directory
 * at test time, never committed.
 */
import { deflateRawSync, crc32, gzipSync } from 'node:zlib';
import { makeThaiId } from '../domain/thai-id.ts';
import iconv from 'iconv-lite';

export type Outcome =
  /** Refused as a whole: status 'rejected', exactly this one file-level issue, nothing read. */
  | { kind: 'refused'; code: string; count: number; message?: RegExp }
  /** Read: these exact totals, and these (row, code) issues in file order. */
  | { kind: 'read'; accepted: number; rejected: number; issues: Array<[number | null, string]> };

export interface BadCase {
  /** File name under tests/fixtures/bad/ (or in the temporary directory when generated). */
  name: string;
  /** What makes it bad, in a few words. */
  what: string;
  build: () => Buffer;
  expected: Outcome;
  /** Too big to commit: written at test time. */
  generated?: true;
  /** Tighter limits for this case (so a bomb is caught in a second, not a minute). */
  limits?: { maxRows?: number };
  /** Values that must be stored exactly as given (producer names), when the row is accepted. */
  storedNames?: string[];
}

const HEADER = 'ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์';
/** A valid citizen ID, distinct per case and row (so no case sees another's producer). */
export const id = (caseNo: number, row: number) => makeThaiId(`3${String(caseNo).padStart(3, '0')}${String(row).padStart(8, '0')}`);
const row = (caseNo: number, n: number, name = `ผู้ผลิต ${caseNo}-${n}`, product = `สินค้า ${n}`) =>
  `${name},${id(caseNo, n)},1,บึงกาฬ,${product},อาหาร`;
const csv = (lines: string[]) => Buffer.from(`${lines.join('\n')}\n`, 'utf8');
const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;

interface ZipPart {
  name: string;
  data: Buffer;
  /** Lie in the headers: declare this uncompressed size instead of the real one. */
  declaredSize?: number;
  /** Lie in the local header only: declare this uncompressed size there (the directory tells the truth or its own lie). */
  localDeclaredSize?: number;
  stored?: boolean;
}

/** A minimal ZIP writer (deflate or stored), so broken workbooks are built byte by byte. */
export function zip(parts: ZipPart[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const packed = part.stored ? part.data : deflateRawSync(part.data, { level: 9 });
    const crc = crc32(part.data);
    const size = part.declaredSize ?? part.data.length;
    const method = part.stored ? 0 : 8;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(method, 8);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(part.localDeclaredSize ?? size, 22);
    head.writeUInt16LE(name.length, 26);
    local.push(head, name, packed);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += head.length + name.length + packed.length;
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

const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`, 'utf8');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A minimal but real XLSX (one sheet, inline strings) from rows of cells; `raw` cells are written as given. */
export function workbook(rows: Array<Array<string | number | { raw: string }>>, options: { sheetXml?: Buffer } = {}): Buffer {
  const col = (i: number) => {
    let s = '';
    for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  const body = rows
    .map((cells, r) => {
      const cs = cells
        .map((c, i) => {
          const ref = `${col(i)}${r + 1}`;
          if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
          if (typeof c === 'object') return c.raw.replace('{ref}', ref);
          return `<c r="${ref}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${cs}</row>`;
    })
    .join('');
  const sheet = options.sheetXml ?? xml(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`);
  return zip(workbookParts(sheet));
}

/** The parts of a one-sheet workbook around the given worksheet XML. */
function workbookParts(sheet: Buffer, declaredSheetSize?: number): ZipPart[] {
  return [
    {
      name: '[Content_Types].xml',
      data: xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    },
    {
      name: 'xl/workbook.xml',
      data: xml('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, ...(declaredSheetSize === undefined ? {} : { declaredSize: declaredSheetSize }) },
  ];
}

/**
 * The parts of a one-sheet workbook whose cells refer to a shared-string table (`t="s"`), the
 * way Excel writes text; `declaredSstSize` makes the table's headers lie about its size.
 */
function sharedStringWorkbookParts(sheet: Buffer, sst: Buffer, declaredSstSize?: number): ZipPart[] {
  const parts = workbookParts(sheet);
  parts[0] = {
    name: '[Content_Types].xml',
    data: xml(
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    ),
  };
  parts[3] = {
    name: 'xl/_rels/workbook.xml.rels',
    data: xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
  };
  parts.push({ name: 'xl/sharedStrings.xml', data: sst, ...(declaredSstSize === undefined ? {} : { declaredSize: declaredSstSize }) });
  return parts;
}

/** One worksheet row of inline-string cells, numbered `r` as given (a number or any text). */
const inlineRow = (r: number | string, values: string[]) =>
  `<row r="${r}">${values.map((v, i) => `<c t="inlineStr"><is><t>${esc(v)}</t></is></c>`).join('')}</row>`;
const sheetOf = (rowsXml: string) => xml(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowsXml}</sheetData></worksheet>`);

const HEADER_CELLS = HEADER.split(',');
const xrow = (caseNo: number, n: number, name = `ผู้ผลิต ${caseNo}-${n}`): string[] => [name, id(caseNo, n), '1', 'บึงกาฬ', `สินค้า ${n}`, 'อาหาร'];

/** Deterministic noise. */
function noise(length: number, seed: number): Buffer {
  const b = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

const refused = (code: string, message?: RegExp, count = 1): Outcome => (message ? { kind: 'refused', code, count, message } : { kind: 'refused', code, count });
const read = (accepted: number, rejected: number, issues: Array<[number | null, string]> = []): Outcome => ({ kind: 'read', accepted, rejected, issues });

export const BAD_CASES: BadCase[] = [
  // ── Encodings ───────────────────────────────────────────────────────────────────────────
  {
    name: 'encoding-utf16be-bom.csv',
    what: 'UTF-16 big-endian with a byte-order mark (read, not refused)',
    build: () => {
      const le = Buffer.from(`${[HEADER, row(1, 1)].join('\r\n')}\r\n`, 'utf16le');
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
    },
    expected: read(1, 0),
  },
  {
    name: 'encoding-utf16le-no-bom.csv',
    what: 'UTF-16 little-endian without a byte-order mark: NUL bytes everywhere',
    build: () => Buffer.from(`${[HEADER, row(2, 1)].join('\r\n')}\r\n`, 'utf16le'),
    expected: refused('binary-file'),
  },
  {
    name: 'encoding-utf32le-bom.csv',
    what: 'UTF-32 (FF FE 00 00): looks like UTF-16LE to a sniffer, full of U+0000',
    build: () => {
      const text = `${HEADER}\n${row(3, 1)}\n`;
      const out = Buffer.alloc(4 + [...text].length * 4);
      out.writeUInt32LE(0xfeff, 0);
      [...text].forEach((ch, i) => out.writeUInt32LE(ch.codePointAt(0)!, 4 + i * 4));
      return out;
    },
    expected: refused('binary-file'),
  },
  {
    name: 'encoding-invalid-utf8-sequences.csv',
    what: 'UTF-8 with a BOM and broken sequences (overlong "/", lone continuation, CESU surrogate) in names',
    build: () =>
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(`${HEADER}\n`),
        Buffer.from('ผู้ผลิต'),
        Buffer.from([0xc0, 0xaf]),
        Buffer.from(`หนึ่ง,${id(4, 1)},1,บึงกาฬ,สินค้า`),
        Buffer.from([0x80, 0xed, 0xa0, 0x80]),
        Buffer.from(',อาหาร\n'),
      ]),
    expected: read(1, 0, [
      [2, 'encoding-replaced'],
      [2, 'encoding-replaced'],
    ]),
  },
  {
    name: 'encoding-windows-874-undefined-bytes.csv',
    what: 'not UTF-8, so read as Windows-874, with bytes 0xDB–0xDE and 0xFC–0xFF that code page leaves undefined',
    build: () =>
      Buffer.concat([
        iconv.encode(`${HEADER}\n`, 'windows-874'),
        iconv.encode('ผู้ผลิต', 'windows-874'),
        Buffer.from([0xdb, 0xfc]),
        iconv.encode(`,${id(5, 1)},1,บึงกาฬ,สินค้า,อาหาร\n`, 'windows-874'),
      ]),
    expected: read(1, 0, [[2, 'encoding-replaced']]),
  },
  {
    name: 'encoding-latin1-header.csv',
    what: 'a Western (Latin-1) file: headers that are no known column',
    build: () => Buffer.from('Nom du producteur,Numéro,Catégorie,Commune\nCafé Crème,123,boisson,Orléans\n', 'latin1'),
    expected: refused('missing-column', undefined, 6),
  },
  {
    name: 'encoding-nul-in-utf16-text.csv',
    what: 'UTF-16LE with BOM whose text holds U+0000 in a name (PostgreSQL text cannot hold NUL)',
    build: () =>
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\r\n${row(7, 1, 'ผู้ผลิต\u0000ซ่อน')}\r\n${row(7, 2)}\r\n`, 'utf16le')]),
    expected: refused('binary-file'),
  },
  // ── Broken and hostile XLSX ─────────────────────────────────────────────────────────────
  {
    name: 'xlsx-truncated.xlsx',
    what: 'a real workbook cut off half way (no central directory)',
    build: () => {
      const full = workbook([HEADER_CELLS, xrow(8, 1)]);
      return full.subarray(0, Math.floor(full.length / 2));
    },
    expected: refused('unreadable-file'),
  },
  {
    name: 'xlsx-corrupt-deflate.xlsx',
    what: 'a workbook whose worksheet data was overwritten with noise (deflate stream and CRC broken)',
    build: () => {
      const full = Buffer.from(workbook([HEADER_CELLS, xrow(9, 1), xrow(9, 2)]));
      const at = full.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 'xl/worksheets/sheet1.xml'.length;
      noise(40, 9).copy(full, at + 4);
      return full;
    },
    expected: refused('unreadable-file'),
  },
  {
    name: 'xlsx-sheet-not-xml.xlsx',
    what: 'a well-formed ZIP whose worksheet is not XML',
    build: () => workbook([], { sheetXml: Buffer.from('this is not <xml at all & never closes <row') }),
    expected: refused('unreadable-file'),
  },
  {
    name: 'xlsx-zip-bomb-declared.xlsx',
    what: 'zip bomb: a 100 MB worksheet of one repeated row, honestly declared (ratio ~1000:1)',
    generated: true,
    build: () => {
      const unit = Buffer.from('<row><c t="inlineStr"><is><t>x</t></is></c></row>');
      return workbook([], {
        sheetXml: Buffer.concat([xml('<worksheet><sheetData>'), Buffer.alloc(100 * 1024 * 1024, unit), Buffer.from('</sheetData></worksheet>')]),
      });
    },
    expected: refused('too-large', /expands \d+ times/),
  },
  {
    name: 'xlsx-zip-bomb-lying-sizes.xlsx',
    what: 'zip bomb that lies: declares its 100 MB worksheet (a header, then one data row repeated with the same row number) as 2 KB; the row count, not the declared size or the r attribute, stops it',
    generated: true,
    limits: { maxRows: 1000 },
    build: () => {
      const cells = (r: number, values: string[]) => values.map((v, i) => `<c r="${String.fromCharCode(65 + i)}${r}" t="inlineStr"><is><t>${v}</t></is></c>`).join('');
      const unit = Buffer.from(`<row r="2">${cells(2, xrow(11, 1))}</row>`);
      const data = Buffer.concat([
        xml(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${cells(1, HEADER_CELLS)}</row>`),
        Buffer.alloc(100 * 1024 * 1024, unit),
        Buffer.from('</sheetData></worksheet>'),
      ]);
      return zip(workbookParts(data, 2048));
    },
    expected: refused('too-many-rows'),
  },
  {
    name: 'xlsx-far-away-cell.xlsx',
    what: 'one cell at XFD1048576: a reader that allocates the sheet densely would exhaust memory',
    build: () =>
      workbook([HEADER_CELLS, xrow(13, 1)], {
        sheetXml: xml(
          `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>` +
            `<row r="1">${HEADER_CELLS.map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>` +
            `<row r="2">${xrow(13, 1).map((h, i) => `<c r="${String.fromCharCode(65 + i)}2" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>` +
            `<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>ไกลมาก</t></is></c></row></sheetData></worksheet>`,
        ),
      }),
    expected: refused('too-many-rows'),
  },
  {
    name: 'xlsx-shared-strings-lying.xlsx',
    what: 'a shared-string table declared as 1,000 bytes that inflates to 3 million strings (the testers\' crash: 20 million took the heap); inflation is metered, not trusted',
    generated: true,
    build: () => {
      const unit = Buffer.from('<si><t>x</t></si>');
      const sst = Buffer.concat([
        xml('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'),
        Buffer.alloc(unit.length * 3_000_000, unit),
        Buffer.from('</sst>'),
      ]);
      const sheet = sheetOf(`${inlineRow(1, HEADER_CELLS)}<row r="2"><c t="s"><v>0</v></c></row>`);
      return zip(sharedStringWorkbookParts(sheet, sst, 1000));
    },
    expected: refused('inflation-limit'),
  },
  {
    name: 'xlsx-sheet-lying-inflation.xlsx',
    what: 'a worksheet declared as 1,000 bytes that inflates to 600 MB: 20,000 rows each with a 30 KB name (under the cell limit; the testers\' file stored 20,000 rejected rows of 30 KB): refused by the metered inflation, not by what the headers say',
    generated: true,
    build: () => {
      const unit = Buffer.from(inlineRow(2, ['ก'.repeat(10_000), ...xrow(40, 1).slice(1)]));
      const data = Buffer.concat([
        xml(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${inlineRow(1, HEADER_CELLS)}`),
        Buffer.alloc(unit.length * 20_000, unit),
        Buffer.from('</sheetData></worksheet>'),
      ]);
      return zip(workbookParts(data, 1000));
    },
    expected: refused('inflation-limit'),
  },
  {
    name: 'xlsx-local-header-lies.xlsx',
    what: 'a worksheet whose local ZIP header declares another size than the central directory',
    build: () => {
      const parts = workbookParts(sheetOf(`${inlineRow(1, HEADER_CELLS)}${inlineRow(2, xrow(37, 1))}`));
      parts[4] = { ...parts[4]!, localDeclaredSize: 100 };
      return zip(parts);
    },
    expected: refused('unreadable-file'),
  },
  {
    name: 'xlsx-row-numbers-repeated.xlsx',
    what: 'every data row numbered r="2" (a generator\'s slip): read as the rows they are, not one row overwritten or a failed load',
    build: () => workbook([], { sheetXml: sheetOf(`${inlineRow(1, HEADER_CELLS)}${[1, 2, 3].map((n) => inlineRow(2, xrow(38, n))).join('')}`) }),
    expected: read(3, 0),
  },
  {
    name: 'xlsx-row-numbers-backwards.xlsx',
    what: 'row numbers that go backwards and one that is not a number: each row read once, in file order',
    build: () =>
      workbook([], {
        sheetXml: sheetOf(`${inlineRow(1, HEADER_CELLS)}${inlineRow(5, xrow(39, 1))}${inlineRow(3, xrow(39, 2))}${inlineRow('x', xrow(39, 3))}`),
      }),
    expected: read(3, 0),
  },
  {
    name: 'xlsx-formulas-and-control-escapes.xlsx',
    what: 'formula cells (cached values are what is read), a _x0000_ escape (NUL) and a HYPERLINK formula in a name',
    build: () =>
      workbook([
        HEADER_CELLS,
        [{ raw: '<c r="{ref}" t="str"><f>HYPERLINK("http://evil.invalid","คลิก")</f><v>คลิก</v></c>' }, id(14, 1), { raw: '<c r="{ref}"><f>0+1</f><v>1</v></c>' }, 'บึงกาฬ', 'สินค้า 1', 'อาหาร'],
        ['ผู้ผลิต_x0000_ศูนย์', id(14, 2), '1', 'บึงกาฬ', 'สินค้า 2', 'อาหาร'],
        ['=cmd|\' /C calc\'!A0', id(14, 3), '1', 'บึงกาฬ', 'สินค้า 3', 'อาหาร'],
      ]),
    expected: read(3, 0),
    storedNames: ['คลิก', "=cmd|' /C calc'!A0"],
  },
  {
    name: 'pdf-named-xlsx.xlsx',
    what: 'a PDF renamed .xlsx (binary streams inside)',
    build: () => Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 200 /Filter /FlateDecode >>\nstream\n', 'latin1'), noise(600, 15), Buffer.from('\nendstream\nendobj\n%%EOF\n')]),
    expected: refused('binary-file'),
  },
  {
    name: 'csv-named-xlsx.xlsx',
    what: 'a CSV with an .xlsx name: the content decides, not the name',
    build: () => csv([HEADER, row(16, 1)]),
    expected: read(1, 0),
  },
  // ── Size and shape ──────────────────────────────────────────────────────────────────────
  {
    name: 'field-100mb.csv',
    what: 'one 100 MB quoted field (the cell limit refuses it while streaming)',
    generated: true,
    build: () => Buffer.concat([Buffer.from(`${HEADER}\n"`), Buffer.alloc(100 * 1024 * 1024, 'a'), Buffer.from(`",${id(17, 1)},1,บึงกาฬ,x,อาหาร\n`)]),
    expected: refused('unreadable-file'),
  },
  {
    name: 'columns-1000.csv',
    what: '1,000 columns in the header',
    build: () => csv([Array.from({ length: 1000 }, (_, i) => (i < 6 ? HEADER_CELLS[i]! : `c${i}`)).join(','), row(18, 1)]),
    expected: refused('unreadable-file', /more than 200 columns/),
  },
  {
    name: 'ragged-rows.csv',
    what: 'rows shorter and longer than the header',
    build: () => csv([HEADER, `ผู้ผลิตสั้น,${id(19, 1)},1`, `${row(19, 2)},เกิน,เกินอีก`, row(19, 3)]),
    expected: read(2, 1, [
      [2, 'missing-value'],
      [2, 'missing-value'],
      [2, 'missing-value'],
    ]),
  },
  {
    name: 'blank-lines-200k.csv',
    what: 'a header, 200,000 blank lines, then one row: blank lines cost nothing and keep row numbers',
    build: () => Buffer.from(`${HEADER}\n${'\n'.repeat(200_000)}${row(20, 1)}\n`),
    expected: read(1, 0),
  },
  {
    name: 'only-bom.csv',
    what: 'just a UTF-8 byte-order mark',
    build: () => Buffer.from([0xef, 0xbb, 0xbf]),
    expected: refused('empty-file'),
  },
  {
    name: 'only-delimiters.csv',
    what: 'commas and line breaks, nothing else',
    build: () => Buffer.from(',,,,,\n,,,,,\n;;;\n\n'),
    expected: refused('missing-column', undefined, 6),
  },
  // ── Binary posing as CSV ────────────────────────────────────────────────────────────────
  {
    name: 'binary-elf.csv',
    what: 'an ELF executable named .csv',
    build: () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), noise(4000, 23)]),
    expected: refused('binary-file'),
  },
  {
    name: 'binary-gzip.csv',
    what: 'a gzipped CSV named .csv',
    build: () => gzipSync(csv([HEADER, row(24, 1)])),
    expected: refused('binary-file'),
  },
  {
    name: 'binary-nul-late.csv',
    what: 'a text file with a single NUL byte after its first megabyte',
    generated: true,
    build: () => Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.from(`${row(25, 1)}\n`.repeat(1).padEnd(1.2 * 1024 * 1024, ' ')), Buffer.from([0]), Buffer.from('\n')]),
    expected: refused('binary-file'),
  },
  {
    name: 'control-characters.csv',
    what: 'C0 control characters (BEL, ESC, DEL, form feed) inside names, below the binary threshold',
    build: () => csv([HEADER, row(26, 1, 'ผู้ผลิต\u0007กริ่ง\u001b[31mแดง\u007f'), row(26, 2, 'หน้า\fใหม่')]),
    expected: read(2, 0),
    storedNames: ['ผู้ผลิตกริ่ง[31mแดง', 'หน้า ใหม่'],
  },
  // ── Quoting ─────────────────────────────────────────────────────────────────────────────
  {
    name: 'quotes-unbalanced.csv',
    what: 'a quote opened on row 3 and never closed',
    build: () => csv([HEADER, row(27, 1), `"ผู้ผลิตเปิดคำพูด,${id(27, 2)},1,บึงกาฬ,สินค้า,อาหาร`, row(27, 3)]),
    expected: refused('unreadable-file', /never closed/),
  },
  {
    name: 'quotes-stray-in-unquoted.csv',
    what: 'quotes inside unquoted fields (5" ผ้า) and a quoted field followed by text',
    build: () => csv([HEADER, `ผ้า 5" นิ้ว,${id(28, 1)},1,บึงกาฬ,"ผ้า"ไหม,อาหาร`]),
    expected: read(1, 0),
    storedNames: ['ผ้า 5" นิ้ว'],
  },
  // ── Hostile text ────────────────────────────────────────────────────────────────────────
  {
    name: 'formulas-in-cells.csv',
    what: 'spreadsheet formulas in names and products (kept as text; neutralised only in CSV downloads); a formula where a number goes',
    build: () =>
      csv([
        `${HEADER},ระดับดาว`,
        `${row(29, 1, quoted('=HYPERLINK("http://evil.invalid","x")'))},`,
        `${row(29, 2, '+SUM(A1:A9)', '@cmd')},`,
        `${row(29, 3, '-2+3')},=1+4`,
      ]),
    expected: read(2, 1, [[4, 'invalid-number']]),
    storedNames: ['=HYPERLINK("http://evil.invalid","x")', '+SUM(A1:A9)'],
  },
  {
    name: 'html-script-in-names.csv',
    what: 'HTML and script in names and products (stored as text; escaped on output)',
    build: () =>
      csv([
        HEADER,
        row(30, 1, '<script>alert(document.cookie)</script>', '<img src=x onerror=alert(1)>'),
        row(30, 2, quoted('"><svg onload=alert(1)>'), 'javascript:alert(1)'),
      ]),
    expected: read(2, 0),
    storedNames: ['<script>alert(document.cookie)</script>', '"><svg onload=alert(1)>'],
  },
  {
    name: 'sql-meta-characters.csv',
    what: "SQL meta characters: quotes, comments, semicolons, backslashes, COPY's tab and \\N",
    build: () =>
      csv([
        HEADER,
        row(31, 1, quoted("Robert'); DROP TABLE producers;--"), quoted("' OR '1'='1")),
        row(31, 2, quoted('\\N'), quoted('back\\slash \\. %_ $1 $$x$$')),
        row(31, 3, quoted('tab\there'), quoted('E\'\\x00\'')),
      ]),
    expected: read(3, 0),
    storedNames: ["Robert'); DROP TABLE producers;--", '\\N', 'tab here'],
  },
  {
    name: 'bidi-and-zero-width.csv',
    what: 'right-to-left override, bidi isolates, zero-width space/joiner, BOM and soft hyphen inside names and the citizen ID',
    build: () =>
      csv([
        HEADER,
        `ผู้ผลิต\u202Eกลับด้าน\u202C,${id(32, 1)},1,บึงกาฬ,สินค้า\u2067ซ่อน\u2069,อาหาร`,
        `ผู้\u200Bผลิต\u200D\uFEFFสอง\u00AD,${id(32, 2).slice(0, 5)}\u200B${id(32, 2).slice(5)},1,บึงกาฬ,สินค้า,อาหาร`,
      ]),
    expected: read(2, 0),
    storedNames: ['ผู้ผลิตกลับด้าน', 'ผู้ผลิตสอง'],
  },
  {
    name: 'combining-marks-flood.csv',
    what: 'a name carrying 3,000 stacked Thai combining marks ("Zalgo")',
    build: () => csv([HEADER, row(33, 1, `ก${'\u0E49\u0E35'.repeat(1500)}`)]),
    expected: read(1, 0),
  },
  // ── Dates and numbers ───────────────────────────────────────────────────────────────────
  {
    name: 'dates-impossible.csv',
    what: '31/02/2561, 29/02/2562 (not a leap year), 00/01/2561, 32/12/2560, 15/13/2560, 2561-02-30, 99/99/9999',
    build: () =>
      csv([
        `${HEADER},วันที่ลงทะเบียน`,
        ...['31/02/2561', '29/02/2562', '00/01/2561', '32/12/2560', '15/13/2560', '2561-02-30', '99/99/9999'].map((d, i) => `${row(34, i + 1)},${d}`),
        `${row(34, 8)},29/02/2559`,
      ]),
    expected: read(1, 7, [2, 3, 4, 5, 6, 7, 8].map((r) => [r, 'invalid-date'] as [number, string])),
  },
  {
    name: 'numbers-negative-and-huge.csv',
    what: 'members -5, 1e308, 20 nines, NaN, Infinity, 0x10; stars -1 and 99999999999; village 1e3',
    build: () =>
      csv([
        `${HEADER},จำนวนสมาชิก,ระดับดาว,หมู่ที่`,
        `${row(35, 1)},-5,,`,
        `${row(35, 2)},1e308,,`,
        `${row(35, 3)},99999999999999999999,,`,
        `${row(35, 4)},NaN,,`,
        `${row(35, 5)},Infinity,,`,
        `${row(35, 6)},0x10,,`,
        `${row(35, 7)},,-1,`,
        `${row(35, 8)},,99999999999,`,
        `${row(35, 9)},,,1e3`,
        `${row(35, 10)},2147483648,,`,
      ]),
    expected: read(0, 10, [
      [2, 'out-of-range'],
      [3, 'invalid-number'],
      [4, 'invalid-number'],
      [5, 'invalid-number'],
      [6, 'invalid-number'],
      [7, 'invalid-number'],
      [8, 'out-of-range'],
      [9, 'out-of-range'],
      [10, 'invalid-number'],
      [11, 'out-of-range'],
    ]),
  },
  {
    name: 'citizen-ids-mangled.csv',
    what: 'IDs as Excel mangles them (3.38E+12), all zeros, 14 digits, Thai digits with dashes (the last one is fine)',
    build: () =>
      csv([
        HEADER,
        row(36, 1).replace(id(36, 1), '3.38010000E+12'),
        row(36, 2).replace(id(36, 2), '0000000000000'),
        row(36, 3).replace(id(36, 3), `${id(36, 3)}1`),
        row(36, 4).replace(id(36, 4), toThaiDashed(id(36, 4))),
      ]),
    expected: read(1, 3, [
      [2, 'invalid-citizen-id'],
      [3, 'invalid-citizen-id'],
      [4, 'invalid-citizen-id'],
    ]),
  },
];

function toThaiDashed(d: string): string {
  const thai = [...d].map((c) => String.fromCharCode(0x0e50 + Number(c))).join('');
  return `${thai.slice(0, 1)}-${thai.slice(1, 5)}-${thai.slice(5, 10)}-${thai.slice(10, 12)}-${thai.slice(12)}`;
}
