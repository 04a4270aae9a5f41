import { describe, expect, it } from 'vitest';
import { PRODUCT_STANDARDS, parseStandards, standardLabel } from '../../domain/product-standards.ts';

describe('PRODUCT_STANDARDS', () => {
  it('lists the nine standards seen on registrations with their Thai names', () => {
    expect(PRODUCT_STANDARDS.map((s) => [s.code, s.th])).toEqual([
      ['fda', 'อย.'],
      ['mophor', 'มผช.'],
      ['tis', 'มอก.'],
      ['gmp', 'GMP'],
      ['haccp', 'HACCP'],
      ['q-mark', 'เครื่องหมาย Q'],
      ['gap', 'GAP'],
      ['organic', 'เกษตรอินทรีย์'],
      ['halal', 'ฮาลาล'],
    ]);
  });
});

describe('standardLabel', () => {
  it('names a standard in Thai or English', () => {
    expect(standardLabel('fda', 'th')).toBe('อย.');
    expect(standardLabel('fda', 'en')).toBe('Thai FDA');
    expect(standardLabel('q-mark', 'th')).toBe('เครื่องหมาย Q');
    expect(standardLabel('q-mark', 'en')).toBe('Q mark');
  });

  it('returns a code that names no standard as it is, in either language', () => {
    expect(standardLabel('iso-9001', 'th')).toBe('iso-9001');
    expect(standardLabel('iso-9001', 'en')).toBe('iso-9001');
    expect(standardLabel('', 'en')).toBe('');
  });
});

describe('parseStandards', () => {
  it('returns nothing for an empty cell', () => {
    expect(parseStandards('')).toEqual({ codes: [], unknown: [] });
    expect(parseStandards(' , ; ')).toEqual({ codes: [], unknown: [] });
  });

  it('splits on comma, semicolon, slash and bar', () => {
    expect(parseStandards('อย., มผช.; มอก./GMP|HACCP')).toEqual({ codes: ['fda', 'mophor', 'tis', 'gmp', 'haccp'], unknown: [] });
  });

  it('splits on spaces (ASCII or NBSP) between known tokens', () => {
    expect(parseStandards('อย. มผช.\u00A0ฮาลาล')).toEqual({ codes: ['fda', 'mophor', 'halal'], unknown: [] });
  });

  it('keeps multi-word names together', () => {
    expect(parseStandards('เครื่องหมาย Q')).toEqual({ codes: ['q-mark'], unknown: [] });
    expect(parseStandards('อย. เครื่องหมาย Q GAP')).toEqual({ codes: ['fda', 'q-mark', 'gap'], unknown: [] });
    expect(parseStandards('Q mark, Organic Thailand')).toEqual({ codes: ['q-mark', 'organic'], unknown: [] });
  });

  it('reads Thai and English names and codes alike', () => {
    expect(parseStandards('FDA, TIS, Halal, organic')).toEqual({ codes: ['fda', 'tis', 'halal', 'organic'], unknown: [] });
    expect(parseStandards('อย มผช มอก เกษตรอินทรีย์')).toEqual({ codes: ['fda', 'mophor', 'tis', 'organic'], unknown: [] });
    expect(parseStandards('q-mark mophor')).toEqual({ codes: ['q-mark', 'mophor'], unknown: [] });
  });

  it('splits abbreviations typed without a space', () => {
    expect(parseStandards('อย.มผช.')).toEqual({ codes: ['fda', 'mophor'], unknown: [] });
  });

  it('lists each standard once, in the order first seen', () => {
    expect(parseStandards('มผช., อย., FDA, มผช')).toEqual({ codes: ['mophor', 'fda'], unknown: [] });
  });

  it('returns unknown words for the user to check, adjacent words kept together', () => {
    expect(parseStandards('อย. ISO 9001, มผช.')).toEqual({ codes: ['fda', 'mophor'], unknown: ['ISO 9001'] });
    expect(parseStandards('Organicfarm')).toEqual({ codes: [], unknown: ['Organicfarm'] });
    expect(parseStandards('ไม่มี')).toEqual({ codes: [], unknown: ['ไม่มี'] });
    expect(parseStandards('OTOP 5 ดาว; GMP')).toEqual({ codes: ['gmp'], unknown: ['OTOP 5 ดาว'] });
  });
});
