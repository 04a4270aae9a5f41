import { eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { users } from '../../db/schema/index.ts';
import { normalizeActivationCode } from './activation-code.ts';
import type { SessionUser } from './session-user.ts';

export type CredentialCheck =
  | { ok: true; user: SessionUser; via: 'password' | 'activation' }
  | { ok: false; reason: 'invalid' | 'disabled' };

// A hash to verify against when the username is unknown, so the answer takes as long as for
// a known one and does not reveal which usernames exist.
let decoy: Promise<string> | undefined;

/**
 * Checks a username and a secret: the password, or (while one is pending and unexpired) the
 * one-time activation code. The activation code stays valid until a password is chosen with it.
 */
export async function verifyCredentials(db: Db, username: string, secret: string, now: Date): Promise<CredentialCheck> {
  const [row] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  if (!row) {
    decoy ??= hashPassword('decoy-password-for-timing');
    await verifyPassword(secret, await decoy);
    return { ok: false, reason: 'invalid' };
  }
  let via: 'password' | 'activation' | null = null;
  if (row.passwordHash && (await verifyPassword(secret, row.passwordHash))) via = 'password';
  else if (
    row.activationCodeHash &&
    row.activationExpiresAt &&
    row.activationExpiresAt > now &&
    (await verifyPassword(normalizeActivationCode(secret), row.activationCodeHash))
  ) {
    via = 'activation';
  }
  if (!via) return { ok: false, reason: 'invalid' };
  // Only someone who knows the secret learns that the account is disabled.
  if (row.disabled) return { ok: false, reason: 'disabled' };
  return {
    ok: true,
    via,
    user: {
      id: row.id,
      username: row.username,
      role: row.role,
      provinceCode: row.provinceCode,
      districtCode: row.districtCode,
      displayName: row.displayName,
      mustChangePassword: row.mustChangePassword || via === 'activation',
    },
  };
}
