import {
  pgTable, uuid, text, char, integer, bigint, boolean, timestamp, jsonb, index, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const SUBMISSION_STATUSES = [
  'processing', // being read or loaded
  'validated', // dry run finished
  'loaded', // every row accepted and loaded
  'partially-loaded', // accepted rows loaded, some rows rejected (quarantined)
  'rejected', // the file as a whole was refused, or every row was rejected
  'duplicate', // the same file was already loaded: nothing changed
  'failed', // an internal failure rolled the load back
] as const;

/** Every load of a file or form: what came in, from whom, and how it ended. */
export const submissions = pgTable(
  'submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['file', 'form'] }).notNull(),
    fileName: text('file_name'),
    /** XLSX: the worksheet read when the uploader named one (the same file, another sheet, is other data). */
    sheetName: text('sheet_name'),
    fileSha256: char('file_sha256', { length: 64 }).notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    userId: uuid('user_id'),
    username: text('username').notNull(),
    // Null for a province-wide (district null) or national (both null) load by a province or
    // national user; each row's district then comes from its subdistrict.
    districtCode: char('district_code', { length: 4 }),
    provinceCode: char('province_code', { length: 2 }),
    roundCode: text('round_code').notNull(),
    dryRun: boolean('dry_run').notNull(),
    status: text('status', { enum: SUBMISSION_STATUSES }).notNull().default('processing'),
    rowsRead: integer('rows_read').notNull().default(0),
    accepted: integer('accepted').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    warnings: integer('warnings').notNull().default(0),
    issueCounts: jsonb('issue_counts').notNull().default(sql`'{}'::jsonb`),
    columns: text('columns').array(),
    /** The header step: each column's mapping and how it was made, what is missing, notices (no cell values). */
    headerMapping: jsonb('header_mapping'),
    /** How the file was read: { format, encoding, delimiter, sheet }. */
    source: jsonb('source'),
    /** What normalisation changed: { total, byKind, samples }. */
    normalized: jsonb('normalized'),
    failureReason: text('failure_reason'),
    duplicateOf: uuid('duplicate_of'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('submissions_district_round_idx').on(t.districtCode, t.roundCode),
    // One committed load per identical file, district and round: also what makes two
    // simultaneous uploads of the same file end in one load.
    uniqueIndex('submissions_loaded_file_uq')
      .on(t.fileSha256, sql`coalesce(${t.districtCode}, ${t.provinceCode}, '*')`, t.roundCode, sql`coalesce(${t.sheetName}, '')`)
      .where(sql`dry_run = false and status in ('processing', 'loaded', 'partially-loaded')`),
  ],
);
