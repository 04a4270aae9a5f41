import { pgTable, boolean, char, text, index } from 'drizzle-orm/pg-core';
import { provinces } from './provinces.ts';

/** Districts (amphoe, and Bangkok khet) keyed by the official 4-digit code (reference table). */
export const districts = pgTable(
  'districts',
  {
    code: char('code', { length: 4 }).primaryKey(),
    provinceCode: char('province_code', { length: 2 })
      .notNull()
      .references(() => provinces.code),
    nameTh: text('name_th').notNull(),
    nameEn: text('name_en').notNull(),
    /** Made up by `otop generate` (a test country), not official: `geo remove --synthetic` removes it. */
    synthetic: boolean('synthetic').notNull().default(false),
    postalCode: char('postal_code', { length: 5 }),
  },
  (t) => [index('districts_province_idx').on(t.provinceCode)],
);
