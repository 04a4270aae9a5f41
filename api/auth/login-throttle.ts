import { inArray, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { loginThrottle } from '../../db/schema/index.ts';
import { problem, type ProblemError } from '../http/problem.ts';

/**
 * Sign-in attempts per username and per client address. After `delayFrom` failures each further
 * failure blocks the key for an exponentially growing delay (1 s, 2 s, 4 s …); at `lockAt` the
 * key is locked for `lockMinutes`. Failures older than `windowMinutes` (and not locked) start
 * over. An address gets more room than a username: a district office may share one address.
 *
 * An attempt is counted (reserved) before its secret is checked, not after: the check is a slow
 * hash, and counting afterwards let a burst of concurrent guesses all pass the lock check before
 * any of them was counted. A reservation is a failure until the secret proves right; then it is
 * taken back (the username's counter is cleared, the address's reservation refunded).
 */
export const THROTTLE_POLICY = {
  user: { delayFrom: 5, lockAt: 10, lockMinutes: 15 },
  ip: { delayFrom: 20, lockAt: 50, lockMinutes: 15 },
  windowMinutes: 15,
  maxDelaySeconds: 60,
} as const;

export type ThrottleKey = { kind: 'user' | 'ip'; value: string };
export type ThrottleLock = { retryAfterSeconds: number; locked: boolean };

/** What a reservation gave: the attempt may go on (and, if it fails, whether it locked a key), or it is refused. */
export type Reservation =
  | { ok: true; keys: ThrottleKey[]; lockedOnFailure: ThrottleLock | null }
  | { ok: false; lock: ThrottleLock };

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
export async function activeLock(db: Db, keys: ThrottleKey[], now: Date): Promise<ThrottleLock | null> {
  const rows = await db
    .select()
    .from(loginThrottle)
    .where(inArray(loginThrottle.key, keys.map(keyOf)));
  let worst: ThrottleLock | null = null;
  for (const row of rows) {
    if (!row.lockedUntil || row.lockedUntil <= now) continue;
    const kind = row.key.startsWith('ip:') ? 'ip' : 'user';
    const seconds = Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000);
    const locked = row.failures >= THROTTLE_POLICY[kind].lockAt;
    if (!worst || seconds > worst.retryAfterSeconds) worst = { retryAfterSeconds: seconds, locked };
  }
  return worst;
}

/**
 * Counts one attempt on one key in a single statement, unless the key is held back: the upsert's
 * WHERE is evaluated on the row as it stands once locked by this statement, so concurrent
 * reservations queue on the row and each sees the others' counts. The count that reaches a
 * threshold sets the delay or the lock at once, as if the attempt will fail. Returns the new
 * count, or null when the key was held back (nothing counted).
 */
async function reserveKey(db: Db, k: ThrottleKey, now: Date): Promise<number | null> {
  const policy = THROTTLE_POLICY[k.kind];
  const windowStart = new Date(now.getTime() - THROTTLE_POLICY.windowMinutes * 60_000);
  const stale = sql`(${loginThrottle.firstFailureAt} < ${ts(windowStart)})`;
  const next = sql`(case when ${stale} then 1 else ${loginThrottle.failures} + 1 end)`;
  const lockSeconds = policy.lockMinutes * 60;
  // 2^(n − delayFrom) seconds from delayFrom on, at most maxDelaySeconds; the lock from lockAt on.
  const holdSeconds = sql`(case when ${next} >= ${policy.lockAt} then ${lockSeconds}
    when ${next} >= ${policy.delayFrom} then least(${THROTTLE_POLICY.maxDelaySeconds}, power(2, ${next} - ${policy.delayFrom}))
    else null end)`;
  const [row] = await db
    .insert(loginThrottle)
    .values({ key: keyOf(k), failures: 1, firstFailureAt: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: next,
        firstFailureAt: sql`case when ${stale} then ${ts(now)} else ${loginThrottle.firstFailureAt} end`,
        lockedUntil: sql`${ts(now)} + make_interval(secs => ${holdSeconds})`,
      },
      setWhere: sql`${loginThrottle.lockedUntil} is null or ${loginThrottle.lockedUntil} <= ${ts(now)}`,
    })
    .returning({ failures: loginThrottle.failures });
  return row ? row.failures : null;
}

/** Takes one reservation back (a right secret, or an attempt refused on another key). */
async function refundKey(db: Db, k: ThrottleKey): Promise<void> {
  const policy = THROTTLE_POLICY[k.kind];
  const left = sql`greatest(${loginThrottle.failures} - 1, 0)`;
  // Below delayFrom no delay can be owed: the one this reservation set goes with it.
  await db
    .update(loginThrottle)
    .set({
      failures: left,
      lockedUntil: sql`case when ${left} < ${policy.delayFrom} then null else ${loginThrottle.lockedUntil} end`,
    })
    .where(eq(loginThrottle.key, keyOf(k)));
}

/**
 * Reserves one attempt on every key before the secret is checked. Refused (nothing counted) when
 * any key is held back. When the attempt proves wrong the reservation simply stands;
 * `lockedOnFailure` is the long lock this attempt set, if it was the one reaching `lockAt`.
 */
export async function reserveLoginAttempt(db: Db, keys: ThrottleKey[], now: Date): Promise<Reservation> {
  const taken: ThrottleKey[] = [];
  let lockedOnFailure: ThrottleLock | null = null;
  for (const k of keys) {
    const count = await reserveKey(db, k, now);
    if (count === null) {
      for (const t of taken) await refundKey(db, t);
      const lock = (await activeLock(db, [k], now)) ?? { retryAfterSeconds: 1, locked: false };
      return { ok: false, lock };
    }
    taken.push(k);
    if (count >= THROTTLE_POLICY[k.kind].lockAt) {
      lockedOnFailure = { retryAfterSeconds: THROTTLE_POLICY[k.kind].lockMinutes * 60, locked: true };
    }
  }
  return { ok: true, keys: taken, lockedOnFailure };
}

/**
 * The secret was right: the username's counter is cleared, the address keeps its other counts
 * and gives back this reservation (one good account must not reset an address's counter).
 */
export async function settleLoginSuccess(db: Db, reservation: { keys: ThrottleKey[] }): Promise<void> {
  for (const k of reservation.keys) {
    if (k.kind === 'user') await clearLoginFailures(db, k.value);
    else await refundKey(db, k);
  }
}

/** The attempt was not a guess (a disabled account's right secret): every reservation is taken back. */
export async function refundLoginAttempt(db: Db, reservation: { keys: ThrottleKey[] }): Promise<void> {
  for (const k of reservation.keys) await refundKey(db, k);
}

/** Clears the username's counter. */
export async function clearLoginFailures(db: Db, username: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, keyOf({ kind: 'user', value: username })));
}

/** 429 with Retry-After and a message in Thai and English. */
export function throttledProblem(lock: ThrottleLock): ProblemError {
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
