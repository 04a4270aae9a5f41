import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeCell } from '../../pipeline/normalize-cell.ts';
import { normalizeText } from '../../domain/normalize-text.ts';
import { resolveHeader } from '../../domain/columns.ts';

describe('normalizeCell', () => {
  it('is normalizeText, exactly, for any text (its fast path is only a shortcut)', () => {
    const thai = fc.integer({ min: 0x0e00, max: 0x0e7f }).map((c) => String.fromCharCode(c));
    const tricky = fc.constantFrom(' ', '  ', '\t', '\u00a0', '\u200b', '\ufeff', 'เเ', '\u0e4d\u0e32', '\u0e48\u0e38', 'e\u0301', '๕', 'A', '-');
    fc.assert(
      fc.property(fc.array(fc.oneof(thai, tricky, fc.string({ maxLength: 3 })), { maxLength: 12 }), (parts) => {
        const s = parts.join('');
        expect(normalizeCell(s)).toEqual(normalizeText(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('takes the fast path for plain Thai and ASCII and reports no change', () => {
    expect(normalizeCell('กลุ่มทอผ้าไหม บ้านโนนสมบูรณ์')).toEqual({ value: 'กลุ่มทอผ้าไหม บ้านโนนสมบูรณ์', changes: [] });
    expect(normalizeCell('๑๒ ')).toEqual({ value: '12', changes: ['thai-digits', 'whitespace'] });
  });
});

describe('resolveHeader', () => {
  it('recognises Thai and English headers, aliases, and headers with hints around them', () => {
    expect(resolveHeader('ชื่อผู้ผลิต')).toBe('producer_name');
    expect(resolveHeader('Producer Name')).toBe('producer_name');
    expect(resolveHeader('citizen_id')).toBe('citizen_id');
    expect(resolveHeader('เลขประจำตัวประชาชน (13 หลัก)')).toBe('citizen_id');
    expect(resolveHeader('ตำบล *')).toBe('subdistrict');
    expect(resolveHeader('3. ประเภทผลิตภัณฑ์')).toBe('category');
    expect(resolveHeader('ระดับดาว OTOP')).toBe('stars');
    expect(resolveHeader('หมายเหตุ')).toBeNull();
    expect(resolveHeader('')).toBeNull();
  });
});
