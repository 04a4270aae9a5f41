import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { perDb } from '../../db/per-db.ts';
import { recordAudit, type AuditActor } from '../../db/record-audit.ts';
import { apiTokens, users, type API_TOKEN_ACCESS } from '../../db/schema/index.ts';
import { hashToken, sameToken } from './session-token.ts';
import type { SessionUser, UserRole } from './session-user.ts';
import { sessionUserOf } from './session-user.ts';

// Personal API tokens in the database, beside the sessions: only the SHA-256 of the secret is
// kept (a 256-bit random secret needs no slow hash), the secret is returned once at creation.

export type ApiTokenAccess = (typeof API_TOKEN_ACCESS)[number];

/** Recognisable by secret scanners (GitHub, gitleaks custom rules): `otop_` + 43 base64url characters. */
export const API_TOKEN_PREFIX = 'otop_';
export const API_TOKEN_PATTERN = /^otop_[A-Za-z0-9_-]{43}$/;
export const MAX_API_TOKEN_DAYS = 365;

/** Roles whose tokens may be `read-write`; an analyst (and anyone else) only reads. */
export const WRITING_ROLES = ['district', 'province', 'department', 'admin'] as const satisfies readonly UserRole[];

/** The token behind a bearer request (never the secret). */
export interface ActiveApiToken {
  id: string;
  access: ApiTokenAccess;
}

/** What the owner and admins see of a token: never the secret nor its hash. */
export interface ApiTokenView {
  id: string;
  name: string;
  access: ApiTokenAccess;
  status: 'active' | 'expired' | 'revoked';
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** The scope the token acts in: its user's, read at the time of the answer. */
  scope: { username: string; role: UserRole; provinceCode: string | null; districtCode: string | null };
}

function newApiTokenSecret(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

const viewColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  access: apiTokens.access,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  username: users.username,
  role: users.role,
  provinceCode: users.provinceCode,
  districtCode: users.districtCode,
};

interface ViewRow {
  id: string;
  name: string;
  access: ApiTokenAccess;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  username: string;
  role: UserRole;
  provinceCode: string | null;
  districtCode: string | null;
}

function toView(row: ViewRow, now: Date): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    access: row.access,
    status: row.revokedAt ? 'revoked' : row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active',
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    scope: { username: row.username, role: row.role, provinceCode: row.provinceCode, districtCode: row.districtCode },
  };
}

/** Creates a token for `owner` and audits it; the secret is in the answer and nowhere else. */
export async function createApiToken(
  db: Db,
  input: { owner: SessionUser; name: string; access: ApiTokenAccess; expiresInDays: number; actor: AuditActor; now: Date },
): Promise<{ token: ApiTokenView; secret: string }> {
  const secret = newApiTokenSecret();
  const expiresAt = new Date(input.now.getTime() + input.expiresInDays * 86_400_000);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: input.owner.id,
        name: input.name,
        secretHash: hashToken(secret),
        access: input.access,
        createdAt: input.now,
        createdBy: input.actor.id,
        expiresAt,
      })
      .returning({ id: apiTokens.id });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'api-token.create',
      at: input.now,
      provinceCode: input.owner.provinceCode,
      districtCode: input.owner.districtCode,
      details: { id: row!.id, name: input.name, access: input.access, expiresAt: expiresAt.toISOString(), owner: input.owner.username },
    });
    return row!.id;
  });
  const [token] = await apiTokenViews(db, { id }, input.now);
  return { token: token!, secret };
}

/** Tokens of one user (or one token by id), newest first. */
export async function apiTokenViews(db: Db, where: { userId?: string; id?: string }, now: Date): Promise<ApiTokenView[]> {
  const conditions = [
    ...(where.userId ? [eq(apiTokens.userId, where.userId)] : []),
    ...(where.id ? [eq(apiTokens.id, where.id)] : []),
  ];
  const rows = await db
    .select(viewColumns)
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(...conditions))
    .orderBy(desc(apiTokens.createdAt), apiTokens.id)
    .limit(500);
  return rows.map((r) => toView(r, now));
}

/**
 * Revokes a token of `ownerId` and audits it. A token of anyone else answers null, exactly like
 * a missing one; revoking a revoked token again changes nothing (and audits nothing).
 */
export async function revokeApiToken(
  db: Db,
  input: { id: string; ownerId: string; actor: AuditActor; now: Date },
): Promise<ApiTokenView | null> {
  const [owned] = await apiTokenViews(db, { id: input.id, userId: input.ownerId }, input.now);
  if (!owned) return null;
  if (owned.status === 'revoked') return owned;
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: input.now })
      .where(and(eq(apiTokens.id, input.id), eq(apiTokens.userId, input.ownerId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    // Revoked meanwhile by another request: that one audited it.
    if (!row) return;
    await recordAudit(tx, {
      actor: input.actor,
      action: 'api-token.revoke',
      at: input.now,
      provinceCode: owned.scope.provinceCode,
      districtCode: owned.scope.districtCode,
      details: { id: owned.id, name: owned.name, owner: owned.scope.username },
    });
  });
  const [view] = await apiTokenViews(db, { id: input.id }, input.now);
  return view ?? null;
}

// The lookup runs on every bearer request: prepared once per handle, like the session lookup.
const findApiTokenQuery = perDb((db) =>
  db
    .select({
      id: apiTokens.id,
      secretHash: apiTokens.secretHash,
      access: apiTokens.access,
      lastUsedAt: apiTokens.lastUsedAt,
      userId: users.id,
      username: users.username,
      role: users.role,
      provinceCode: users.provinceCode,
      districtCode: users.districtCode,
      displayName: users.displayName,
      mustChangePassword: users.mustChangePassword,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.secretHash, sql.placeholder('hash')),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, sql.placeholder('now')),
        eq(users.disabled, false),
      ),
    )
    .limit(1)
    .prepare('otop_find_api_token'),
);

/**
 * The live token of a bearer secret and its user; null when unknown, revoked, expired, or the
 * user is disabled. Malformed secrets are refused before any query.
 */
export async function findApiToken(
  db: Db,
  secret: string,
  now: Date,
): Promise<{ token: ActiveApiToken & { lastUsedAt: Date | null }; user: SessionUser } | null> {
  if (!API_TOKEN_PATTERN.test(secret)) return null;
  const hash = hashToken(secret);
  const [row] = await findApiTokenQuery(db).execute({ hash, now: now.toISOString() });
  // The index found the row by hash; confirm in constant time all the same.
  if (!row || !sameToken(row.secretHash, hash)) return null;
  return {
    token: { id: row.id, access: row.access, lastUsedAt: row.lastUsedAt },
    user: sessionUserOf({ ...row, id: row.userId }),
  };
}

/** Records use at most once a minute (a script's burst of requests is one write). */
export async function touchApiToken(db: Db, id: string, now: Date): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - 60_000)))));
}
