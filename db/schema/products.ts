import {
  pgTable, bigserial, bigint, char, text, integer, smallint, timestamp, uniqueIndex, index, check, primaryKey, foreignKey,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { CATEGORY_CODES } from '../../domain/product-categories.ts';
import { registrations } from './registrations.ts';

/**
 * A product registered with a producer's registration of one fiscal year (natural key:
 * registration + normalised name). Producer, year, district and province are copied for
 * scoped aggregates and exports without joins. Distributed by province with its registration:
 * keys and the foreign key carry `province_code`.
 */
export const products = pgTable(
  'products',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    registrationId: bigint('registration_id', { mode: 'number' }).notNull(),
    producerId: bigint('producer_id', { mode: 'number' }).notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    /** The registration's round, copied so product counts never need the registration row. */
    roundCode: text('round_code').notNull(),
    districtCode: char('district_code', { length: 4 }).notNull(),
    provinceCode: char('province_code', { length: 2 }).notNull(),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    category: text('category', { enum: CATEGORY_CODES }).notNull(),
    standards: text('standards').array().notNull().default(sql`'{}'::text[]`),
    stars: smallint('stars'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'products_pkey', columns: [t.id, t.provinceCode] }),
    uniqueIndex('products_registration_name_uq').on(t.registrationId, t.nameKey, t.provinceCode),
    foreignKey({
      name: 'products_registration_fk',
      columns: [t.registrationId, t.provinceCode],
      foreignColumns: [registrations.id, registrations.provinceCode],
    }).onDelete('cascade'),
    index('products_year_district_idx').on(t.fiscalYear, t.districtCode),
    check('products_stars_ck', sql`${t.stars} is null or ${t.stars} between 1 and 5`),
  ],
);
