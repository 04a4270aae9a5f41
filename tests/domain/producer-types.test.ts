import { describe, expect, it } from 'vitest';
import { PRODUCER_TYPES, PRODUCER_TYPE_ALIASES, producerTypeLabel, resolveProducerType } from '../../domain/producer-types.ts';

describe('PRODUCER_TYPES', () => {
  it('holds the three official types with their exact Thai and English labels', () => {
    expect(PRODUCER_TYPES).toEqual([
      { code: 'community-group', number: 1, th: 'กลุ่มผู้ผลิตชุมชน', en: 'Community producer group' },
      { code: 'single-owner', number: 2, th: 'ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว', en: 'Single-owner community producer' },
      { code: 'sme', number: 3, th: 'ผู้ผลิตที่เป็นวิสาหกิจขนาดกลางและขนาดย่อม', en: 'SME producer' },
    ]);
  });
});

describe('resolveProducerType', () => {
  it.each([
    ['community-group', 'community-group'],
    ['1', 'community-group'],
    ['๑', 'community-group'],
    ['กลุ่มผู้ผลิตชุมชน', 'community-group'],
    ['กลุ่ม', 'community-group'],
    ['Community producer group', 'community-group'],
    ['  community   PRODUCER group ', 'community-group'],
    ['single-owner', 'single-owner'],
    ['2', 'single-owner'],
    ['ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว', 'single-owner'],
    ['รายเดียว', 'single-owner'],
    ['เจ้าของรายเดียว', 'single-owner'],
    ['Single-owner community producer', 'single-owner'],
    ['single owner community producer', 'single-owner'],
    ['sme', 'sme'],
    ['3', 'sme'],
    ['ผู้ผลิตที่เป็นวิสาหกิจขนาดกลางและขนาดย่อม', 'sme'],
    ['SME', 'sme'],
    ['SMEs', 'sme'],
    ['วิสาหกิจ', 'sme'],
    ['SME producer', 'sme'],
  ] as const)('%j → %s', (input, code) => {
    expect(resolveProducerType(input)).toBe(code);
  });

  it('sees through typing slips in the Thai label', () => {
    expect(resolveProducerType('กลุ่ม\u200Bผู้ผลิต ชุมชน')).toBe('community-group');
    expect(resolveProducerType('ผู้ผลิตชุมชนที่เป็นเจ้าของ รายเดียว')).toBe('single-owner');
  });

  it.each(['', '   ', '0', '4', '12', 'ผู้ผลิตชุมชน', 'วิสาหกิจชุมชน', 'cooperative', 'กลุ่มอาชีพ'])(
    'refuses %j',
    (input) => {
      expect(resolveProducerType(input)).toBeNull();
    },
  );

  it('resolves every alias to its own type (no alias claimed by two types)', () => {
    for (const [code, aliases] of Object.entries(PRODUCER_TYPE_ALIASES)) {
      for (const alias of aliases) expect(resolveProducerType(alias), alias).toBe(code);
    }
  });
});

describe('producerTypeLabel', () => {
  it('names a type in Thai or English; a code that names no type comes back as it is', () => {
    expect(producerTypeLabel('sme', 'th')).toBe('ผู้ผลิตที่เป็นวิสาหกิจขนาดกลางและขนาดย่อม');
    expect(producerTypeLabel('community-group', 'en')).toBe('Community producer group');
    expect(producerTypeLabel('co-op', 'th')).toBe('co-op');
  });
});
