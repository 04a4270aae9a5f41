import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
import { verifyPassword } from '../../api/auth/password.ts';
import { createDb } from '../../db/create-db.ts';
import { loadConfig } from '../../api/config.ts';
import { createApp } from '../../api/create-app.ts';
import { CLI_ACTOR } from '../../api/accounts/account-actor.ts';
import { AccountError } from '../../api/accounts/account-error.ts';
import { importAccounts, parseAccountsCsv } from '../../api/accounts/import-accounts.ts';
import { usersCommand } from '../../cli/commands/users-command.ts';
import { seedCommand } from '../../cli/commands/seed-command.ts';
import type { CommandContext } from '../../cli/command.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { Client } from './support/api-fixture.ts';

const REGISTRY = [
  'ชื่อผู้ใช้,บทบาท,รหัสพื้นที่,ชื่อหน่วยงาน',
  'amphoe3801,district,3801,สำนักงานพัฒนาชุมชนอำเภอเมืองบึงกาฬ',
  'amphoe3802,district,3802,"สำนักงานพัฒนาชุมชนอำเภอพรเจริญ, บึงกาฬ"',
  'changwat38,province,38,สำนักงานพัฒนาชุมชนจังหวัดบึงกาฬ',
].join('\n');

describe(`users: bulk import with one-time activation codes (${TEST_ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seedReference(t.db);
  });
  afterAll(async () => t.close());

  it('creates every account with a distinct code, stores only its hash, and a re-run creates nothing', async () => {
    const lines = parseAccountsCsv(REGISTRY);
    if (lines instanceof AccountError) throw lines;
    const result = await importAccounts(t.db, lines, { actor: CLI_ACTOR, now: new Date('2017-09-01T00:00:00Z'), activationTtlDays: 14 });
    expect(result.errors).toEqual([]);
    expect(result.created.map((a) => [a.username, a.role, a.scope])).toEqual([
      ['amphoe3801', 'district', '3801'],
      ['amphoe3802', 'district', '3802'],
      ['changwat38', 'province', '38'],
    ]);
    expect(result.created[1]!.displayName).toBe('สำนักงานพัฒนาชุมชนอำเภอพรเจริญ, บึงกาฬ');
    expect(new Set(result.created.map((a) => a.activationCode)).size).toBe(3);
    expect(result.created[0]!.activationExpiresAt).toBe('2017-09-15T00:00:00.000Z');
    const [row] = await t.db.select().from(users).where(eq(users.username, 'amphoe3801'));
    expect(row).toMatchObject({ passwordHash: null, mustChangePassword: true, districtCode: '3801', provinceCode: '38' });
    expect(row!.activationCodeHash).not.toContain(result.created[0]!.activationCode);
    expect(await verifyPassword(result.created[0]!.activationCode.replace(/-/g, ''), row!.activationCodeHash!)).toBe(true);

    const again = await importAccounts(t.db, lines, { actor: CLI_ACTOR, now: new Date(), activationTtlDays: 14 });
    expect(again.created).toEqual([]);
    expect(again.skipped.map((s) => s.username)).toEqual(['amphoe3801', 'amphoe3802', 'changwat38']);
  });

  it('checks every line first: one bad line (or a duplicate) and nothing is created', async () => {
    const lines = parseAccountsCsv(
      ['username,role,scope', 'new3803,district,3803', 'bad3809,district,3809', 'new3803,district,3803', 'weird,superuser,', 'dept2,department,38'].join('\n'),
    );
    if (lines instanceof AccountError) throw lines;
    const result = await importAccounts(t.db, lines, { actor: CLI_ACTOR, now: new Date(), activationTtlDays: 14 });
    expect(result.created).toEqual([]);
    expect(result.errors.map((e) => [e.line, e.problems[0]!.column])).toEqual([
      [3, 'scope'],
      [4, 'username'],
      [5, 'role'],
      [6, 'scope'],
    ]);
    expect(await t.db.select().from(users).where(eq(users.username, 'new3803'))).toEqual([]);
    expect(parseAccountsCsv('scope,display_name\n3801,x\n')).toBeInstanceOf(AccountError);
  });

  it('npx otop users import / create --password-stdin / reset, through the CLI command', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'otop-users-'));
    try {
      const config = loadConfig(TEST_ENGINE === 'postgres' ? { DATABASE_URL: t.url! } : { DATA_DIR: join(dir, 'db') });
      const run = async (command: typeof usersCommand, args: string[], stdinText = '') => {
        const stdout = new PassThrough();
        const stderr = new PassThrough();
        let out = '';
        let err = '';
        stdout.on('data', (d: Buffer) => (out += d.toString()));
        stderr.on('data', (d: Buffer) => (err += d.toString()));
        const ctx: CommandContext = { config, stdout, stderr, stdin: Readable.from([stdinText]), isTTY: false };
        const code = await command.run(args, ctx);
        return { code, out, err };
      };
      if (TEST_ENGINE === 'pglite') expect((await run(seedCommand, [])).code).toBe(0);
      const csv = join(dir, 'accounts.csv');
      await writeFile(csv, ['username,role,scope,display_name', 'cli3804,district,3804,เซกา', 'cli3805,district,3805,ปากคาด'].join('\n'));
      const codes = join(dir, 'codes.csv');
      const imported = await run(usersCommand, ['import', csv, '--out', codes]);
      expect(imported.code).toBe(0);
      expect(imported.err).toContain('Created 2 account(s)');
      const written = (await readFile(codes, 'utf8')).replace(/^\uFEFF/, '').trim().split('\n');
      expect(written[0]).toBe('username,role,scope,display_name,activation_code,expires_at');
      const [, username, , , , code] = /^([^,]+),([^,]+),([^,]+),([^,]+),([^,]+),/.exec(written[1]!)!;
      expect(username).toBe('cli3804');

      const created = await run(usersCommand, ['create', '--username', 'script-analyst', '--role', 'analyst', '--password-stdin'], 'a-scripted-password\n');
      expect(created.code).toBe(0);
      expect(created.out).toContain('Created script-analyst (analyst, national)');
      expect(created.out).not.toContain('Activation code');
      const badRole = await run(usersCommand, ['create', '--username', 'x-user', '--role', 'district', '--scope', '38']);
      expect(badRole.code).toBe(1);
      expect(badRole.err).toContain('scope');
      const reset = await run(usersCommand, ['reset', '--username', 'cli3805']);
      expect(reset.code).toBe(0);
      expect(reset.out).toMatch(/Activation code .*: [0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}/);

      // The accounts work against the API: the code signs in and demands a new password.
      const handle = TEST_ENGINE === 'postgres' ? { db: t.db, engine: t.engine, close: async () => {} } : await createDb({ dataDir: join(dir, 'db') });
      try {
        const app = createApp({ db: handle.db, engine: handle.engine, config: loadConfig({}) });
        const first = await new Client(app).post('/api/auth/login', { username: 'cli3804', activationCode: code });
        expect(first.status).toBe(200);
        expect(((await first.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(true);
        expect((await new Client(app).login('script-analyst', 'a-scripted-password')).status).toBe(200);
      } finally {
        await handle.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
