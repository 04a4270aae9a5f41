import { describe, expect, it } from 'vitest';
import { productNameKey } from '../../domain/product-name-key.ts';

describe('productNameKey', () => {
  it('is the name lower-cased without whitespace, whether or not it takes the fast path', () => {
    const names = [
      'ผ้าไหม', 'น้ำพริกเผา', 'ผ้าไหม A-1', 'OTOP-ผ้า', 'silk', 'Silk', 'SILK', 'ÉCRU', 'écru', 'ผ้า\u00A0ไหม', 'ผ้า\tไหม',
      'ผ้า  ไหม ', '[x]_y{z}~', '@home', 'Ⅻ', 'İstanbul', 'ß', '', '๑๒๓', 'ข้าว\u3000หอม',
    ];
    for (const name of names) expect(productNameKey(name), name).toBe(name.toLowerCase().replace(/\s+/g, ''));
  });

  it('gives two spellings of one product the same key', () => {
    expect(productNameKey('Silk Scarf')).toBe(productNameKey('silk  scarf'));
    expect(productNameKey('ผ้าไหม มัดหมี่')).toBe(productNameKey('ผ้าไหมมัดหมี่'));
  });
});
