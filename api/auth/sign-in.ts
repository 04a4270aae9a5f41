import { eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { users } from '../../db/schema/index.ts';
import { problem } from '../http/problem.ts';
import { deleteExpiredSessions } from './session-store.ts';
import {
  pruneLoginThrottle,
  refundLoginAttempt,
  reserveLoginAttempt,
  settleLoginSuccess,
  throttleKeys,
  throttledProblem,
} from './login-throttle.ts';
import { normalizeUsername } from './normalize-username.ts';
import type { SessionUser } from './session-user.ts';
import { verifyCredentials } from './verify-credentials.ts';

/**
 * Checks a sign-in under the throttle: 429 while the username or the address is held back,
 * 401 for a wrong secret (counted), 403 for a disabled account (told only to someone who knows
 * its secret). The attempt is counted before the secret is checked, so concurrent guesses cannot
 * all slip past the lock; on success the username's counter is cleared and the address's
 * reservation given back, and a sign-in with an activation code flags the account to choose a
 * password.
 */
export async function signIn(
  db: Db,
  input: { username: string; secret: string; ip: string; now: Date },
): Promise<{ user: SessionUser; via: 'password' | 'activation' }> {
  const username = normalizeUsername(input.username);
  const reservation = await reserveLoginAttempt(db, throttleKeys(username, input.ip), input.now);
  if (!reservation.ok) throw throttledProblem(reservation.lock);

  const check = await verifyCredentials(db, username, input.secret, input.now);
  if (!check.ok) {
    if (check.reason === 'disabled') {
      // The secret was right: not a guess, nothing to count.
      await refundLoginAttempt(db, reservation);
      throw problem(403, 'account-disabled', { en: 'This account is disabled', th: 'บัญชีนี้ถูกระงับการใช้งาน' });
    }
    // The reservation stands as the failure.
    if (reservation.lockedOnFailure) throw throttledProblem(reservation.lockedOnFailure);
    throw problem(401, 'invalid-credentials', {
      en: 'Wrong username, password or activation code',
      th: 'ชื่อผู้ใช้ รหัสผ่าน หรือรหัสเปิดใช้งานไม่ถูกต้อง',
    });
  }
  await settleLoginSuccess(db, reservation);
  if (check.via === 'activation') await db.update(users).set({ mustChangePassword: true }).where(eq(users.id, check.user.id));
  // Housekeeping rides on sign-ins: expired sessions and spent counters go.
  await deleteExpiredSessions(db, input.now);
  await pruneLoginThrottle(db, input.now);
  return { user: check.user, via: check.via };
}
