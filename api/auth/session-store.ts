import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { perDb } from '../../db/per-db.ts';
import { sessions, users } from '../../db/schema/index.ts';
import { hashToken, newToken } from './session-token.ts';
import type { ActiveSession, SessionUser } from './session-user.ts';
import { sessionUserOf } from './session-user.ts';

// Server-side sessions in the database, so any API process can serve any user.

export interface NewSession extends ActiveSession {
  /** The cookie value; only its hash is stored. */
  token: string;
}

export async function createSession(
  db: Db,
  input: { userId: string; now: Date; ttlHours: number; ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const token = newToken();
  const session = {
    id: hashToken(token),
    csrfToken: newToken(),
    expiresAt: new Date(input.now.getTime() + input.ttlHours * 3_600_000),
  };
  await db.insert(sessions).values({
    ...session,
    userId: input.userId,
    createdAt: input.now,
    lastSeenAt: input.now,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { ...session, token };
}

// The session lookup runs on every request: prepared once per handle (placeholders, no SQL
// built per call). Times are passed as ISO text: Drizzle does not map placeholder values.
const findSessionQuery = perDb((db) =>
  db
    .select({
      id: sessions.id,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      userId: users.id,
      username: users.username,
      role: users.role,
      provinceCode: users.provinceCode,
      districtCode: users.districtCode,
      displayName: users.displayName,
      mustChangePassword: users.mustChangePassword,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql.placeholder('now')), eq(users.disabled, false)))
    .limit(1)
    .prepare('otop_find_session'),
);

/** The live session of a cookie token and its user; null when unknown, expired or the user is disabled. */
export async function findSession(
  db: Db,
  token: string,
  now: Date,
): Promise<{ session: ActiveSession & { lastSeenAt: Date }; user: SessionUser } | null> {
  const [row] = await findSessionQuery(db).execute({ id: hashToken(token), now: now.toISOString() });
  if (!row) return null;
  return {
    session: { id: row.id, csrfToken: row.csrfToken, expiresAt: row.expiresAt, lastSeenAt: row.lastSeenAt },
    user: sessionUserOf({ ...row, id: row.userId }),
  };
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Signs a user out everywhere (disable, reset, password change), optionally keeping one session. */
export async function deleteUserSessions(db: Db, userId: string, keepSessionId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId));
}

/** Records activity at most every few minutes (one write per request would be wasteful). */
export async function touchSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(and(eq(sessions.id, sessionId), lt(sessions.lastSeenAt, new Date(now.getTime() - 5 * 60_000))));
}

/** Housekeeping: drops expired sessions. */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const gone = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  return gone.length;
}
