import { pgTable, bigserial, char, text, integer, timestamp, index, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { PRODUCER_TYPE_CODES } from '../../domain/producer-types.ts';
import { subdistricts } from './subdistricts.ts';

/**
 * A producer or entrepreneur, identified by its 13-digit citizen or juristic-person ID.
 * The address fields hold the latest registration's values; province and district are
 * derived from the subdistrict and kept for scoped reads.
 */
export const producers = pgTable(
  'producers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    thaiId: char('thai_id', { length: 13 }).notNull().unique(),
    producerType: text('producer_type', { enum: PRODUCER_TYPE_CODES }).notNull(),
    name: text('name').notNull(),
    contactName: text('contact_name'),
    phone: text('phone'),
    members: integer('members'),
    houseNo: text('house_no'),
    villageNo: integer('village_no'),
    subdistrictCode: char('subdistrict_code', { length: 6 })
      .notNull()
      .references(() => subdistricts.code),
    districtCode: char('district_code', { length: 4 }).notNull(),
    provinceCode: char('province_code', { length: 2 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('producers_district_idx').on(t.districtCode),
    check('producers_members_ck', sql`${t.members} is null or ${t.members} >= 1`),
  ],
);
