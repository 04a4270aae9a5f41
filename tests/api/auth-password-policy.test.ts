import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordProblems } from '../../api/auth/password-policy.ts';
import { loadConfig } from '../../api/config.ts';
import type { CommandContext } from '../../cli/command.ts';
import { seedCommand } from '../../cli/commands/seed-command.ts';
import { usersCommand } from '../../cli/commands/users-command.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { ACCOUNTS, createApiFixture, signIn, type ApiFixture } from './support/api-fixture.ts';

type Problem = { status: number; issues: { column: string; message: { en: string; th: string } }[] };

describe('password policy: length, and not easy to guess (zxcvbn with common, English and local words)', () => {
  it.each([
    ['aaaaaaaaaa', 'Repeated characters'],
    ['1234567890', 'very common password'],
    ['qwertyuiop', 'very common password'],
    ['password2561', 'commonly used password'],
    ['otopbuengkan2561', 'OTOP words'],
    ['buengkan12345', 'OTOP words'],
    ['sophisai-pakkhat', 'OTOP words'],
    ['บึงกาฬบึงกาฬ', 'Repeated patterns'],
    ['amphoe3801-2561', 'username'],
  ])('refuses %s, saying why in Thai and English', (password, why) => {
    const problems = passwordProblems(password, 'amphoe3801');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.en).toContain('too easy to guess');
    expect(problems[0]!.en).toContain(why);
    expect(problems[0]!.th).toContain('เดาได้ง่ายเกินไป');
  });

  it('accepts long phrases, Thai ones too, and every password the test accounts use', () => {
    for (const ok of ['correct horse battery staple', 'ขายผ้าไหมที่ตลาดเช้าวันเสาร์', 'Tr0ub4dor&3-kettle']) expect(passwordProblems(ok, 'amphoe3801')).toEqual([]);
    for (const [name, a] of Object.entries(ACCOUNTS)) expect(passwordProblems(a.password, name)).toEqual([]);
  });

  it('rates a 200-character password quickly: only its start is estimated (unbounded, one such took 23 s on the event loop)', () => {
    const sequence = Array.from({ length: 200 }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 90))).join('');
    const started = performance.now();
    passwordProblems(sequence, 'amphoe3801');
    passwordProblems('Tr0ub4dor&3-'.repeat(16), 'amphoe3801');
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('still refuses short passwords and the username, before anything else', () => {
    expect(passwordProblems('Xk9#short', 'amphoe3801').map((p) => p.en)).toEqual(['The password must have at least 10 characters']);
    expect(passwordProblems('amphoe3801', 'amphoe3801').map((p) => p.en)).toEqual(['The password may not be the username']);
  });
});

describe(`password policy at every caller (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture({ accounts: ['admin', 'district3802'] });
  });
  afterAll(async () => f.close());

  const expectWeak = async (res: Response, column: string) => {
    expect(res.status).toBe(422);
    const p = (await res.json()) as Problem;
    expect(p.issues[0]!.column).toContain(column);
    expect(p.issues[0]!.message.en).toContain('too easy to guess');
    expect(p.issues[0]!.message.th).toContain('เดาได้ง่ายเกินไป');
  };

  it('changing a password: aaaaaaaaaa is refused (422), the old password still works', async () => {
    const user = await signIn(f.app, 'district3802');
    await expectWeak(await user.post('/api/auth/password', { currentPassword: ACCOUNTS.district3802.password, newPassword: 'aaaaaaaaaa' }), 'newPassword');
    expect((await user.get('/api/me')).status).toBe(200);
  });

  it('choosing the first password with an activation code: a place name and a year are refused', async () => {
    const admin = await signIn(f.app, 'admin');
    const created = await admin.post('/api/admin/users', { username: 'seka3804', role: 'district', scope: '3804', displayName: 'สพอ.เซกา' });
    expect(created.status).toBe(201);
    const { activationCode } = (await created.json()) as { activationCode: string };
    const officer = new (await import('./support/api-fixture.ts')).Client(f.app);
    expect((await officer.post('/api/auth/login', { username: 'seka3804', activationCode }, { headers: { 'x-forwarded-for': '10.8.0.1' } })).status).toBe(200);
    const me = (await (await officer.get('/api/me')).json()) as { csrfToken: string };
    officer.csrf = me.csrfToken;
    await expectWeak(await officer.post('/api/auth/password', { activationCode, newPassword: 'seka-bueng-kan-2561' }), 'newPassword');
    expect((await officer.post('/api/auth/password', { activationCode, newPassword: 'silk weaving at the saturday market' })).status).toBe(200);
  });

  it('npx otop users create --password-stdin refuses aaaaaaaaaa (exit 1, the reason on stderr)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'otop-policy-'));
    try {
      const config = loadConfig(TEST_ENGINE === 'postgres' ? { DATABASE_URL: f.t.url! } : { DATA_DIR: join(dir, 'db') });
      const run = async (command: typeof usersCommand, args: string[], stdinText = '') => {
        const stdout = new PassThrough();
        const stderr = new PassThrough();
        let err = '';
        stderr.on('data', (d: Buffer) => (err += d.toString()));
        const ctx: CommandContext = { config, stdout, stderr, stdin: Readable.from([stdinText]), isTTY: false };
        return { code: await command.run(args, ctx), err };
      };
      if (TEST_ENGINE === 'pglite') expect((await run(seedCommand, [])).code).toBe(0);
      const weak = await run(usersCommand, ['create', '--username', 'script-analyst', '--role', 'analyst', '--password-stdin'], 'aaaaaaaaaa\n');
      expect(weak.code).toBe(1);
      expect(weak.err).toContain('too easy to guess');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
