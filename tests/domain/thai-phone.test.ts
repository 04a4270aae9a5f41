import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toThaiDigits } from '../../domain/thai-digits.ts';
import { parsePhone } from '../../domain/thai-phone.ts';

const ok = (value: string) => expect.objectContaining({ ok: true, value });

describe('parsePhone: phone numbers as offices type them (#19)', () => {
  it('reads landlines and mobiles in the usual layouts into their digits', () => {
    for (const typed of ['0-4212-3456', '042 123 456', '042-123-456', '(042) 123-456', '042.123.456', '+66 42 123 456', '+66-42-123-456', '66 42 123 456', '42123456', '๐๔๒-๑๒๓-๔๕๖', 'โทร. 042-123-456']) {
      expect(parsePhone(typed), typed).toEqual(ok('042123456'));
    }
    for (const typed of ['081-234-5678', '081 234 5678', '08-1234-5678', '+66 81 234 5678', '+66 (0) 81 234 5678', '+66812345678', '812345678', 'Tel: 081-234-5678']) {
      expect(parsePhone(typed), typed).toEqual(ok('0812345678'));
    }
    expect(parsePhone('02-123-4567')).toEqual(ok('021234567'));
  });

  it('keeps several numbers and an extension, in one layout', () => {
    expect(parsePhone('081-234-5678, 042-123-456')).toEqual(ok('0812345678, 042123456'));
    expect(parsePhone('081-234-5678 หรือ 042 123 456')).toEqual(ok('0812345678, 042123456'));
    expect(parsePhone('081-234-5678 / 042-123-456')).toEqual(ok('0812345678, 042123456'));
    expect(parsePhone('042-123-456 ต่อ 12')).toEqual(ok('042123456 ต่อ 12'));
    expect(parsePhone('042-123-456 ext. 12')).toEqual(ok('042123456 ต่อ 12'));
  });

  it('says whether the layout changed', () => {
    expect(parsePhone('0812345678')).toEqual({ ok: true, value: '0812345678', changed: false });
    expect(parsePhone('081-234-5678')).toEqual({ ok: true, value: '0812345678', changed: true });
  });

  it('refuses what is not a Thai phone number', () => {
    for (const bad of ['', 'ไม่มี', '12345', '081-234-567', '081-234-56789', '0012345678', '+1 415 555 0100', '042123456/7', '081-234-5678, abc']) {
      expect(parsePhone(bad), bad).toEqual({ ok: false });
    }
  });

  it('reads any Thai number back from any common layout', () => {
    const number = fc.oneof(
      fc.tuple(fc.constantFrom('2', '3', '4', '5', '7'), fc.stringMatching(/^\d{7}$/)).map(([a, b]) => `0${a}${b}`),
      fc.tuple(fc.constantFrom('6', '8', '9'), fc.stringMatching(/^\d{8}$/)).map(([a, b]) => `0${a}${b}`),
    );
    const layout = fc.record({
      sep: fc.constantFrom('', ' ', '-', '.', ' - '),
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { maxLength: 3 }),
      country: fc.constantFrom('none', '+66', '+66 (0)', '66'),
      thai: fc.boolean(),
    });
    fc.assert(
      fc.property(number, layout, (n, { sep, cuts, country, thai }) => {
        const national = country === 'none' ? n : n.slice(1);
        const at = [...cuts].filter((c) => c < national.length).sort((a, b) => a - b);
        const groups: string[] = [];
        let from = 0;
        for (const c of at) {
          groups.push(national.slice(from, c));
          from = c;
        }
        groups.push(national.slice(from));
        let typed = groups.join(sep);
        if (country !== 'none') typed = `${country} ${typed}`;
        if (thai) typed = toThaiDigits(typed);
        expect(parsePhone(typed)).toEqual(ok(n));
      }),
    );
  });
});
