import { pgTable, uuid, text, char, boolean, integer, timestamp, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const ROLES = ['district', 'province', 'department', 'analyst', 'admin'] as const;

/**
 * Accounts. Scope follows the role: a district officer has district_code (and its province),
 * a province officer has province_code, the national roles have neither.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull().default(''),
    role: text('role', { enum: ROLES }).notNull(),
    provinceCode: char('province_code', { length: 2 }),
    districtCode: char('district_code', { length: 4 }),
    passwordHash: text('password_hash'),
    activationCodeHash: text('activation_code_hash'),
    activationExpiresAt: timestamp('activation_expires_at', { withTimezone: true }),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    disabled: boolean('disabled').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'users_scope_ck',
      sql`(${t.role} = 'district' and ${t.districtCode} is not null and ${t.provinceCode} is not null)
       or (${t.role} = 'province' and ${t.provinceCode} is not null and ${t.districtCode} is null)
       or (${t.role} in ('department', 'analyst', 'admin') and ${t.provinceCode} is null and ${t.districtCode} is null)`,
    ),
  ],
);
