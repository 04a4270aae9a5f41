import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ISSUE_CODES } from '../../domain/issue-codes.ts';
import { normalizeText } from '../../domain/normalize-text.ts';
import { validateThaiId } from '../../domain/thai-id.ts';
import { DEFAULT_INGEST_LIMITS } from '../../pipeline/ingest-limits.ts';
import { mapHeaders } from '../../pipeline/map-headers.ts';
import { normalizeCell } from '../../pipeline/normalize-cell.ts';
import { CsvRecordParser, detectDelimiter } from '../../pipeline/read/csv-record-parser.ts';
import { FileRefusal } from '../../pipeline/read/file-refusal.ts';
import { openRecords } from '../../pipeline/read/open-records.ts';
import { sniffSource } from '../../pipeline/read/sniff-source.ts';
import { ScopeGeography } from '../../pipeline/scope-geography.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { RowValidator } from '../../pipeline/validate-row.ts';
import { readFileSync } from 'node:fs';
import { id, workbook } from '../../testkit/bad-input-corpus.ts';
import { createTestDb } from '../support/test-db.ts';

// Property-based fuzzing with a fixed seed (reproducible) and bounded runs: whatever the input,
// the readers, the normaliser and the validator either answer or refuse with a catalogue
// issue; they never throw anything else, never hang (each input has a time bound).
const SEED = 2561;
const RUNS = 2000;
const PER_INPUT_MS = 250;
const timed = <T>(f: () => T): T => {
  const t0 = performance.now();
  const out = f();
  expect(performance.now() - t0, 'per-input time bound').toBeLessThan(PER_INPUT_MS);
  return out;
};

