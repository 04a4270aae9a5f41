import { inArray } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import type { Db } from '../../db/create-db.ts';
import { recordAudit } from '../../db/record-audit.ts';
import { users } from '../../db/schema/index.ts';
import { labelKey } from '../../domain/label-key.ts';
import { normalizeUsername } from '../auth/normalize-username.ts';
import type { AccountActor } from './account-actor.ts';
import { AccountError, type AccountProblem } from './account-error.ts';
import { insertAccount, validateAccountInput, type AccountInput, type ValidAccount } from './create-account.ts';

export interface AccountImportResult {
  /** Accounts created, each with its one-time activation code (shown once, never stored). */
  created: { line: number; username: string; role: string; scope: string; displayName: string; activationCode: string; activationExpiresAt: string }[];
  /** Usernames that already exist: left untouched, so a re-run creates nothing twice. */
  skipped: { line: number; username: string }[];
  /** Lines with problems; when there are any, nothing is created. */
  errors: { line: number; problems: AccountProblem[] }[];
}

// Header names accepted for each column (English, and the Thai of the letter's enclosure 3).
const HEADERS: Record<keyof Omit<AccountInput, 'password'>, string[]> = {
  username: ['username', 'user', 'ชื่อผู้ใช้', 'ชื่อผู้ใช้งาน', 'user name'],
  role: ['role', 'บทบาท', 'ระดับ'],
  scope: ['scope', 'code', 'area', 'รหัสพื้นที่', 'รหัส'],
  displayName: ['display_name', 'displayname', 'name', 'ชื่อ', 'ชื่อหน่วยงาน', 'หน่วยงาน'],
};

/** Reads the accounts CSV (UTF-8, with a header row) into account inputs with their line numbers. */
export function parseAccountsCsv(text: string): { line: number; input: AccountInput }[] | AccountError {
  const records = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  const [header, ...rows] = records;
  if (!header) return new AccountError('invalid', [{ column: 'file', en: 'The file is empty', th: 'ไฟล์ไม่มีข้อมูล' }]);
  const keys = header.map((h) => labelKey(h));
  const index = (names: string[]) => keys.findIndex((k) => names.some((n) => labelKey(n) === k));
  const col = {
    username: index(HEADERS.username),
    role: index(HEADERS.role),
    scope: index(HEADERS.scope),
    displayName: index(HEADERS.displayName),
  };
  const missing = (['username', 'role'] as const).filter((k) => col[k] < 0);
  if (missing.length > 0) {
    return new AccountError(
      'invalid',
      missing.map((m) => ({ column: m, en: `Missing column: ${m}`, th: `ไม่พบคอลัมน์ที่จำเป็น: ${m}` })),
    );
  }
  const cell = (row: string[], i: number) => (i >= 0 ? (row[i] ?? '') : '');
  return rows.map((row, i) => ({
    line: i + 2,
    input: {
      username: cell(row, col.username),
      role: cell(row, col.role),
      scope: cell(row, col.scope),
      displayName: cell(row, col.displayName),
    },
  }));
}

/**
 * Bulk account creation from the district account registry. Every line is checked first;
 * if any line has a problem nothing is created. Existing usernames are skipped. Each new
 * account gets a one-time activation code (never a password on paper). Audited: a 'user.create'
 * row per account, and one 'user.import' row for the import.
 */
export async function importAccounts(
  db: Db,
  lines: { line: number; input: AccountInput }[],
  context: { actor: AccountActor; now: Date; activationTtlDays: number },
): Promise<AccountImportResult> {
  const result: AccountImportResult = { created: [], skipped: [], errors: [] };
  const seen = new Map<string, number>();
  const valid: { line: number; account: ValidAccount; scope: string }[] = [];
  for (const { line, input } of lines) {
    try {
      const account = await validateAccountInput(db, { ...input, password: undefined });
      const first = seen.get(account.username);
      if (first !== undefined) {
        result.errors.push({
          line,
          problems: [{ column: 'username', en: `Duplicate of line ${first}`, th: `ชื่อผู้ใช้ซ้ำกับบรรทัดที่ ${first}` }],
        });
        continue;
      }
      seen.set(account.username, line);
      valid.push({ line, account, scope: account.districtCode ?? account.provinceCode ?? '' });
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      result.errors.push({ line, problems: err.problems });
    }
  }
  if (result.errors.length > 0) return result;

  const usernames = valid.map((v) => v.account.username);
  const existing = new Set(
    usernames.length
      ? (await db.select({ username: users.username }).from(users).where(inArray(users.username, usernames))).map((u) => u.username)
      : [],
  );
  for (const v of valid) {
    if (existing.has(v.account.username)) {
      result.skipped.push({ line: v.line, username: v.account.username });
      continue;
    }
    try {
      const created = await insertAccount(db, v.account, context);
      result.created.push({
        line: v.line,
        username: created.account.username,
        role: created.account.role,
        scope: v.scope,
        displayName: created.account.displayName,
        activationCode: created.activationCode!,
        activationExpiresAt: created.activationExpiresAt!,
      });
    } catch (err) {
      // Created meanwhile by someone else: skip, as for an existing one.
      if (err instanceof AccountError && err.kind === 'username-taken') result.skipped.push({ line: v.line, username: normalizeUsername(v.account.username) });
      else throw err;
    }
  }
  // Each account has its own 'user.create' row (written with it); this one says they came as
  // one import, and what it skipped. Never a code: only who was created.
  if (result.created.length > 0) {
    await recordAudit(db, {
      at: context.now,
      actor: context.actor,
      action: 'user.import',
      details: {
        lines: lines.length,
        created: result.created.map((a) => ({ username: a.username, role: a.role, scope: a.scope })),
        skipped: result.skipped.map((a) => a.username),
      },
    });
  }
  return result;
}
