import { describe, expect, it } from 'vitest';
import { CATEGORY_ALIASES, categoryLabel, PRODUCT_CATEGORIES, resolveCategory } from '../../domain/product-categories.ts';

describe('PRODUCT_CATEGORIES', () => {
  it('holds the five OTOP categories with their exact labels', () => {
    expect(PRODUCT_CATEGORIES).toEqual([
      { code: 'food', number: 1, th: 'อาหาร', en: 'Food' },
      { code: 'beverage', number: 2, th: 'เครื่องดื่ม', en: 'Beverages' },
      { code: 'textile', number: 3, th: 'ผ้า เครื่องแต่งกาย', en: 'Textiles and garments' },
      { code: 'household', number: 4, th: 'ของใช้ ของตกแต่ง ของที่ระลึก', en: 'Household, decorative and souvenir goods' },
      { code: 'herbal', number: 5, th: 'สมุนไพรที่ไม่ใช่อาหาร', en: 'Non-food herbal products' },
    ]);
  });
});

describe('resolveCategory', () => {
  it.each([
    ['food', 'food'],
    ['1', 'food'],
    ['อาหาร', 'food'],
    ['Food', 'food'],
    ['beverage', 'beverage'],
    ['2', 'beverage'],
    ['เครื่องดื่ม', 'beverage'],
    ['Beverages', 'beverage'],
    ['textile', 'textile'],
    ['๓', 'textile'],
    ['ผ้า เครื่องแต่งกาย', 'textile'],
    ['ผ้าเครื่องแต่งกาย', 'textile'],
    ['ผ้า  เครื่องแต่งกาย', 'textile'],
    ['ผ้า, เครื่องแต่งกาย', 'textile'],
    ['ผ้า', 'textile'],
    ['Textiles and garments', 'textile'],
    ['textiles', 'textile'],
    ['household', 'household'],
    ['4', 'household'],
    ['ของใช้ ของตกแต่ง ของที่ระลึก', 'household'],
    ['ของใช้ของตกแต่งของที่ระลึก', 'household'],
    ['Household, decorative and souvenir goods', 'household'],
    ['household decorative and souvenir goods', 'household'],
    ['herbal', 'herbal'],
    ['5', 'herbal'],
    ['สมุนไพรที่ไม่ใช่อาหาร', 'herbal'],
    ['Non-food herbal products', 'herbal'],
    ['NON FOOD HERBAL PRODUCTS', 'herbal'],
  ] as const)('%j → %s', (input, code) => {
    expect(resolveCategory(input)).toBe(code);
  });

  it.each(['', '0', '6', 'อาหารเสริม', 'สมุนไพรที่เป็นอาหาร', 'clothes', 'ของ', 'OTOP'])('refuses %j', (input) => {
    expect(resolveCategory(input)).toBeNull();
  });

  it('resolves every alias to its own category (no alias claimed by two categories)', () => {
    for (const [code, aliases] of Object.entries(CATEGORY_ALIASES)) {
      for (const alias of aliases) expect(resolveCategory(alias), alias).toBe(code);
    }
  });
});

describe('categoryLabel', () => {
  it('names a category in Thai or English; a code that names no category comes back as it is', () => {
    expect(categoryLabel('textile', 'th')).toBe('ผ้า เครื่องแต่งกาย');
    expect(categoryLabel('herbal', 'en')).toBe('Non-food herbal products');
    expect(categoryLabel('toys', 'en')).toBe('toys');
  });
});
