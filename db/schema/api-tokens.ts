import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

export const API_TOKEN_ACCESS = ['read', 'read-write'] as const;

/**
 * Personal API tokens for scripts (`Authorization: Bearer otop_…`). Only the SHA-256 of the
 * secret is kept, so a leaked table hands out no live token; the secret is shown once, at
 * creation. A token acts as its user, in the user's scope, and stops with the user's account.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** SHA-256 (hex) of the whole secret, prefix included. */
    secretHash: text('secret_hash').notNull().unique(),
    access: text('access', { enum: API_TOKEN_ACCESS }).notNull().default('read'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Who created it: the user, or an admin (null once that account is gone). */
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);
