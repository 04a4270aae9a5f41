import { eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { verifyPassword } from './password.ts';
import { users } from '../../db/schema/index.ts';
import { changePassword } from '../accounts/change-password.ts';
import { problem } from '../http/problem.ts';
import { DomainError, fieldIssue } from '../domain-error.ts';
import { normalizeActivationCode } from './activation-code.ts';
import { reserveLoginAttempt, settleLoginSuccess, throttledProblem } from './login-throttle.ts';
import { passwordProblems } from './password-policy.ts';
import type { SessionUser } from './session-user.ts';

/**
 * A user choosing a new password, proving it with the current password or (first sign-in,
 * reset) the activation code. Wrong proofs count against the username's throttle (403); a
 * password against the policy is 422. Ends every session of the user (the caller opens one).
 */
export async function changeOwnPassword(
  db: Db,
  user: SessionUser,
  input: { currentPassword?: string | undefined; activationCode?: string | undefined; newPassword: string },
  now: Date,
): Promise<void> {
  // Counted before the proof is checked, like a sign-in: concurrent guesses cannot pass the lock.
  const reservation = await reserveLoginAttempt(db, [{ kind: 'user', value: user.username }], now);
  if (!reservation.ok) throw throttledProblem(reservation.lock);

  const [row] = await db
    .select({ passwordHash: users.passwordHash, activationCodeHash: users.activationCodeHash, activationExpiresAt: users.activationExpiresAt })
    .from(users)
    .where(eq(users.id, user.id));
  const byPassword = Boolean(input.currentPassword && row?.passwordHash && (await verifyPassword(input.currentPassword, row.passwordHash)));
  const byActivation =
    !byPassword &&
    Boolean(
      input.activationCode &&
        row?.activationCodeHash &&
        row.activationExpiresAt &&
        row.activationExpiresAt > now &&
        (await verifyPassword(normalizeActivationCode(input.activationCode), row.activationCodeHash)),
    );
  if (!byPassword && !byActivation) {
    if (reservation.lockedOnFailure) throw throttledProblem(reservation.lockedOnFailure);
    throw problem(403, 'wrong-current-secret', {
      en: 'The current password or activation code is wrong',
      th: 'รหัสผ่านปัจจุบันหรือรหัสเปิดใช้งานไม่ถูกต้อง',
    });
  }
  // The proof was right: the attempt is not a guess, whatever the new password is worth.
  await settleLoginSuccess(db, reservation);
  const problems = passwordProblems(input.newPassword, user.username);
  if (problems.length > 0) throw DomainError.invalid(problems.map((p) => fieldIssue('newPassword', 'out-of-range', p)));

  await changePassword(db, user, input.newPassword, { actor: { id: user.id, username: user.username }, now });
}
