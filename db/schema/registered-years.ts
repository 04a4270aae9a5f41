import { pgTable, bigint, char, integer, primaryKey } from 'drizzle-orm/pg-core';

/**
 * One row per producer and fiscal year registered anywhere in the country: what keeps a
 * producer to one registration a year nationally once `registrations` is distributed by
 * province (its own keys can only be unique within a province). Written only by the triggers
 * on `registrations` (migration 'citus_ready_keys'), in the same statement as the rows they
 * mirror, so a second registration of the same producer and year in any province fails there.
 * A reference table under Citus (docs/deploy.md §4).
 */
export const registeredYears = pgTable(
  'registered_years',
  {
    // No foreign key of its own: every row comes from a registration, whose producer_id already
    // refers to producers (a second check per row cost ≈ 0.3 s on a national load).
    producerId: bigint('producer_id', { mode: 'number' }).notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    provinceCode: char('province_code', { length: 2 }).notNull(),
  },
  (t) => [primaryKey({ name: 'registered_years_pkey', columns: [t.producerId, t.fiscalYear] })],
);
