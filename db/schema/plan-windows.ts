import { pgTable, text, integer, smallint, date, primaryKey, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { fiscalRounds } from './fiscal-rounds.ts';

/** The three step windows of each round (the letter's enclosure 1). */
export const planWindows = pgTable(
  'plan_windows',
  {
    roundCode: text('round_code')
      .notNull()
      .references(() => fiscalRounds.code),
    step: smallint('step').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    statedDays: integer('stated_days').notNull(),
    responsible: text('responsible', { enum: ['district', 'province', 'department'] }).notNull(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.roundCode, t.step] }),
    check('plan_windows_step_ck', sql`${t.step} between 1 and 3`),
    check('plan_windows_dates_ck', sql`${t.endDate} >= ${t.startDate}`),
  ],
);
