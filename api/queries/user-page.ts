import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { users } from '../../db/schema/index.ts';
import type { UserRole } from '../auth/session-user.ts';
import { containsPattern, type Page, type PageRequest } from './list-page.ts';

export interface AccountRow {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  provinceCode: string | null;
  districtCode: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  hasPassword: boolean;
  activationPending: boolean;
  activationExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AccountFilter {
  role?: UserRole | undefined;
  provinceCode?: string | undefined;
  districtCode?: string | undefined;
  q?: string | undefined;
}

export const accountColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  provinceCode: users.provinceCode,
  districtCode: users.districtCode,
  disabled: users.disabled,
  mustChangePassword: users.mustChangePassword,
  passwordHash: users.passwordHash,
  activationCodeHash: users.activationCodeHash,
  activationExpiresAt: users.activationExpiresAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

const selectAccounts = (db: Db) => db.select(accountColumns).from(users);
type Selected = Awaited<ReturnType<typeof selectAccounts>>[number];

/** An account as the admin sees it: never a hash, only whether a password or activation is pending. */
export function accountRow(r: Selected): AccountRow {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    role: r.role,
    provinceCode: r.provinceCode,
    districtCode: r.districtCode,
    disabled: r.disabled,
    mustChangePassword: r.mustChangePassword,
    hasPassword: r.passwordHash !== null,
    activationPending: r.activationCodeHash !== null,
    activationExpiresAt: r.activationExpiresAt ? r.activationExpiresAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** One page of accounts, by username. */
export async function userPage(db: Db, filter: AccountFilter, page: PageRequest): Promise<Page<AccountRow>> {
  const where: SQL[] = [];
  if (filter.role) where.push(eq(users.role, filter.role));
  if (filter.provinceCode) where.push(eq(users.provinceCode, filter.provinceCode));
  if (filter.districtCode) where.push(eq(users.districtCode, filter.districtCode));
  if (filter.q) where.push(or(ilike(users.username, containsPattern(filter.q)), ilike(users.displayName, containsPattern(filter.q)))!);
  const condition = where.length ? and(...where) : undefined;
  const rows = await selectAccounts(db).where(condition).orderBy(asc(users.username)).limit(page.limit).offset(page.offset);
  const [total] = await db.select({ n: count() }).from(users).where(condition);
  return { items: rows.map(accountRow), total: total?.n ?? 0, limit: page.limit, offset: page.offset };
}
