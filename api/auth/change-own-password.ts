import { eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { verifyPassword } from '../../db/password.ts';
import { users } from '../../db/schema/index.ts';
import { changePassword } from '../accounts/change-password.ts';
import { problem } from '../http/problem.ts';
import { fieldIssue, invalidRequest } from '../http/standard-problems.ts';
import { normalizeActivationCode } from './activation-code.ts';
import { activeLock, clearLoginFailures, recordLoginFailure, throttledProblem } from './login-throttle.ts';
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
  const keys = [{ kind: 'user' as const, value: user.username }];
  const lock = await activeLock(db, keys, now);
  if (lock) throw throttledProblem(lock);

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
    const after = await recordLoginFailure(db, keys, now);
    if (after?.locked) throw throttledProblem(after);
    throw problem(403, 'wrong-current-secret', {
      en: 'The current password or activation code is wrong',
      th: 'รหัสผ่านปัจจุบันหรือรหัสเปิดใช้งานไม่ถูกต้อง',
    });
  }
  const problems = passwordProblems(input.newPassword, user.username);
  if (problems.length > 0) throw invalidRequest(problems.map((p) => fieldIssue('newPassword', 'out-of-range', p)));

  await changePassword(db, user, input.newPassword, { actor: { id: user.id, username: user.username }, now });
  await clearLoginFailures(db, user.username);
}
