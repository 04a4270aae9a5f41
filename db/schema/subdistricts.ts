import { pgTable, boolean, char, text, index } from 'drizzle-orm/pg-core';
import { districts } from './districts.ts';

/** Subdistricts (tambon, and Bangkok khwaeng) keyed by the official 6-digit code (reference table). */
export const subdistricts = pgTable(
  'subdistricts',
  {
    code: char('code', { length: 6 }).primaryKey(),
    districtCode: char('district_code', { length: 4 })
      .notNull()
      .references(() => districts.code),
    nameTh: text('name_th').notNull(),
    nameEn: text('name_en').notNull(),
    /** Made up by `otop generate` (a test country), not official: `geo remove --synthetic` removes it. */
    synthetic: boolean('synthetic').notNull().default(false),
    postalCode: char('postal_code', { length: 5 }),
  },
  (t) => [index('subdistricts_district_idx').on(t.districtCode)],
);
