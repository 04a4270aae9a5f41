import { sql } from 'drizzle-orm';
import { check, char, customType, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { provinces } from './provinces.ts';

/** PostgreSQL bytea as a Buffer on both engines (postgres.js answers Buffer, PGlite Uint8Array). */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const EMBLEM_TYPES = ['image/png', 'image/jpeg'] as const;

/**
 * The sending office of a province's papers (the covering letter and its enclosures): its name,
 * address, phone and e-mail as the letter prints them, and an optional emblem image. Set by an
 * admin (API, CLI, admin page); read by the province's own officers and the report builders.
 * The emblem is stored as validated (PNG or JPEG, size-limited, see domain/office-profile.ts).
 */
export const officeProfiles = pgTable(
  'office_profiles',
  {
    provinceCode: char('province_code', { length: 2 })
      .primaryKey()
      .references(() => provinces.code),
    nameTh: text('name_th').notNull(),
    address: text('address').notNull(),
    phone: text('phone').notNull(),
    email: text('email').notNull(),
    emblem: bytea('emblem'),
    emblemType: text('emblem_type', { enum: EMBLEM_TYPES }),
    emblemWidth: integer('emblem_width'),
    emblemHeight: integer('emblem_height'),
    /** The position lines printed under the signer's name on the covering letter, '\n' between lines; null: the default for the province. */
    signerPosition: text('signer_position'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by'),
    updatedByUsername: text('updated_by_username').notNull(),
  },
  (t) => [
    // An emblem comes with its type and size, or none of them is set.
    check(
      'office_profiles_emblem_whole',
      sql`(${t.emblem} is null) = (${t.emblemType} is null) and (${t.emblem} is null) = (${t.emblemWidth} is null) and (${t.emblem} is null) = (${t.emblemHeight} is null)`,
    ),
    check('office_profiles_emblem_type', sql`${t.emblemType} is null or ${t.emblemType} in ('image/png', 'image/jpeg')`),
    check('office_profiles_emblem_size', sql`${t.emblem} is null or octet_length(${t.emblem}) <= 262144`),
  ],
);
