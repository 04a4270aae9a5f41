import {
  pgTable, bigserial, bigint, char, text, integer, timestamp, uuid, uniqueIndex, index, primaryKey,
} from 'drizzle-orm/pg-core';
import { PRODUCER_TYPE_CODES } from '../../domain/producer-types.ts';
import { producers } from './producers.ts';
import { fiscalRounds } from './fiscal-rounds.ts';

/**
 * A producer's registration for one fiscal year (natural key: producer + fiscal year), made in
 * the round in which it was first loaded. District and province are copied from the producer
 * at load time, so counts per district stay as registered.
 *
 * Distributed by province (docs/deploy.md §4): the primary key and the unique key end with
 * `province_code`, which is what Citus needs and leaves lookups by id or producer + year free to
 * use them. One registration per producer and year *in the whole country* is kept by
 * `registered_years`, which a trigger on this table fills (migration 'citus_ready_keys').
 *
 * The producer's details as registered (type, name, contact, address) are kept on the
 * registration itself (migration 'registration_snapshot'): the producer row is shared by every
 * year and province and holds only its latest details, while what a district registered — and
 * a province certified and the department announced — must never be rewritten by a later
 * registration elsewhere. Every read of a registration prints these columns.
 */
export const registrations = pgTable(
  'registrations',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
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
    // The producer as registered (see above). No foreign key on the subdistrict: the load has
    // already checked it against the geography, and the producer row's own key holds it.
    producerType: text('producer_type', { enum: PRODUCER_TYPE_CODES }).notNull(),
    producerName: text('producer_name').notNull(),
    contactName: text('contact_name'),
    phone: text('phone'),
    members: integer('members'),
    houseNo: text('house_no'),
    villageNo: integer('village_no'),
    subdistrictCode: char('subdistrict_code', { length: 6 }).notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'registrations_pkey', columns: [t.id, t.provinceCode] }),
    uniqueIndex('registrations_producer_year_uq').on(t.producerId, t.fiscalYear, t.provinceCode),
    index('registrations_round_district_idx').on(t.roundCode, t.districtCode),
    index('registrations_year_province_idx').on(t.fiscalYear, t.provinceCode),
  ],
);
