import { labelKey } from './label-key.ts';

/** The product category codes, in form order: the one list the schema, the API and the figures use. */
export const CATEGORY_CODES = ['food', 'beverage', 'textile', 'household', 'herbal'] as const;
export type CategoryCode = (typeof CATEGORY_CODES)[number];
export type ProductCategory = { code: CategoryCode; number: 1 | 2 | 3 | 4 | 5; th: string; en: string };

export const PRODUCT_CATEGORIES: readonly ProductCategory[] = [
  { code: 'food', number: 1, th: 'อาหาร', en: 'Food' },
  { code: 'beverage', number: 2, th: 'เครื่องดื่ม', en: 'Beverages' },
  { code: 'textile', number: 3, th: 'ผ้า เครื่องแต่งกาย', en: 'Textiles and garments' },
  { code: 'household', number: 4, th: 'ของใช้ ของตกแต่ง ของที่ระลึก', en: 'Household, decorative and souvenir goods' },
  { code: 'herbal', number: 5, th: 'สมุนไพรที่ไม่ใช่อาหาร', en: 'Non-food herbal products' },
];

/** A category's name in the reader's language; a code that names no category comes back as it is. */
export function categoryLabel(code: string, lang: 'th' | 'en'): string {
  const category = PRODUCT_CATEGORIES.find((c) => c.code === code);
  return category ? category[lang] : code;
}

// Spaces and punctuation never matter (see labelKey), so 'ผ้าเครื่องแต่งกาย' and
// 'ผ้า, เครื่องแต่งกาย' match the label without being listed.
export const CATEGORY_ALIASES: Record<CategoryCode, readonly string[]> = {
  food: ['foods'],
  beverage: ['beverages', 'drink', 'drinks'],
  textile: ['ผ้า', 'เครื่องแต่งกาย', 'ผ้าและเครื่องแต่งกาย', 'textiles', 'garments', 'textiles & garments'],
  household: [
    'ของใช้',
    'ของตกแต่ง',
    'ของที่ระลึก',
    'ของใช้ของตกแต่งและของที่ระลึก',
    'household goods',
    'souvenirs',
    'household, decorative and souvenir',
  ],
  herbal: ['สมุนไพร', 'สมุนไพรที่มิใช่อาหาร', 'herbal products', 'non-food herbal', 'herbs'],
};

const BY_KEY: ReadonlyMap<string, CategoryCode> = new Map(
  PRODUCT_CATEGORIES.flatMap((c) =>
    [c.code, String(c.number), c.th, c.en, ...CATEGORY_ALIASES[c.code]].map((label) => [labelKey(label), c.code] as const),
  ),
);

/** Product category from a code, number, Thai or English label or short form; null if unknown. */
export function resolveCategory(text: string): CategoryCode | null {
  const key = labelKey(text);
  return key === '' ? null : (BY_KEY.get(key) ?? null);
}
