import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeKey, normalizeText } from '../../domain/normalize-text.ts';

const SARA_E = '\u0E40';
const SARA_AE = '\u0E41';
const NIKHAHIT = '\u0E4D';
const SARA_AA = '\u0E32';
const SARA_AM = '\u0E33';
const MAI_THO = '\u0E49';
const MAI_EK = '\u0E48';
const SARA_U = '\u0E38';
const NO_NU = 'น';

describe('normalizeText', () => {
  it('leaves clean text alone and reports nothing', () => {
    expect(normalizeText('กลุ่มแม่บ้านน้ำจั้น')).toEqual({ value: 'กลุ่มแม่บ้านน้ำจั้น', changes: [] });
    expect(normalizeText('')).toEqual({ value: '', changes: [] });
  });

  it('folds two sara e into sara ae', () => {
    const typed = `${SARA_E}${SARA_E}ม่`;
    expect(typed).not.toBe('แม่');
    expect(normalizeText(typed)).toEqual({ value: 'แม่', changes: ['double-sara-e'] });
    expect(normalizeText(`${SARA_E}${SARA_E}`).value).toBe(SARA_AE);
  });

  it('does not fold a single sara e', () => {
    expect(normalizeText('เมือง')).toEqual({ value: 'เมือง', changes: [] });
  });

  it('folds nikhahit + sara aa into sara am', () => {
    expect(normalizeText(`ก${NIKHAHIT}${SARA_AA}แพง`)).toEqual({ value: `ก${SARA_AM}แพง`, changes: ['split-sara-am'] });
  });

  it('folds a split sara am with the tone mark typed before the nikhahit (น + ้ + ํ + า → น้ำ)', () => {
    const typed = `${NO_NU}${MAI_THO}${NIKHAHIT}${SARA_AA}`;
    expect(normalizeText(typed)).toEqual({ value: 'น้ำ', changes: ['split-sara-am'] });
    expect('น้ำ').toBe(`${NO_NU}${MAI_THO}${SARA_AM}`);
  });

  it('folds a split sara am with the tone mark typed after the nikhahit, moving the tone before it', () => {
    expect(normalizeText(`${NO_NU}${NIKHAHIT}${MAI_THO}${SARA_AA}จั้น`)).toEqual({ value: 'น้ำจั้น', changes: ['split-sara-am'] });
  });

  it('turns Thai digits into ASCII digits', () => {
    expect(normalizeText('หมู่ที่ ๑๒')).toEqual({ value: 'หมู่ที่ 12', changes: ['thai-digits'] });
  });

  it('removes every zero-width, soft hyphen and bidi control character', () => {
    const invisible = ['\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\uFEFF', '\u00AD'];
    for (const ch of invisible) {
      expect(normalizeText(`สม${ch}ชาย`), `U+${ch.charCodeAt(0).toString(16)}`).toEqual({ value: 'สมชาย', changes: ['zero-width'] });
    }
  });

  it('trims and collapses spaces, tabs, new lines and NBSP into one space', () => {
    expect(normalizeText('  นาย\u00A0\u00A0สมชาย\tใจดี\r\n')).toEqual({ value: 'นาย สมชาย ใจดี', changes: ['whitespace'] });
  });

  it('applies NFC: composes Latin accents and puts a Thai tone mark after a below vowel', () => {
    expect(normalizeText('Cafe\u0301')).toEqual({ value: 'Caf\u00E9', changes: ['nfc'] });
    expect(normalizeText(`ก${MAI_EK}${SARA_U}`)).toEqual({ value: `ก${SARA_U}${MAI_EK}`, changes: ['nfc'] });
  });

  it('folds a slip hidden behind a zero-width character', () => {
    expect(normalizeText(`${SARA_E}\u200B${SARA_E}ม่`)).toEqual({ value: 'แม่', changes: ['zero-width', 'double-sara-e'] });
  });

  it('reports several kinds once each, in a fixed order', () => {
    const typed = ` \u200Bกลุ่ม${SARA_E}${SARA_E}ม่บ้าน  ${NO_NU}${MAI_THO}${NIKHAHIT}${SARA_AA}\u200B ๑ ๒ `;
    expect(normalizeText(typed)).toEqual({
      value: 'กลุ่มแม่บ้าน น้ำ 1 2',
      changes: ['thai-digits', 'zero-width', 'whitespace', 'double-sara-e', 'split-sara-am'],
    });
  });

  it('puts a tone mark in canonical order when folding ํ่า leaves it after another mark', () => {
    // A stray acute before the nikhahit: once ํ่า is folded to ่ำ, the tone mark follows the
    // acute directly, and NFC orders it first (found by the property below).
    expect(normalizeText(`\u0301${NIKHAHIT}${MAI_EK}${SARA_AA}`)).toEqual({
      value: `${MAI_EK}\u0301${SARA_AM}`,
      changes: ['nfc', 'split-sara-am'],
    });
  });

  it('is idempotent: a normalised value has nothing left to change', () => {
    // The letters the folds look for and combining marks of every class Thai text meets
    // (phinthu 9, sara u 103, tone marks 107, below dot 220, acute 230), drawn three times as
    // often as the rest, so slips and marks meet in every order within a few thousand runs.
    const folded = fc.constantFrom(SARA_E, NIKHAHIT, SARA_AA, MAI_THO, MAI_EK, SARA_U, '\u0E3A', '\u0301', '\u0323', ' ');
    const other = fc.constantFrom(
      'ก', 'น', 'ม', SARA_AE, SARA_AM, '\u0E39', '\u0E31', '\u0E47', '\u0E4C',
      '๑', '9', '\t', '\u00A0', '\u200B', '\uFEFF', 'e',
    );
    const alphabet = fc.oneof({ arbitrary: folded, weight: 3 }, { arbitrary: other, weight: 1 });
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }), (chars) => {
        const once = normalizeText(chars.join('')).value;
        expect(normalizeText(once)).toEqual({ value: once, changes: [] });
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('normalizeKey', () => {
  it('matches names regardless of spacing, case and slips', () => {
    expect(normalizeKey(' นาย  สมชาย ใจดี ')).toBe('นายสมชายใจดี');
    expect(normalizeKey('OTOP Shop')).toBe(normalizeKey('otopshop'));
    expect(normalizeKey(`${SARA_E}${SARA_E}ม่\u200Bบ้าน`)).toBe(normalizeKey('แม่บ้าน'));
    expect(normalizeKey(`${NO_NU}${MAI_THO}${NIKHAHIT}${SARA_AA}จั้น`)).toBe('น้ำจั้น');
  });

  it('still tells different names apart', () => {
    expect(normalizeKey('บึงกาฬ')).not.toBe(normalizeKey('บุ่งคล้า'));
    expect(normalizeKey('ศรีชมภู 1')).not.toBe(normalizeKey('ศรีชมภู 2'));
  });
});
