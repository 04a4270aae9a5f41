import { readFile, writeFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
import { AccountError, type AccountProblem } from '../../api/accounts/account-error.ts';
import { createAccount } from '../../api/accounts/create-account.ts';
import { importAccounts, parseAccountsCsv } from '../../api/accounts/import-accounts.ts';
import { resetAccount } from '../../api/accounts/reset-account.ts';
import { normalizeUsername } from '../../api/auth/normalize-username.ts';
import { accountSheetPdf } from '../../api/reports/documents/account-sheet-pdf.ts';
import { defineCommand, type Command, type CommandContext } from '../command.ts';
import { COMMAND_HELP } from '../command-help.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { cliActor } from '../cli-actor.ts';
import { withDatabase } from '../with-database.ts';

const USAGE = COMMAND_HELP['users'].usage;

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function printProblems(stderr: NodeJS.WritableStream, prefix: string, problems: AccountProblem[]): void {
  for (const p of problems) stderr.write(`${prefix}${p.column}: ${p.en} / ${p.th}\n`);
}

async function readStdinLine(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '');
}

async function runImport(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, sheet: { type: 'string' }, as: { type: 'string' } } });
  const file = positionals[0];
  if (!file) {
    ctx.stderr.write(`Missing the CSV file.\n\nUsage: ${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? 'error';
    ctx.stderr.write(`เปิดไฟล์ '${file}' ไม่ได้ (${why}) / Cannot open '${file}' (${why})\n`);
    return 2;
  }
  const parsed = parseAccountsCsv(text);
  if (parsed instanceof AccountError) {
    printProblems(ctx.stderr, `${file}: `, parsed.problems);
    return 1;
  }
  return withDatabase(ctx, async ({ db }) => {
    const who = await cliActor(db, values.as);
    if (!who.ok) {
      ctx.stderr.write(`${who.message}\n`);
      return 2;
    }
    const now = new Date();
    const result = await importAccounts(db, parsed, {
      actor: who.actor,
      now,
      activationTtlDays: ctx.config.activationTtlDays,
    });
    if (result.errors.length > 0) {
      for (const e of result.errors) printProblems(ctx.stderr, `${file} line ${e.line}: `, e.problems);
      ctx.stderr.write(`Nothing created: ${result.errors.length} line(s) with problems. / ไม่ได้สร้างบัญชีใด ๆ เนื่องจากมีข้อผิดพลาด\n`);
      return 1;
    }
    const lines = [
      'username,role,scope,display_name,activation_code,expires_at',
      ...result.created.map((a) =>
        [a.username, a.role, a.scope, a.displayName, a.activationCode, a.activationExpiresAt].map(csvCell).join(','),
      ),
    ];
    const csv = `${lines.join('\n')}\n`;
    if (values.out) await writeFile(values.out, `\uFEFF${csv}`, { mode: 0o600 });
    else ctx.stdout.write(csv);
    if (values.sheet) await writeFile(values.sheet, await accountSheetPdf(db, result.created, now), { mode: 0o600 });
    for (const s of result.skipped) ctx.stderr.write(`line ${s.line}: ${s.username} already exists, skipped\n`);
    ctx.stderr.write(
      `Created ${result.created.length} account(s), skipped ${result.skipped.length}.` +
        (values.out ? ` Activation codes written to ${values.out} (shown only once).` : ' Activation codes above are shown only once.') +
        (values.sheet ? ` Account sheet written to ${values.sheet}.` : '') +
        '\n',
    );
    return 0;
  });
}

async function runCreate(args: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs({
    args,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      scope: { type: 'string' },
      'display-name': { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      as: { type: 'string' },
    },
  });
  if (!values.username || !values.role) {
    ctx.stderr.write(`--username and --role are required.\n\nUsage: ${USAGE}\n`);
    return 2;
  }
  const password = values['password-stdin'] ? await readStdinLine(ctx.stdin) : undefined;
  return withDatabase(ctx, async ({ db }) => {
    const who = await cliActor(db, values.as);
    if (!who.ok) {
      ctx.stderr.write(`${who.message}\n`);
      return 2;
    }
    try {
      const created = await createAccount(
        db,
        { username: values.username!, role: values.role!, scope: values.scope, displayName: values['display-name'], password },
        { actor: who.actor, now: new Date(), activationTtlDays: ctx.config.activationTtlDays },
      );
      const scope = created.account.districtCode ?? created.account.provinceCode ?? 'national';
      ctx.stdout.write(`Created ${created.account.username} (${created.account.role}, ${scope}).\n`);
      if (created.activationCode) {
        ctx.stdout.write(`Activation code (shown once, valid until ${created.activationExpiresAt}): ${created.activationCode}\n`);
      }
      return 0;
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      printProblems(ctx.stderr, '', err.problems);
      return 1;
    }
  });
}

async function runReset(args: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs({ args, options: { username: { type: 'string' }, as: { type: 'string' } } });
  if (!values.username) {
    ctx.stderr.write(`--username is required.\n\nUsage: ${USAGE}\n`);
    return 2;
  }
  return withDatabase(ctx, async ({ db }) => {
    const who = await cliActor(db, values.as);
    if (!who.ok) {
      ctx.stderr.write(`${who.message}\n`);
      return 2;
    }
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, normalizeUsername(values.username!)));
    if (!user) {
      ctx.stderr.write(`No account ${values.username}. / ไม่พบบัญชีผู้ใช้นี้\n`);
      return 1;
    }
    const issued = await resetAccount(db, user.id, { actor: who.actor, now: new Date(), activationTtlDays: ctx.config.activationTtlDays });
    ctx.stdout.write(`Reset ${issued.account.username}. Activation code (shown once, valid until ${issued.activationExpiresAt}): ${issued.activationCode}\n`);
    return 0;
  });
}

export const usersCommand: Command = defineCommand('users', async (args, ctx) => {
    const [sub, ...rest] = args;
    if (sub === 'import') return runImport(rest, ctx);
    if (sub === 'create') return runCreate(rest, ctx);
    if (sub === 'reset') return runReset(rest, ctx);
    ctx.stderr.write(`Unknown or missing subcommand.\n\nUsage: ${USAGE}\n`);
    return 2;
});
