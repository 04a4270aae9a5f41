import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvRecordParser, detectDelimiter } from '../../pipeline/read/csv-record-parser.ts';
import { FileRefusal } from '../../pipeline/read/file-refusal.ts';

const LIMITS = { maxCellChars: 32_767, maxColumns: 200 };

function parseAll(text: string, delimiter = ',', chunks: number[] = []): string[][] {
  const parser = new CsvRecordParser(delimiter, LIMITS);
  const out: string[][] = [];
  let at = 0;
  for (const cut of [...chunks, text.length]) {
    parser.push(text.slice(at, cut), out);
    at = cut;
  }
  parser.end(out);
  return out;
}

describe('CsvRecordParser', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, and every line ending', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\n1,,3\r4,5,6';
    expect(parseAll(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\r\nlines'],
      ['1', '', '3'],
      ['4', '5', '6'],
    ]);
  });

  it('keeps blank lines as one empty cell (row numbers stay those a spreadsheet shows) and a trailing delimiter as an empty cell', () => {
    expect(parseAll('a,b\n\nc,\n')).toEqual([['a', 'b'], [''], ['c', '']]);
  });

  it('keeps text after a closing quote instead of refusing the row', () => {
    expect(parseAll('"abc"def,x\n')).toEqual([['abcdef', 'x']]);
  });

  it('gives the same records however the text is cut into chunks', () => {
    const text = 'ชื่อ,"ค่า, ""มี"" คำพูด"\r\n"หลาย\nบรรทัด",ข้อ\r\nx,"y"\n';
    const whole = parseAll(text);
    for (let cut = 0; cut <= text.length; cut++) expect(parseAll(text, ',', [cut]), `cut at ${cut}`).toEqual(whole);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 6 }), (cuts) => {
        expect(parseAll(text, ',', [...cuts].sort((a, b) => a - b))).toEqual(whole);
      }),
    );
  });

  it('round-trips any table written the RFC 4180 way', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'ก', ',', '"', '\n', '\r\n', ' ', ';') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (table) => {
        const text = table.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n');
        expect(parseAll(text)).toEqual(table);
      }),
    );
  });

  it('refuses an unterminated quote, an over-long cell and too many columns', () => {
    expect(() => parseAll('a,"b\nc,d\n')).toThrow(FileRefusal);
    expect(() => new CsvRecordParser(',', { maxCellChars: 3, maxColumns: 10 }).push('abcd,e\n', [])).toThrow(/longer than 3 characters/);
    expect(() => new CsvRecordParser(',', { maxCellChars: 10, maxColumns: 2 }).push('a,b,c\n', [])).toThrow(/more than 2 columns/);
  });
});

describe('detectDelimiter', () => {
  it('picks the delimiter of the header line, ignoring quoted text; honours Excel’s sep= line', () => {
    expect(detectDelimiter('a,b,c\nx;y;z;w;v')).toEqual({ delimiter: ',', skipFirstLine: false });
    expect(detectDelimiter('"a,b";c;d\n')).toEqual({ delimiter: ';', skipFirstLine: false });
    expect(detectDelimiter('a\tb\tc\n')).toEqual({ delimiter: '\t', skipFirstLine: false });
    expect(detectDelimiter('sep=;\r\na;b\n')).toEqual({ delimiter: ';', skipFirstLine: true });
    expect(detectDelimiter('single\n')).toEqual({ delimiter: ',', skipFirstLine: false });
  });
});
