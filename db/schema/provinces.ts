import { pgTable, boolean, char, text } from 'drizzle-orm/pg-core';

/** Provinces keyed by the official 2-digit DOPA code (reference table). */
export const provinces = pgTable('provinces', {
  code: char('code', { length: 2 }).primaryKey(),
  nameTh: text('name_th').notNull(),
  nameEn: text('name_en').notNull(),
  /** Made up by `otop generate` (a test country), not official: `geo remove --synthetic` removes it. */
  synthetic: boolean('synthetic').notNull().default(false),
});
