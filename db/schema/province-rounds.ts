import { pgTable, text, char, integer, timestamp, primaryKey } from 'drizzle-orm/pg-core';
import { fiscalRounds } from './fiscal-rounds.ts';
import { provinces } from './provinces.ts';

export const PROVINCE_ROUND_STATES = ['open', 'reported', 'announced'] as const;

/** Workflow state of one province in one round. A missing row means 'open'. */
export const provinceRounds = pgTable(
  'province_rounds',
  {
    roundCode: text('round_code')
      .notNull()
      .references(() => fiscalRounds.code),
    provinceCode: char('province_code', { length: 2 })
      .notNull()
      .references(() => provinces.code),
    state: text('state', { enum: PROVINCE_ROUND_STATES }).notNull().default('open'),
    version: integer('version').notNull().default(0),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    announcedAt: timestamp('announced_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roundCode, t.provinceCode] })],
);
