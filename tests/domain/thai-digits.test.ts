import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toAsciiDigits, toThaiDigits } from '../../domain/thai-digits.ts';

describe('Thai digits', () => {
  it('maps every digit 0–9 to ๐–๙ in order', () => {
    expect(toThaiDigits('0123456789')).toBe('๐๑๒๓๔๕๖๗๘๙');
    expect(toAsciiDigits('๐๑๒๓๔๕๖๗๘๙')).toBe('0123456789');
  });

  it('formats numbers', () => {
    expect(toThaiDigits(2561)).toBe('๒๕๖๑');
    expect(toThaiDigits(-3.5)).toBe('-๓.๕');
  });

  it('leaves every other character alone', () => {
    expect(toThaiDigits('ที่ บก 0019.3/ว 3248')).toBe('ที่ บก ๐๐๑๙.๓/ว ๓๒๔๘');
    expect(toAsciiDigits('โทร. ๐ ๔๒๔๙ ๒๔๕๙ ext. 12')).toBe('โทร. 0 4249 2459 ext. 12');
    expect(toAsciiDigits('ไม่มีตัวเลข')).toBe('ไม่มีตัวเลข');
  });

  it('round-trips any text without Thai digits through Thai digits and back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const plain = toAsciiDigits(s);
        expect(toAsciiDigits(toThaiDigits(plain))).toBe(plain);
        expect(toThaiDigits(plain)).not.toMatch(/[0-9]/);
      }),
    );
  });
});
