import { pgTable, char, integer, primaryKey } from 'drizzle-orm/pg-core';

/** A district's target of registered producers for a fiscal year (default: last year's count). */
export const districtTargets = pgTable(
  'district_targets',
  {
    districtCode: char('district_code', { length: 4 }).notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    producers: integer('producers').notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtCode, t.fiscalYear] })],
);
