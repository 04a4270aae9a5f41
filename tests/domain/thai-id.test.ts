import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { THAI_ID_REASON_MESSAGES, hasThaiIdCheckDigit, isThirteenDigits, makeThaiId, maskThaiId, thaiIdCheckDigit, validateThaiId } from '../../domain/thai-id.ts';

// Worked by hand with check = (11 − Σ dᵢ·(13 − i) mod 11) mod 10:
//  110370012345: 13+12+0+30+63+0+0+6+10+12+12+10 = 168; 168 mod 11 = 3 → 8
//  110170020345: 13+12+0+10+63+0+0+12+0+12+12+10 = 144; 144 mod 11 = 1 → 10 mod 10 = 0
//  010553600000: 0+12+0+50+45+24+42 = 173; 173 mod 11 = 8 → 3
//  001000000000: 11; 11 mod 11 = 0 → 11 mod 10 = 1
//  000000000010: 3 → 8
describe('thaiIdCheckDigit', () => {
  it('matches hand-computed check digits, including the 10 → 0 and 11 → 1 wrap-arounds', () => {
    expect(thaiIdCheckDigit('110370012345')).toBe(8);
    expect(thaiIdCheckDigit('110170020345')).toBe(0);
    expect(thaiIdCheckDigit('010553600000')).toBe(3);
    expect(thaiIdCheckDigit('001000000000')).toBe(1);
    expect(thaiIdCheckDigit('000000000010')).toBe(8);
  });

  it('needs exactly 12 ASCII digits', () => {
    expect(() => thaiIdCheckDigit('11037001234')).toThrow(RangeError);
    expect(() => thaiIdCheckDigit('1103700123456')).toThrow(RangeError);
    expect(() => thaiIdCheckDigit('11037001234x')).toThrow(RangeError);
  });
});

describe('validateThaiId', () => {
  it('accepts a valid citizen ID, with or without dashes and spaces', () => {
    const ok = { ok: true, value: '1103700123458', kind: 'citizen' };
    expect(validateThaiId('1103700123458')).toEqual(ok);
    expect(validateThaiId('1-1037-00123-45-8')).toEqual(ok);
    expect(validateThaiId(' 1 1037 00123 45 8 ')).toEqual(ok);
  });

  it('accepts Thai digits', () => {
    expect(validateThaiId('๑-๑๐๓๗-๐๐๑๒๓-๔๕-๘')).toEqual({ ok: true, value: '1103700123458', kind: 'citizen' });
  });

  it('rejects the look-alike examples whose last digit is wrong', () => {
    // 1101700203451 looks plausible but its check digit is 0 (see above).
    expect(validateThaiId('1101700203451')).toEqual({ ok: false, reason: 'check-digit' });
    expect(validateThaiId('1101700203450')).toEqual({ ok: true, value: '1101700203450', kind: 'citizen' });
    expect(validateThaiId('1-1037-00123-45-6')).toEqual({ ok: false, reason: 'check-digit' });
  });

  it('calls an ID starting with 0 juristic', () => {
    expect(validateThaiId('0105536000003')).toEqual({ ok: true, value: '0105536000003', kind: 'juristic' });
    expect(validateThaiId('0-1055-36000-00-4')).toEqual({ ok: false, reason: 'check-digit' });
  });

  it('rejects 12 or 14 digits as a length problem', () => {
    expect(validateThaiId('110370012345')).toEqual({ ok: false, reason: 'length' });
    expect(validateThaiId('11037001234588')).toEqual({ ok: false, reason: 'length' });
    expect(validateThaiId('')).toEqual({ ok: false, reason: 'length' });
  });

  it('rejects letters and other symbols as not digits', () => {
    expect(validateThaiId('110370012345A')).toEqual({ ok: false, reason: 'not-digits' });
    expect(validateThaiId('1103700.123458')).toEqual({ ok: false, reason: 'not-digits' });
    expect(validateThaiId('ไม่มี')).toEqual({ ok: false, reason: 'not-digits' });
  });

  it('accepts exactly one of the ten possible last digits for any 12 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (first12) => {
        const valid = '0123456789'.split('').filter((d) => validateThaiId(first12 + d).ok);
        expect(valid).toEqual([String(thaiIdCheckDigit(first12))]);
        expect(validateThaiId(makeThaiId(first12)).ok).toBe(true);
      }),
    );
  });

  it('explains each refusal in Thai and English', () => {
    for (const reason of ['length', 'not-digits', 'check-digit'] as const) {
      expect(THAI_ID_REASON_MESSAGES[reason].th).toMatch(/[\u0E01-\u0E4F]/);
      expect(THAI_ID_REASON_MESSAGES[reason].en).toMatch(/^[\x20-\x7E]+$/);
    }
  });
});

describe('makeThaiId', () => {
  it('appends the check digit', () => {
    expect(makeThaiId('110370012345')).toBe('1103700123458');
    expect(makeThaiId('010553600000')).toBe('0105536000003');
  });
});

describe('maskThaiId', () => {
  it('shows only the last three digits in the usual grouping', () => {
    expect(maskThaiId('1103700123458')).toBe('x-xxxx-xxxxx-45-8');
    expect(maskThaiId('1-1037-00123-45-8')).toBe('x-xxxx-xxxxx-45-8');
    expect(maskThaiId('๑๑๐๓๗๐๐๑๒๓๔๕๘')).toBe('x-xxxx-xxxxx-45-8');
  });

  it('never shows more than three characters of malformed input', () => {
    expect(maskThaiId('110370012345')).toBe('xxxxxxxxx345');
    expect(maskThaiId('12')).toBe('xx');
    const masked = maskThaiId('1103700123458999');
    expect(masked.replace(/x/g, '')).toHaveLength(3);
  });
});

describe('the fast checks the validator runs on every row', () => {
  it('isThirteenDigits and hasThaiIdCheckDigit agree with the pattern and thaiIdCheckDigit', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^\d{11,14}$/), fc.string({ maxLength: 14 }), fc.constantFrom('๑๑๐๓๗๐๐๑๒๓๔๕๘', '1103700123458', '110370012345x')), (s) => {
        expect(isThirteenDigits(s)).toBe(/^\d{13}$/.test(s));
        if (/^\d{13}$/.test(s)) expect(hasThaiIdCheckDigit(s)).toBe(Number(s[12]) === thaiIdCheckDigit(s.slice(0, 12)));
      }),
      { numRuns: 3000 },
    );
  });
});
