import { pgTable, text, char, integer, primaryKey, index } from 'drizzle-orm/pg-core';

/** Products registered per round × district × category, kept current by triggers on products. */
export const productCounts = pgTable(
  'product_counts',
  {
    roundCode: text('round_code').notNull(),
    districtCode: char('district_code', { length: 4 }).notNull(),
    category: text('category').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    provinceCode: char('province_code', { length: 2 }).notNull(),
    products: integer('products').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'product_counts_pkey', columns: [t.roundCode, t.districtCode, t.category, t.provinceCode] }),
    index('product_counts_year_province_idx').on(t.fiscalYear, t.provinceCode),
  ],
);
