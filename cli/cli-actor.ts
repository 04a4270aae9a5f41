import { userInfo } from 'node:os';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import { users } from '../db/schema/index.ts';
import { normalizeUsername } from '../api/auth/normalize-username.ts';
import type { Uploader } from '../pipeline/uploader.ts';

/**
 * Who a CLI command acts as, in the audit trail and for a load's scope: with `--as <username>`
 * that account (it must exist and not be disabled: its id and name are recorded, and a load is
 * held to its role's scope); without it the operator's OS account, recorded as 'cli:<OS user>'
 * with no user id and the reach of an administrator (whoever runs the CLI holds the database
 * credentials anyway).
 */
export async function cliActor(db: Db, as: string | undefined): Promise<{ ok: true; actor: Uploader } | { ok: false; message: string }> {
  if (as === undefined) {
    return { ok: true, actor: { id: null, username: `cli:${osUser()}`, role: 'admin', districtCode: null, provinceCode: null } };
  }
  const username = normalizeUsername(as);
  const [u] = await db.select().from(users).where(eq(users.username, username));
  if (!u) return { ok: false, message: `No user named '${as}'. / ไม่พบผู้ใช้ '${as}'` };
  if (u.disabled) return { ok: false, message: `The account '${as}' is disabled. / บัญชี '${as}' ถูกระงับ` };
  return { ok: true, actor: { id: u.id, username: u.username, role: u.role, districtCode: u.districtCode, provinceCode: u.provinceCode } };
}

function osUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    // A container user with no passwd entry.
    return 'unknown';
  }
}
