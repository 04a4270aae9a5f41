import { eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { recordAudit } from '../../db/record-audit.ts';
import { hashPassword } from '../auth/password.ts';
import { sessions, users } from '../../db/schema/index.ts';
import type { AccountActor } from './account-actor.ts';

/**
 * Sets a user's password (the caller has verified the current password or activation code
 * and the policy): the activation code is used up, the must-change flag cleared, and every
 * session of the user ends (the caller opens a fresh one). Audited as 'user.password'.
 */
export async function changePassword(
  db: Db,
  user: { id: string; username: string; provinceCode: string | null; districtCode: string | null },
  newPassword: string,
  context: { actor: AccountActor; now: Date },
): Promise<void> {
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, activationCodeHash: null, activationExpiresAt: null, mustChangePassword: false, updatedAt: context.now })
      .where(eq(users.id, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await recordAudit(tx, {
      at: context.now,
      actor: context.actor,
      action: 'user.password',
      provinceCode: user.provinceCode,
      districtCode: user.districtCode,
      details: { target: user.username, targetId: user.id },
    });
  });
}