// Text with the characters that break things: delimiters, quotes, line breaks, Thai, combining
// marks, invisible and bidi controls, NUL and other controls, surrogate halves, full Unicode.
const nasty = fc.constantFrom(
  ',', ';', '\t', '|', '"', "'", '\n', '\r', '\r\n', ' ', '\u00A0', 'a', 'ก', 'เ', '\u0E4D', '\u0E32', '\u0E48', '\u0E38', '๑',
  '\u200B', '\u202E', '\u2067', '\uFEFF', '\u0000', '\u0007', '\u001b', '\uFFFD', '\uD800', '\uDC00', '=', '+', '-', '@', '\\', 'sep=',
);
const hostileText = fc.oneof(
  fc.string({ unit: nasty, maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.oneof(nasty, fc.constantFrom('ผ', 'ู', '้', 'ล', 'ิ', 'ต', '1', '2', '/', '.')), maxLength: 40 }),
);
const INVISIBLE = /[\u0000-\u0008\u000E-\u001F\u007F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

describe('fuzz: CSV reader', () => {
  it(`${RUNS} texts cut into random chunks: records of strings, or a FileRefusal; the same records however cut`, () => {
    fc.assert(
      fc.property(hostileText, fc.array(fc.nat(), { maxLength: 4 }), fc.constantFrom(',', ';', '\t'), (text, cutsRaw, delimiter) => {
        const limits = { maxCellChars: 50, maxColumns: 20 };
        const run = (cuts: number[]) => {
          const parser = new CsvRecordParser(delimiter, limits);
          const out: string[][] = [];
          let at = 0;
          for (const cut of [...cuts, text.length]) {
            parser.push(text.slice(at, cut), out);
            at = cut;
          }
          parser.end(out);
          return out;
        };
        const cuts = cutsRaw.map((c) => c % (text.length + 1)).sort((a, b) => a - b);
        let whole: string[][] | FileRefusal;
        try {
          whole = timed(() => run([]));
        } catch (err) {
          expect(err).toBeInstanceOf(FileRefusal);
          expect(ISSUE_CODES[(err as FileRefusal).issue.code]).toBeDefined();
          whole = err as FileRefusal;
        }
        if (whole instanceof FileRefusal) {
          expect(() => run(cuts)).toThrow(FileRefusal);
          return;
        }
        for (const r of whole) {
          expect(r.length).toBeLessThanOrEqual(limits.maxColumns);
          for (const c of r) expect(c.length).toBeLessThanOrEqual(limits.maxCellChars);
        }
        expect(run(cuts)).toEqual(whole);
        const d = detectDelimiter(text);
        // One of the usual four, or whatever a 'sep=' line names (one character).
        expect([...d.delimiter]).toHaveLength(1);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it(`${RUNS / 4} random byte files through sniffing and reading: rows, or a refusal with a catalogue code`, async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.string({ unit: nasty, maxLength: 120 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
      fc.tuple(fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0x50, 0x4b, 0x03, 0x04], []), fc.uint8Array({ maxLength: 200 })).map(
        ([head, rest]) => new Uint8Array([...head, ...rest]),
      ),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (b) => {
        const source = { kind: 'bytes' as const, bytes: b };
        const t0 = performance.now();
        try {
          const sniff = await sniffSource(source);
          const records = await openRecords(source, sniff, { limits: { ...DEFAULT_INGEST_LIMITS, maxCellChars: 100, maxColumns: 50 } });
          for await (const batch of records.batches) for (const r of batch) expect(r.cells.every((c) => typeof c === 'string' && !c.includes('\u0000'))).toBe(true);
        } catch (err) {
          expect(err, String(err)).toBeInstanceOf(FileRefusal);
          expect(ISSUE_CODES[(err as FileRefusal).issue.code]).toBeDefined();
        }
        expect(performance.now() - t0).toBeLessThan(PER_INPUT_MS * 8);
      }),
      { seed: SEED, numRuns: RUNS / 4 },
    );
  }, 60_000);
});

describe('fuzz: XLSX reader', () => {
  const limits = { ...DEFAULT_INGEST_LIMITS, maxCellChars: 100, maxColumns: 50, maxRows: 1000 };
  /** Every row, or the refusal; anything else thrown fails the property. */
  const readAll = async (bytes: Uint8Array) => {
    const source = { kind: 'bytes' as const, bytes };
    const t0 = performance.now();
    const rows: Array<{ row: number; cells: string[] }> = [];
    try {
      const records = await openRecords(source, await sniffSource(source), { limits });
      for await (const batch of records.batches) rows.push(...batch);
    } catch (err) {
      expect(err, String(err)).toBeInstanceOf(FileRefusal);
      expect(ISSUE_CODES[(err as FileRefusal).issue.code]).toBeDefined();
      return null;
    } finally {
      expect(performance.now() - t0, 'per-input time bound').toBeLessThan(PER_INPUT_MS * 8);
    }
    for (let i = 0; i < rows.length; i++) {
      if (i > 0) expect(rows[i]!.row).toBeGreaterThan(rows[i - 1]!.row);
      expect(rows[i]!.cells.every((c) => typeof c === 'string' && !c.includes('\u0000') && c.length <= limits.maxCellChars)).toBe(true);
    }
    return rows;
  };

  it(`${RUNS / 4} workbooks with bytes overwritten or cut off: rows in order, or a refusal with a catalogue code`, async () => {
    // Written by exceljs: shared strings, styles, dates, two sheets.
    const base = readFileSync(new URL('../fixtures/pipeline/registrations.xlsx', import.meta.url));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(), { nil: null }),
        async (edits, cut) => {
          const b = Buffer.from(base);
          for (const e of edits) b[e.at % b.length] = e.value;
          await readAll(cut === null ? b : b.subarray(0, cut % b.length));
        },
      ),
      { seed: SEED, numRuns: RUNS / 4 },
    );
  }, 60_000);

  it(`${RUNS / 4} worksheets of random rows (numbers repeated, backwards, missing; cells of every type, far columns): rows in order, or a refusal`, async () => {
    const cell = fc.oneof(
      hostileText,
      fc.double(),
      fc.record({ t: fc.constantFrom('s', 'b', 'e', 'n', 'str', 'd', 'inlineStr', 'x'), v: fc.oneof(fc.nat(), fc.constantFrom('1', '0', '#N/A', '2018-03-15T00:00:00Z', '1e308', '-0', 'abc', '')), col: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }) }),
    );
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const colName = (n: number) => (n > 26 ? String.fromCharCode(64 + Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ r: fc.option(fc.integer({ min: -2, max: 1200 }), { nil: null }), cells: fc.array(cell, { maxLength: 8 }) }), { maxLength: 30 }),
        async (rows) => {
          const xmlRows = rows
            .map(({ r, cells }) => {
              const cs = cells
                .map((c) => {
                  if (typeof c === 'string') return `<c t="inlineStr"><is><t>${esc(c.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/g, ''))}</t></is></c>`;
                  if (typeof c === 'number') return `<c><v>${c}</v></c>`;
                  return `<c${c.col === null ? '' : ` r="${colName(c.col)}1"`} t="${c.t}"><v>${esc(String(c.v))}</v></c>`;
                })
                .join('');
              return `<row${r === null ? '' : ` r="${r}"`}>${cs}</row>`;
            })
            .join('');
          const sheetXml = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${xmlRows}</sheetData></worksheet>`);
          const read = await readAll(workbook([], { sheetXml }));
          if (read !== null) expect(read.length).toBe(rows.length);
        },
      ),
      { seed: SEED, numRuns: RUNS / 4 },
    );
  }, 60_000);
});

describe('fuzz: normaliser', () => {
  it(`${RUNS} texts: idempotent, no invisible or control characters left, trimmed, and normalizeCell agrees`, () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary-ascii', maxLength: 40 })), (s) => {
        const once = timed(() => normalizeText(s));
        expect(normalizeText(once.value).value).toBe(once.value);
        expect(once.value).not.toMatch(INVISIBLE);
        expect(once.value).toBe(once.value.trim());
        expect(once.value).not.toMatch(/\s{2}/);
        expect(normalizeCell(s)).toEqual(once);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('fuzz: row validator', () => {
  let close: () => Promise<void>;
  let geography: ScopeGeography;
  beforeAll(async () => {
    const t = await createTestDb();
    await seedReference(t.db);
    geography = await ScopeGeography.load(t.db);
    close = () => t.close();
  });
  afterAll(async () => close?.());

  const HEADERS = ['ชื่อผู้ผลิต', 'เลขประจำตัวประชาชน', 'ประเภทผู้ผลิต', 'ตำบล', 'ชื่อผลิตภัณฑ์', 'ประเภทผลิตภัณฑ์', 'จำนวนสมาชิก', 'ระดับดาว', 'หมู่ที่', 'วันที่ลงทะเบียน', 'มาตรฐานผลิตภัณฑ์', 'อำเภอ'];
  // Each column: plausible values, near misses and hostile text.
  const column = [
    fc.oneof(fc.constantFrom('กลุ่มทอผ้า', '<script>x</script>', "'; drop table x;--", '=1+1'), hostileText),
    fc.oneof(fc.nat({ max: 999 }).map((n) => id(900, n)), fc.constantFrom('3.38E+12', '0000000000000', '๓๓๘๐๑๐๐๐๐๑๐๑๙', '1-2345-67890-12-3'), hostileText),
    fc.oneof(fc.constantFrom('1', '2', '3', 'SME', 'กลุ่มผู้ผลิตชุมชน', '4', '0'), hostileText),
    fc.oneof(fc.constantFrom('บึงกาฬ', 'หอคำ', 'ต.หอคำ', '380101', '380201', 'ไม่มี', 'ศรีชมภู'), hostileText),
    fc.oneof(fc.constantFrom('ผ้าไหม', 'น้ำพริก', 'Silk Scarf', 'ผ้าไหม A-1', 'ÉCRU', 'OTOP-ผ้า', 'ผ้า\u00A0ไหม'), hostileText),
    fc.oneof(fc.constantFrom('อาหาร', '1', '5', '6', 'food', 'ผ้า เครื่องแต่งกาย'), hostileText),
    fc.oneof(fc.constantFrom('', '0', '-1', '1,200 คน', '1e308', '99999999999999999999', '๒๕', '007', '12', '123456789', '1234567890'), hostileText),
    fc.oneof(fc.constantFrom('', '0', '5', '6', '★★★', '3 ดาว', '-1'), hostileText),
    fc.oneof(fc.constantFrom('', '0', '99', '100', 'หมู่ที่ 7', 'ม.3'), hostileText),
    fc.oneof(fc.constantFrom('', '31/02/2561', '29/02/2563', '15/03/2561', '2017-11-20', '1 ธ.ค. 2560', '00/00/0000', '๑๕/๑๑/๒๕๖๐'), hostileText),
    fc.oneof(fc.constantFrom('', 'อย.', 'มผช., GMP', 'ISO 9001', 'อย.;ฮาลาล'), hostileText),
    fc.oneof(fc.constantFrom('', 'เมืองบึงกาฬ', '3801', '3802', 'อ.เมือง'), hostileText),
  ];

  it(`${RUNS} rows: every row is accepted with well-formed values or rejected with catalogue issues — never both, never a throw`, () => {
    const district = geography.districtByCode.get('3801')!;
    const validator = new RowValidator(
      { scope: { kind: 'district', districtCode: '3801', provinceCode: '38' }, scopeDistricts: [district], geography, today: '2017-12-10' },
      mapHeaders(HEADERS, 1).mapping,
    );
    fc.assert(
      fc.property(fc.tuple(...column), fc.nat({ max: 3 }), (cells, drop) => {
        const record = { row: 2, cells: cells.slice(0, cells.length - drop) };
        const v = timed(() => validator.validate(record));
        for (const i of v.issues) {
          expect(ISSUE_CODES[i.code], i.code).toBeDefined();
          expect(i.row).toBe(2);
          expect(i.message.en.length).toBeGreaterThan(0);
          if (i.value !== null) expect(i.value).not.toMatch(/(?<!\d)\d{13}(?!\d)/);
        }
        const errors = v.issues.filter((i) => i.severity === 'error');
        if (v.blank) return;
        if (errors.length > 0) {
          expect(v.values).toBeNull();
          return;
        }
        const x = v.values!;
        expect(x, JSON.stringify(record)).not.toBeNull();
        expect(validateThaiId(x.thaiId).ok).toBe(true);
        expect(['community-group', 'single-owner', 'sme']).toContain(x.producerType);
        expect(x.districtCode).toBe('3801');
        expect(x.subdistrictCode.startsWith('3801')).toBe(true);
        expect(x.producerName.length).toBeGreaterThan(0);
        expect(x.productName.length).toBeGreaterThan(0);
        // The fast paths (a name that is its own key, a count of plain digits) read as the rule does.
        expect(x.nameKey).toBe(x.productName.toLowerCase().replace(/\s+/g, ''));
        if (/^\d{1,9}$/.test(cells[6] ?? '') && x.members !== null) expect(x.members).toBe(Number.parseInt(cells[6]!, 10));
        if (x.stars !== null) expect(x.stars >= 1 && x.stars <= 5).toBe(true);
        if (x.members !== null) expect(x.members).toBeGreaterThanOrEqual(1);
        if (x.villageNo !== null) expect(x.villageNo >= 1 && x.villageNo <= 99).toBe(true);
        if (x.registeredDate !== null) expect(x.registeredDate <= '2017-12-10' && !Number.isNaN(Date.parse(x.registeredDate))).toBe(true);
        for (const text of [x.producerName, x.productName, x.contactName ?? '', x.houseNo ?? '', x.phone ?? '']) expect(text).not.toMatch(INVISIBLE);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
