import { eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { recordAudit } from '../../db/record-audit.ts';
import { hashPassword } from '../auth/password.ts';
import { districts, provinces, users } from '../../db/schema/index.ts';
import { newActivationCode, normalizeActivationCode } from '../auth/activation-code.ts';
import { normalizeUsername } from '../auth/normalize-username.ts';
import { passwordProblems } from '../auth/password-policy.ts';
import { ROLES, type UserRole } from '../auth/session-user.ts';
import { accountById } from '../queries/account-by-id.ts';
import type { AccountRow } from '../queries/user-page.ts';
import type { AccountActor } from './account-actor.ts';
import { AccountError, type AccountProblem } from './account-error.ts';

export interface AccountInput {
  username: string;
  role: string;
  /** District code (district role), province code (province role); empty or 'national' otherwise. */
  scope?: string | null | undefined;
  displayName?: string | null | undefined;
  /** Set directly (scripts); without it the account gets a one-time activation code. */
  password?: string | undefined;
}

export interface ValidAccount {
  username: string;
  role: UserRole;
  provinceCode: string | null;
  districtCode: string | null;
  displayName: string;
  password: string | undefined;
}

export interface CreatedAccount {
  account: AccountRow;
  /** Shown once; only its hash is stored. Null when a password was set directly. */
  activationCode: string | null;
  activationExpiresAt: string | null;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,62}$/;

/** Checks an account's fields and resolves its scope against the reference tables. */
export async function validateAccountInput(db: Db, input: AccountInput): Promise<ValidAccount> {
  const problems: AccountProblem[] = [];
  const username = normalizeUsername(input.username ?? '');
  if (!USERNAME.test(username)) {
    problems.push({
      column: 'username',
      en: 'The username must be 3–63 characters: a–z, 0–9, dot, hyphen or underscore',
      th: 'ชื่อผู้ใช้ต้องยาว ๓–๖๓ ตัวอักษร ประกอบด้วย a–z 0–9 จุด ขีด หรือขีดล่าง',
    });
  }
  const role = (input.role ?? '').trim().toLowerCase();
  const scope = (input.scope ?? '').trim();
  let provinceCode: string | null = null;
  let districtCode: string | null = null;
  if (!(ROLES as readonly string[]).includes(role)) {
    problems.push({ column: 'role', en: `The role must be one of: ${ROLES.join(', ')}`, th: `บทบาทต้องเป็นหนึ่งใน: ${ROLES.join(', ')}` });
  } else if (role === 'district') {
    const [d] = /^\d{4}$/.test(scope)
      ? await db.select({ code: districts.code, provinceCode: districts.provinceCode }).from(districts).where(eq(districts.code, scope))
      : [];
    if (!d) problems.push({ column: 'scope', en: 'A district account needs an existing 4-digit district code', th: 'บัญชีระดับอำเภอต้องระบุรหัสอำเภอ ๔ หลักที่มีอยู่ในระบบ' });
    else {
      districtCode = d.code;
      provinceCode = d.provinceCode;
    }
  } else if (role === 'province') {
    const [p] = /^\d{2}$/.test(scope) ? await db.select({ code: provinces.code }).from(provinces).where(eq(provinces.code, scope)) : [];
    if (!p) problems.push({ column: 'scope', en: 'A province account needs an existing 2-digit province code', th: 'บัญชีระดับจังหวัดต้องระบุรหัสจังหวัด ๒ หลักที่มีอยู่ในระบบ' });
    else provinceCode = p.code;
  } else if (scope !== '' && scope.toLowerCase() !== 'national') {
    problems.push({ column: 'scope', en: `A ${role} account has national scope; leave the scope empty`, th: 'บัญชีระดับประเทศไม่ต้องระบุพื้นที่' });
  }
  if (input.password !== undefined) {
    for (const p of passwordProblems(input.password, username)) problems.push({ column: 'password', ...p });
  }
  if (problems.length > 0) throw new AccountError('invalid', problems);
  return {
    username,
    role: role as UserRole,
    provinceCode,
    districtCode,
    displayName: (input.displayName ?? '').normalize('NFC').trim().slice(0, 200) || username,
    password: input.password,
  };
}

/**
 * Creates one account: with a password when given (scripts), otherwise with a one-time
 * activation code that is returned here once and stored only as a hash. Audited as 'user.create'.
 */
export async function createAccount(
  db: Db,
  input: AccountInput,
  context: { actor: AccountActor; now: Date; activationTtlDays: number },
): Promise<CreatedAccount> {
  const valid = await validateAccountInput(db, input);
  return insertAccount(db, valid, context);
}

/** Inserts an already validated account (bulk import validates everything first). */
export async function insertAccount(
  db: Db,
  valid: ValidAccount,
  context: { actor: AccountActor; now: Date; activationTtlDays: number },
): Promise<CreatedAccount> {
  const activationCode = valid.password === undefined ? newActivationCode() : null;
  const expiresAt = activationCode ? new Date(context.now.getTime() + context.activationTtlDays * 86_400_000) : null;
  const [passwordHash, activationCodeHash] = await Promise.all([
    valid.password !== undefined ? hashPassword(valid.password) : null,
    activationCode ? hashPassword(normalizeActivationCode(activationCode)) : null,
  ]);
  const id = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(users)
      .values({
        username: valid.username,
        displayName: valid.displayName,
        role: valid.role,
        provinceCode: valid.provinceCode,
        districtCode: valid.districtCode,
        passwordHash,
        activationCodeHash,
        activationExpiresAt: expiresAt,
        mustChangePassword: activationCode !== null,
        createdAt: context.now,
        updatedAt: context.now,
      })
      .onConflictDoNothing({ target: users.username })
      .returning({ id: users.id });
    const row = inserted[0];
    if (!row) {
      throw new AccountError('username-taken', [
        { column: 'username', en: `The username ${valid.username} is taken`, th: `ชื่อผู้ใช้ ${valid.username} มีผู้ใช้แล้ว` },
      ]);
    }
    await recordAudit(tx, {
      at: context.now,
      actor: context.actor,
      action: 'user.create',
      provinceCode: valid.provinceCode,
      districtCode: valid.districtCode,
      details: { target: valid.username, targetId: row.id, role: valid.role, activation: activationCode !== null },
    });
    return row.id;
  });
  const account = await accountById(db, id);
  return { account: account!, activationCode, activationExpiresAt: expiresAt?.toISOString() ?? null };
}
