import { describe, expect, it } from 'vitest';
import { groupTitleCore, headerKey, isRunningNumberTitle, REGISTRATION_COLUMNS, resolveHeader, RUNNING_NUMBER_TITLES } from '../../domain/columns.ts';
import { toThaiDigits } from '../../domain/thai-digits.ts';

// The ways offices dress a title: numbering, a required mark, a note in brackets, odd case and
// spacing, a zero-width space pasted from the web, Thai digits in the numbering.
const DRESSINGS: Array<[string, (t: string) => string]> = [
  ['as typed', (t) => t],
  ['upper case', (t) => t.toUpperCase()],
  ['numbered "1."', (t) => `1. ${t}`],
  ['numbered "(12)"', (t) => `(12) ${t}`],
  ['numbered "๓)" in Thai digits', (t) => `${toThaiDigits('3')}) ${t}`],
  ['required mark', (t) => `${t} *`],
  ['note in brackets', (t) => `${t} (กรอกทุกแถว)`],
  ['note in square brackets', (t) => `${t} [required]`],
  ['zero-width space and spaces', (t) => ` \u200b${t}\u00a0 `],
  ['line break before a note', (t) => `${t}\n(ถ้ามี)`],
];

describe('column synonyms (domain/columns.ts)', () => {
  for (const column of REGISTRATION_COLUMNS) {
    const names = [column.key, column.th, column.en, ...column.aliases];
    it(`${column.key}: each of its ${names.length} names and synonyms, however dressed, names it`, () => {
      for (const name of names) {
        for (const [how, dress] of DRESSINGS) expect(resolveHeader(dress(name)), `${how}: ${JSON.stringify(dress(name))}`).toBe(column.key);
      }
    });
  }

  it('no synonym names two columns, and none is a running-number title', () => {
    const owner = new Map<string, string>();
    for (const c of REGISTRATION_COLUMNS) {
      for (const name of [c.key, c.th, c.en, ...c.aliases]) {
        const k = headerKey(name);
        expect(owner.get(k) ?? c.key, name).toBe(c.key);
        owner.set(k, c.key);
        expect(isRunningNumberTitle(name), name).toBe(false);
      }
    }
  });

  it('running-number titles are recognised as such, and name no column', () => {
    for (const t of [...RUNNING_NUMBER_TITLES, 'ลำดับที่ (No.)', 'NO.', ' # ', 'ลำดับ\u200b']) {
      expect(isRunningNumberTitle(t), t).toBe(true);
      expect(resolveHeader(t), t).toBeNull();
    }
    expect(isRunningNumberTitle('เลขที่')).toBe(false);
    expect(resolveHeader('เลขที่')).toBe('house_no');
  });

  it('strips the words offices add (examples, OTOP, who asks) but leaves unknown titles unknown', () => {
    expect(resolveHeader('มาตรฐานที่ได้รับ เช่น อย. มผช.')).toBe('standards');
    expect(resolveHeader('ประเภทสินค้า OTOP')).toBe('category');
    expect(resolveHeader('เลขประจำตัว ปชช. ผู้ขอ')).toBe('citizen_id');
    expect(resolveHeader('ชื่อตำบลที่ตั้ง')).toBe('subdistrict');
    expect(resolveHeader('หมายเหตุ')).toBeNull();
    expect(resolveHeader('จังหวัด')).toBeNull();
    expect(resolveHeader('ประเภท')).toBeNull();
  });
});

describe('group titles of two-level headers', () => {
  it('what a group title is about, without the words wrapped around it', () => {
    expect(groupTitleCore('ข้อมูลผู้ผลิต')).toBe('ผู้ผลิต');
    expect(groupTitleCore('ข้อมูลของผู้ผลิต')).toBe('ผู้ผลิต');
    expect(groupTitleCore('รายละเอียดผลิตภัณฑ์')).toBe('ผลิตภัณฑ์');
    expect(groupTitleCore('Product details')).toBe('Product');
    expect(groupTitleCore('Producer Information')).toBe('Producer');
    expect(groupTitleCore('Details of product')).toBe('product');
    // Nothing to take off, or nothing left: the title as it is.
    expect(groupTitleCore('ที่อยู่')).toBe('ที่อยู่');
    expect(groupTitleCore('ข้อมูล')).toBe('ข้อมูล');
  });
});
