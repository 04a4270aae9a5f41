import {
  pgTable, bigserial, bigint, char, text, integer, timestamp, uuid, uniqueIndex, index,
} from 'drizzle-orm/pg-core';
import { producers } from './producers.ts';
import { fiscalRounds } from './fiscal-rounds.ts';

/**
 * A producer's registration for one fiscal year (natural key: producer + fiscal year), made in
 * the round in which it was first loaded. District and province are copied from the producer
 * at load time, so counts per district stay as registered.
 */
export const registrations = pgTable(
  'registrations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    producerId: bigint('producer_id', { mode: 'number' })
      .notNull()
      .references(() => producers.id),
    fiscalYear: integer('fiscal_year').notNull(),
    roundCode: text('round_code')
      .notNull()
      .references(() => fiscalRounds.code),
    districtCode: char('district_code', { length: 4 }).notNull(),
    provinceCode: char('province_code', { length: 2 }).notNull(),
    submissionId: uuid('submission_id'),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('registrations_producer_year_uq').on(t.producerId, t.fiscalYear),
    index('registrations_round_district_idx').on(t.roundCode, t.districtCode),
    index('registrations_year_province_idx').on(t.fiscalYear, t.provinceCode),
  ],
);
