import { char, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * A district's confirmed header mapping, by the layout of its header row (the signature of its
 * titles): the columns a person mapped by hand, applied again to the district's next file with
 * the same layout. Choices are { folded title: column key, or null to leave the column out }.
 */
export const headerMappings = pgTable(
  'header_mappings',
  {
    // No foreign key to districts, as submissions has none: a coordinator table cannot refer to a
    // reference table under Citus (db/citus/table-placement.ts).
    districtCode: char('district_code', { length: 4 }).notNull(),
    signature: text('signature').notNull(),
    choices: jsonb('choices').notNull(),
    /** The header row as typed, to show which layout this is. */
    headers: text('headers').array().notNull(),
    confirmedBy: text('confirmed_by').notNull(),
    /** The load that confirmed it. */
    submissionId: uuid('submission_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtCode, t.signature] })],
);
