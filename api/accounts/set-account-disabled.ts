import { eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { recordAudit } from '../../db/record-audit.ts';
import { sessions, users } from '../../db/schema/index.ts';
import { accountById } from '../queries/account-by-id.ts';
import type { AccountRow } from '../queries/user-page.ts';
import type { AccountActor } from './account-actor.ts';
import { AccountError } from './account-error.ts';

/** Disables (and signs out everywhere) or re-enables an account. Audited as 'user.disable' / 'user.enable'. */
export async function setAccountDisabled(
  db: Db,
  userId: string,
  disabled: boolean,
  context: { actor: AccountActor; now: Date },
): Promise<AccountRow> {
  const before = await accountById(db, userId);
  if (!before) throw new AccountError('not-found', []);
  if (disabled && context.actor.id === userId) {
    throw new AccountError('self', [{ column: 'id', en: 'You cannot disable your own account', th: 'ไม่สามารถระงับบัญชีของตนเองได้' }]);
  }
  await db.transaction(async (tx) => {
    await tx.update(users).set({ disabled, updatedAt: context.now }).where(eq(users.id, userId));
    if (disabled) await tx.delete(sessions).where(eq(sessions.userId, userId));
    await recordAudit(tx, {
      at: context.now,
      actor: context.actor,
      action: disabled ? 'user.disable' : 'user.enable',
      provinceCode: before.provinceCode,
      districtCode: before.districtCode,
      details: { target: before.username, targetId: userId },
    });
  });
  return (await accountById(db, userId))!;
}
