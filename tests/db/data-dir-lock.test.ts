import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../db/data-dir-lock.ts';
import { startServer, stopServer, type ServerProcess } from '../../testkit/server-process.ts';

// One process per embedded data folder: a second process (the CLI beside a running server)
// refuses at once, says who holds the folder and what to do, and writes nothing; a lock left
// by a process that is gone does not block. The embedded engine is what is locked, so this
// file spawns its processes on PGlite folders of its own in either test pass.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PGLITE_ENV = { DATABASE_URL: '', READ_DATABASE_URL: '', TEST_DATABASE_URL: '', DEMO: '0' };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function otop(dataDir: string, args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/otop.js', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...PGLITE_ENV, DATA_DIR: dataDir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const createUser = (dataDir: string, username: string) =>
  otop(dataDir, ['users', 'create', '--username', username, '--role', 'analyst', '--password-stdin'], 'a-scripted-password\n');

describe('one process per embedded data folder (DATA_DIR)', () => {
  const dirs: string[] = [];
  let server: ServerProcess | undefined;
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'otop-lock-'));
    dirs.push(dir);
    return join(dir, 'pglite');
  };
  afterAll(async () => {
    await stopServer(server?.child);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('the CLI beside a running server: exit 2, names the server’s pid, writes nothing; after the server stops the same command works', async () => {
    const dataDir = freshDir();
    server = await startServer('', { ...PGLITE_ENV, DATA_DIR: dataDir });
    const pid = server.child.pid!;

    const refused = await createUser(dataDir, 'lock-analyst');
    expect(refused.code).toBe(2);
    expect(refused.stdout).not.toMatch(/Created/);
    expect(refused.stderr).toContain(`in use by another process: pid ${pid} (api/server.ts), since `);
    expect(refused.stderr).toContain('กำลังถูกใช้โดยโปรเซสอื่น');
    expect(refused.stderr).toMatch(/Stop that process .* or point both at a PostgreSQL database with DATABASE_URL/);
    expect(refused.stderr).toContain(`${dataDir}.lock`);
    // The server is untouched and still serves.
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);

    await stopServer(server.child);
    expect(server.child.exitCode).toBe(0);
    expect(existsSync(`${dataDir}.lock`)).toBe(false); // released on a clean stop

    // Nothing was written by the refused run: the account does not exist yet, so this creates it.
    const created = await createUser(dataDir, 'lock-analyst');
    expect(created.stderr).toBe(`database: embedded ${dataDir}\n`);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created lock-analyst (analyst, national)');
    // And it stays: a second run on the folder finds it.
    const again = await createUser(dataDir, 'lock-analyst');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/lock-analyst/);
  }, 180_000);

  it('a stale lock (its process is gone) is taken over, and released when the command ends', async () => {
    const dataDir = freshDir();
    // A pid that surely belongs to no process now: a child that has exited.
    const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: gone, command: 'api/server.ts', since: '2026-01-01T00:00:00.000Z', host: hostname() }));
    const created = await createUser(dataDir, 'stale-analyst');
    expect(created.stderr).toBe(`database: embedded ${dataDir}\n`);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created stale-analyst');
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  }, 120_000);

  it('a live holder refuses; a lock whose pid now belongs to a process started after it is taken over (pid reused after a crash)', () => {
    const dataDir = freshDir();
    const lock = (since: string) => writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: 1, command: 'api/server.ts', since, host: hostname() }));
    // pid 1 is alive and started before now: it holds the lock.
    lock(new Date().toISOString());
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dataDir)).toThrow(/in use by another process: pid 1 \(api\/server\.ts\)/);
    // The same pid, but the lock is older than its process: a stale lock whose pid was reused.
    lock('2000-01-01T00:00:00.000Z');
    const taken = lockDataDir(dataDir);
    expect(JSON.parse(readFileSync(`${dataDir}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    taken.release();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('eight processes finding the same stale lock at the same instant: exactly one takes the folder', async () => {
    const dataDir = freshDir();
    const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: gone, command: 'api/server.ts', since: '2026-01-01T00:00:00.000Z', host: hostname() }));
    const moduleUrl = new URL('../../db/data-dir-lock.ts', import.meta.url).href;
    // Each contender loads the module, says it is ready and waits for "go", sent to all at once
    // when all are ready (however long a loaded machine takes to start eight processes); it tries
    // once, and the winner holds the folder until every contender has answered (its stdin ends).
    const script = `
      const { lockDataDir } = await import(${JSON.stringify(moduleUrl)});
      const lines = process.stdin.setEncoding('utf8');
      console.log('ready');
      await new Promise((r) => lines.once('data', r));
      try {
        lockDataDir(${JSON.stringify(dataDir)});
        console.log('took');
        await new Promise((r) => { lines.on('end', r); lines.resume(); });
      } catch (e) { console.log(e.name === 'DataDirLockedError' ? 'refused' : 'error ' + e.message); }
      process.stdin.destroy();`;
    const children = Array.from({ length: 8 }, () => spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] }));
    const outcomes = children.map(() => ({ ready: false, outcome: null as string | null }));
    const everyone = (f: (o: (typeof outcomes)[number]) => boolean) => outcomes.every(f);
    const runs = await Promise.all(
      children.map(
        (child, i) =>
          new Promise<string>((resolve, reject) => {
            let out = '';
            child.stdout!.on('data', (d: Buffer) => {
              out += d.toString();
              const said = out.trim().split('\n');
              outcomes[i] = { ready: said.includes('ready'), outcome: said.find((l) => l !== 'ready') ?? null };
              if (said.length === 1 && everyone((o) => o.ready)) for (const c of children) c.stdin!.write('go\n');
              if (everyone((o) => o.outcome !== null)) for (const c of children) c.stdin!.end();
            });
            child.on('error', reject);
            child.on('close', () => resolve(outcomes[i]!.outcome ?? `no answer: ${out.trim()}`));
          }),
      ),
    );
    expect(runs.filter((r) => r === 'took')).toHaveLength(1);
    expect(runs.filter((r) => r === 'refused')).toHaveLength(7);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  }, 60_000);
});
