import { sql } from 'drizzle-orm';
import { char, check, jsonb, pgTable, primaryKey, real, text, timestamp } from 'drizzle-orm/pg-core';
import type { AreaGeometry } from '../../domain/boundary-geometry.ts';

export const BOUNDARY_LEVELS = ['province', 'district'] as const;

/**
 * Where a province or district lies: its outline as a GeoJSON MultiPolygon on a 4-decimal grid
 * (domain/boundary-geometry.ts), and the point its name is written at. Imported from open data
 * (`otop geo boundaries import`) for the areas the database knows; an area without a row has no
 * boundary on record, and every map lists it instead of leaving it out silently. No foreign key
 * to provinces/districts: the level decides which table the code belongs to; the import only
 * writes codes that exist there.
 */
export const areaBoundaries = pgTable(
  'area_boundaries',
  {
    level: text('level', { enum: BOUNDARY_LEVELS }).notNull(),
    /** 2 digits for a province, 4 for a district. */
    code: text('code').notNull(),
    provinceCode: char('province_code', { length: 2 }).notNull(),
    geometry: jsonb('geometry').$type<AreaGeometry>().notNull(),
    labelLon: real('label_lon').notNull(),
    labelLat: real('label_lat').notNull(),
    /** Where the outline came from, as the import was told (file name and SHA-256). */
    source: text('source').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.level, t.code] }),
    check('area_boundaries_code_shape', sql`(${t.level} = 'province' and ${t.code} ~ '^[0-9]{2}$') or (${t.level} = 'district' and ${t.code} ~ '^[0-9]{4}$')`),
  ],
);
