import { pgTable, text, integer, timestamp } from 'drizzle-orm/pg-core';

/** Failed-login counters per username and per client address ('user:…' / 'ip:…'). */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  firstFailureAt: timestamp('first_failure_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});
