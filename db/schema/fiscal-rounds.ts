import { pgTable, text, integer, smallint, uniqueIndex, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/** A registration round: one quarter of a Buddhist-Era fiscal year, e.g. '2561-Q1'. */
export const fiscalRounds = pgTable(
  'fiscal_rounds',
  {
    code: text('code').primaryKey(),
    fiscalYear: integer('fiscal_year').notNull(),
    quarter: smallint('quarter').notNull(),
  },
  (t) => [
    uniqueIndex('fiscal_rounds_year_quarter_uq').on(t.fiscalYear, t.quarter),
    check('fiscal_rounds_quarter_ck', sql`${t.quarter} between 1 and 4`),
  ],
);
