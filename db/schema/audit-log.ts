import { pgTable, bigserial, uuid, text, char, timestamp, jsonb, index } from 'drizzle-orm/pg-core';

/**
 * Append-only trail of workflow actions. The migration adds a trigger that refuses UPDATE and
 * DELETE, so not even a bug in our code can rewrite history.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: uuid('user_id'),
    username: text('username').notNull(),
    action: text('action').notNull(),
    roundCode: text('round_code'),
    provinceCode: char('province_code', { length: 2 }),
    districtCode: char('district_code', { length: 4 }),
    fromState: text('from_state'),
    toState: text('to_state'),
    reason: text('reason'),
    timeliness: text('timeliness', { enum: ['early', 'on-time', 'late'] }),
    details: jsonb('details'),
  },
  (t) => [
    index('audit_log_round_district_idx').on(t.roundCode, t.districtCode),
    index('audit_log_at_idx').on(t.at),
  ],
);
