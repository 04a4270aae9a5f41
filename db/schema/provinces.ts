import { pgTable, char, text } from 'drizzle-orm/pg-core';

/** Provinces keyed by the official 2-digit DOPA code (reference table). */
export const provinces = pgTable('provinces', {
  code: char('code', { length: 2 }).primaryKey(),
  nameTh: text('name_th').notNull(),
  nameEn: text('name_en').notNull(),
});
