import { pgTable, text, bigint } from 'drizzle-orm/pg-core';

/**
 * A counter per province ('*' for changes that touch every province: the plan, targets, a
 * producer changing type), raised by triggers in the same transaction as any write that
 * changes progress. API processes key their progress cache on it, so a cached answer is
 * reused only while nothing it depends on has changed — in any process.
 */
export const progressVersions = pgTable('progress_versions', {
  provinceCode: text('province_code').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});
