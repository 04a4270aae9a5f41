import { inArray, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { loginThrottle } from '../../db/schema/index.ts';
import { problem, type ProblemError } from '../http/problem.ts';

/**
 * Failed sign-ins per username and per client address. After `delayFrom` failures each further
 * failure blocks the key for an exponentially growing delay (1 s, 2 s, 4 s …); at `lockAt` the
 * key is locked for `lockMinutes`. Failures older than `windowMinutes` (and not locked) start
 * over. An address gets more room than a username: a district office may share one address.
 */
export const THROTTLE_POLICY = {
  user: { delayFrom: 5, lockAt: 10, lockMinutes: 15 },
  ip: { delayFrom: 20, lockAt: 50, lockMinutes: 15 },
  windowMinutes: 15,
  maxDelaySeconds: 60,
} as const;

export type ThrottleKey = { kind: 'user' | 'ip'; value: string };

const keyOf = (k: ThrottleKey) => `${k.kind}:${k.value}`;
// Instants inside raw SQL go as ISO text with a cast: postgres.js does not bind Date objects there.
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

export function throttleKeys(username: string, ip: string): ThrottleKey[] {
  return [
    { kind: 'user', value: username },
    { kind: 'ip', value: ip },
  ];
}

/** Seconds until the first locked key frees, with whether it is the long lock; null when none is locked. */
export async function activeLock(
  db: Db,
  keys: ThrottleKey[],
  now: Date,
): Promise<{ retryAfterSeconds: number; locked: boolean } | null> {
  const rows = await db
    .select()
    .from(loginThrottle)
    .where(inArray(loginThrottle.key, keys.map(keyOf)));
  let worst: { retryAfterSeconds: number; locked: boolean } | null = null;
  for (const row of rows) {
    if (!row.lockedUntil || row.lockedUntil <= now) continue;
    const kind = row.key.startsWith('ip:') ? 'ip' : 'user';
    const seconds = Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000);
    const locked = row.failures >= THROTTLE_POLICY[kind].lockAt;
    if (!worst || seconds > worst.retryAfterSeconds) worst = { retryAfterSeconds: seconds, locked };
  }
  return worst;
}

/** Counts one failure on every key (atomically per key) and returns the lock that now applies, if any. */
export async function recordLoginFailure(
  db: Db,
  keys: ThrottleKey[],
  now: Date,
): Promise<{ retryAfterSeconds: number; locked: boolean } | null> {
  const windowStart = new Date(now.getTime() - THROTTLE_POLICY.windowMinutes * 60_000);
  for (const k of keys) {
    const policy = THROTTLE_POLICY[k.kind];
    // Start over when the first failure is old and no lock is running.
    const stale = sql`(${loginThrottle.firstFailureAt} < ${ts(windowStart)} and (${loginThrottle.lockedUntil} is null or ${loginThrottle.lockedUntil} <= ${ts(now)}))`;
    const [row] = await db
      .insert(loginThrottle)
      .values({ key: keyOf(k), failures: 1, firstFailureAt: now, lockedUntil: null })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`case when ${stale} then 1 else ${loginThrottle.failures} + 1 end`,
          firstFailureAt: sql`case when ${stale} then ${ts(now)} else ${loginThrottle.firstFailureAt} end`,
        },
      })
      .returning({ failures: loginThrottle.failures });
    const failures = row?.failures ?? 1;
    let until: Date | null = null;
    if (failures >= policy.lockAt) {
      until = new Date(now.getTime() + policy.lockMinutes * 60_000);
    } else if (failures >= policy.delayFrom) {
      const seconds = Math.min(THROTTLE_POLICY.maxDelaySeconds, 2 ** (failures - policy.delayFrom));
      until = new Date(now.getTime() + seconds * 1000);
    }
    if (until) {
      await db
        .update(loginThrottle)
        .set({ lockedUntil: sql`greatest(coalesce(${loginThrottle.lockedUntil}, ${ts(until)}), ${ts(until)})` })
        .where(eq(loginThrottle.key, keyOf(k)));
    }
  }
  return activeLock(db, keys, now);
}

/** A successful sign-in clears the username's counter (not the address's: one good account must not reset it). */
export async function clearLoginFailures(db: Db, username: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, keyOf({ kind: 'user', value: username })));
}

/** 429 with Retry-After and a message in Thai and English. */
export function throttledProblem(lock: { retryAfterSeconds: number; locked: boolean }): ProblemError {
  const s = lock.retryAfterSeconds;
  const minutes = Math.ceil(s / 60);
  return lock.locked
    ? problem(
        429,
        'login-locked',
        { en: 'Sign-in temporarily locked', th: 'ระงับการเข้าสู่ระบบชั่วคราว' },
        {
          detail: `Too many failed sign-in attempts. Sign-in is locked; try again in ${minutes} minute(s) or ask your administrator.`,
          detailTh: `เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป ระบบระงับการเข้าสู่ระบบไว้ชั่วคราว กรุณาลองใหม่ในอีก ${minutes} นาที หรือติดต่อผู้ดูแลระบบ`,
          retryAfterSeconds: s,
        },
        { 'retry-after': String(s) },
      )
    : problem(
        429,
        'login-throttled',
        { en: 'Too many failed sign-in attempts', th: 'เข้าสู่ระบบไม่สำเร็จหลายครั้ง' },
        {
          detail: `Please wait ${s} second(s) before trying again.`,
          detailTh: `กรุณารอ ${s} วินาทีแล้วลองใหม่`,
          retryAfterSeconds: s,
        },
        { 'retry-after': String(s) },
      );
}

/** Housekeeping: forgets counters whose window and lock are both over. */
export async function pruneLoginThrottle(db: Db, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - THROTTLE_POLICY.windowMinutes * 60_000);
  await db
    .delete(loginThrottle)
    .where(sql`${loginThrottle.firstFailureAt} < ${ts(windowStart)} and (${loginThrottle.lockedUntil} is null or ${loginThrottle.lockedUntil} < ${ts(now)})`);
}
