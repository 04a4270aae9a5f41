import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/config.ts';
import { FIRST_ADMIN_COMMAND, firstAdminHint } from '../../api/first-admin-hint.ts';
import { prepareDatabase } from '../../api/prepare-database.ts';
import { createDb } from '../../db/create-db.ts';
import { usersCommand } from '../../cli/commands/users-command.ts';
import { freePort } from '../../testkit/server-process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// "On a real PostgreSQL" ended at a login page with no account, and nothing said how to make one.
describe('DEMO=0 start-up with no administrator prints the command that creates one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'otop-first-admin-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('npm start on a fresh embedded database with DEMO=0 prints it, naming the data folder', async () => {
    const dataDir = join(dir, 'served');
    const port = String(await freePort());
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', READ_DATABASE_URL: '', TEST_DATABASE_URL: '', DEMO: '0', DATA_DIR: dataDir, PORT: port },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no hint within 150 s:\n${output}`)), 150_000);
        const onData = (d: Buffer) => {
          output += d.toString();
          if (output.includes('--role admin')) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('close', (code) => reject(new Error(`server exited ${code}:\n${output}`)));
      });
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('close', resolve));
    }
    expect(output).toContain('No administrator account yet.');
    expect(output).toContain(`DATA_DIR=${dataDir} ${FIRST_ADMIN_COMMAND}`);
  }, 180_000);

  it('the printed command creates the first administrator, after which nothing is printed', async () => {
    const dataDir = join(dir, 'cli');
    const handle = await createDb({ dataDir });
    await prepareDatabase(handle.db, { demo: false });
    const config = loadConfig({ DATA_DIR: dataDir, DEMO: '0' });
    const hint = await firstAdminHint(handle.db, config);
    await handle.close();
    const line = hint!.find((l) => l.includes(FIRST_ADMIN_COMMAND))!;
    // Run exactly the printed arguments, as `npx otop` would.
    const args = line.slice(line.indexOf('npx otop users ') + 'npx otop users '.length).split(' ');
    let out = '';
    const code = await usersCommand.run(args, {
      config, stdout: new Writable({ write: (c: Buffer, _e, cb) => ((out += c.toString()), cb()) }),
      stderr: new Writable({ write: (_c, _e, cb) => cb() }), stdin: new PassThrough(), isTTY: false,
    });
    expect(code).toBe(0);
    expect(out).toMatch(/Created admin \(admin/);
    expect(out).toMatch(/Activation code/);
    const again = await createDb({ dataDir });
    expect(await firstAdminHint(again.db, config)).toBeNull();
    expect(await firstAdminHint(again.db, { databaseUrl: 'postgres://x', dataDir })).toBeNull();
    await again.close();
    const postgresHint = await (async () => {
      const empty = await createDb({ dataDir: join(dir, 'pg-like') });
      await prepareDatabase(empty.db, { demo: false });
      try {
        return await firstAdminHint(empty.db, { databaseUrl: 'postgres://otop@db/otop', dataDir });
      } finally {
        await empty.close();
      }
    })();
    expect(postgresHint!.join('\n')).toContain(`DATABASE_URL=<the same DATABASE_URL> ${FIRST_ADMIN_COMMAND}`);
    expect(postgresHint!.join('\n')).not.toContain('otop@db');
  }, 180_000);
});
