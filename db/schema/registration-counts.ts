import { pgTable, text, char, integer, primaryKey, index } from 'drizzle-orm/pg-core';

/**
 * Producers registered per round × district × producer type, kept current by statement-level
 * triggers on registrations and producers (migration 'progress_rollups'), so progress reads a
 * few thousand rows instead of aggregating every registration — and stays live, because the
 * counts change in the same transaction as the rows they count.
 */
export const registrationCounts = pgTable(
  'registration_counts',
  {
    roundCode: text('round_code').notNull(),
    districtCode: char('district_code', { length: 4 }).notNull(),
    producerType: text('producer_type').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    provinceCode: char('province_code', { length: 2 }).notNull(),
    producers: integer('producers').notNull().default(0),
    renewed: integer('renewed').notNull().default(0),
    late: integer('late').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'registration_counts_pkey', columns: [t.roundCode, t.districtCode, t.producerType, t.provinceCode] }),
    index('registration_counts_year_province_idx').on(t.fiscalYear, t.provinceCode),
  ],
);
