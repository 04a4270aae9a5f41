import { eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { recordAudit } from '../../db/record-audit.ts';
import { hashPassword } from '../auth/password.ts';
import { sessions, users } from '../../db/schema/index.ts';
import { newActivationCode, normalizeActivationCode } from '../auth/activation-code.ts';
import { accountById } from '../queries/account-by-id.ts';
import type { AccountActor } from './account-actor.ts';
import { AccountError } from './account-error.ts';
import type { CreatedAccount } from './create-account.ts';

/**
 * A forgotten password: the old password stops working, every session ends, and a new
 * one-time activation code is returned (once). Audited as 'user.reset'.
 */
export async function resetAccount(
  db: Db,
  userId: string,
  context: { actor: AccountActor; now: Date; activationTtlDays: number },
): Promise<CreatedAccount> {
  const before = await accountById(db, userId);
  if (!before) throw new AccountError('not-found', []);
  const activationCode = newActivationCode();
  const expiresAt = new Date(context.now.getTime() + context.activationTtlDays * 86_400_000);
  const activationCodeHash = await hashPassword(normalizeActivationCode(activationCode));
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash: null, activationCodeHash, activationExpiresAt: expiresAt, mustChangePassword: true, updatedAt: context.now })
      .where(eq(users.id, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await recordAudit(tx, {
      at: context.now,
      actor: context.actor,
      action: 'user.reset',
      provinceCode: before.provinceCode,
      districtCode: before.districtCode,
      details: { target: before.username, targetId: userId },
    });
  });
  return { account: (await accountById(db, userId))!, activationCode, activationExpiresAt: expiresAt.toISOString() };
}
