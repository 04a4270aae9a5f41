import { pgTable, text, char, integer, timestamp, primaryKey, index } from 'drizzle-orm/pg-core';
import { fiscalRounds } from './fiscal-rounds.ts';
import { districts } from './districts.ts';

export const DISTRICT_ROUND_STATES = ['open', 'submitted', 'returned', 'certified'] as const;

/** Workflow state of one district in one round. A missing row means 'open'. */
export const districtRounds = pgTable(
  'district_rounds',
  {
    roundCode: text('round_code')
      .notNull()
      .references(() => fiscalRounds.code),
    districtCode: char('district_code', { length: 4 })
      .notNull()
      .references(() => districts.code),
    provinceCode: char('province_code', { length: 2 }).notNull(),
    state: text('state', { enum: DISTRICT_ROUND_STATES }).notNull().default('open'),
    version: integer('version').notNull().default(0),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    certifiedAt: timestamp('certified_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'district_rounds_pkey', columns: [t.roundCode, t.districtCode, t.provinceCode] }),
    index('district_rounds_province_idx').on(t.roundCode, t.provinceCode),
  ],
);
