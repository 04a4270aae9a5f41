import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../api/accounts/create-account.ts';
import { CLI_ACTOR } from '../../api/accounts/account-actor.ts';
import { closeExportFileCaches, createExportFileCache } from '../../api/exports/export-file-cache.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { killServer, startServer, stopServer, type ServerProcess } from '../../testkit/server-process.ts';
import { createTestDb, TEST_DATABASE_URL, type TestDb } from '../support/test-db.ts';

const cacheDirs = (parent: string) => readdirSync(parent).filter((n) => n.startsWith('otop-export-cache-')).sort();

/** The PID of a process that has exited: no process owns it now. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

// The Parquet cache's temporary folder outlived its process: every server start left one more
// /tmp/otop-export-cache-* behind, with the exports' files (personal data) in it.
describe('the Parquet export cache leaves no temporary folder behind', () => {
  const parent = mkdtempSync(join(tmpdir(), 'otop-cache-parent-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('names its folder after its process; closeExportFileCaches (the server shutdown) removes it with its files', async () => {
    const cache = createExportFileCache({ parentDir: parent });
    const file = await cache.get('k', async (target) => {
      await new Promise<void>((resolve, reject) => target.end('bytes', () => resolve()).once('error', reject));
    });
    expect(cacheDirs(parent)).toEqual([expect.stringMatching(new RegExp(`^otop-export-cache-${process.pid}-`))]);
    expect(file.size).toBe(5);
    await closeExportFileCaches();
    expect(cacheDirs(parent)).toEqual([]);
  });

  it('sweeps the folders of processes that are gone (killed, no shutdown ran) and keeps those of living ones', async () => {
    const stale = `otop-export-cache-${deadPid()}-AbCdEf`;
    const living = `otop-export-cache-${process.ppid}-GhIjKl`;
    for (const name of [stale, living]) {
      mkdirSync(join(parent, name));
      writeFileSync(join(parent, name, '1.export'), 'old export');
    }
    writeFileSync(join(parent, 'otop-export-cache-notes.txt'), 'not a cache folder');
    const cache = createExportFileCache({ parentDir: parent });
    await cache.get('k', async (target) => {
      await new Promise<void>((resolve) => target.end('x', () => resolve()));
    });
    const left = cacheDirs(parent);
    expect(left).not.toContain(stale);
    expect(left).toContain(living);
    expect(left).toContain('otop-export-cache-notes.txt');
    expect(left.filter((n) => n.startsWith(`otop-export-cache-${process.pid}-`))).toHaveLength(1);
    await cache.close();
    expect(cacheDirs(parent)).toEqual([living, 'otop-export-cache-notes.txt'].sort());
  });
});

describe.skipIf(process.platform !== 'linux')('a pid used again (Linux: the start time is read from /proc)', () => {
  const parent = mkdtempSync(join(tmpdir(), 'otop-cache-parent-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('sweeps a folder whose pid now names a process that started after the folder last changed', async () => {
    // A server killed an hour ago left its folder; its pid now belongs to a process started since.
    const later = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      const reused = `otop-export-cache-${later.pid}-MnOpQr`;
      const owned = `otop-export-cache-${later.pid}-StUvWx`;
      for (const name of [reused, owned]) {
        mkdirSync(join(parent, name));
        writeFileSync(join(parent, name, '1.export'), 'old export');
      }
      const anHourAgo = new Date(Date.now() - 3_600_000);
      utimesSync(join(parent, reused), anHourAgo, anHourAgo);
      const cache = createExportFileCache({ parentDir: parent });
      await cache.get('k', async (target) => {
        await new Promise<void>((resolve) => target.end('x', () => resolve()));
      });
      const left = cacheDirs(parent);
      expect(left).not.toContain(reused);
      // Changed after that process started: it may be its folder, and it stays.
      expect(left).toContain(owned);
      await cache.close();
    } finally {
      later.kill();
    }
  });
});

describe.skipIf(!TEST_DATABASE_URL)(
  'a server process removes its Parquet cache folder on SIGTERM; one killed leaves a folder the next start sweeps (PostgreSQL pass: a server process needs a database of its own)',
  () => {
    let t: TestDb;
    let server: ServerProcess | undefined;
    const tmp = mkdtempSync(join(tmpdir(), 'otop-server-tmp-'));

    beforeAll(async () => {
      t = await createTestDb();
      await seedReference(t.db);
      await createAccount(t.db, { username: 'district3801', role: 'district', scope: '3801', password: 'district-3801-password' }, { actor: CLI_ACTOR, now: new Date(), activationTtlDays: 1 });
    }, 60_000);
    afterAll(async () => {
      await stopServer(server?.child);
      await t?.close();
      rmSync(tmp, { recursive: true, force: true });
    });

    /** Signs in and downloads a Parquet export, which the server writes into its cache folder first. */
    async function exportParquet(base: string): Promise<void> {
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'district3801', password: 'district-3801-password' }),
      });
      expect(login.status).toBe(200);
      const cookie = `otop_session=${/otop_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]}`;
      const res = await fetch(`${base}/api/exports/products.parquet`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('PAR1');
    }

    it('SIGTERM: the folder is there while the server runs and gone after it stops', async () => {
      server = await startServer(t.url!, { TMPDIR: tmp });
      await exportParquet(server.base);
      expect(cacheDirs(tmp)).toEqual([expect.stringMatching(new RegExp(`^otop-export-cache-${server.child.pid}-`))]);
      await stopServer(server.child);
      expect(server.child.exitCode).toBe(0);
      expect(cacheDirs(tmp)).toEqual([]);
    }, 120_000);

    it('SIGKILL leaves the folder; the next server sweeps it when it makes its own', async () => {
      server = await startServer(t.url!, { TMPDIR: tmp });
      await exportParquet(server.base);
      const killedPid = server.child.pid;
      await killServer(server.child);
      expect(cacheDirs(tmp)).toEqual([expect.stringMatching(new RegExp(`^otop-export-cache-${killedPid}-`))]);
      server = await startServer(t.url!, { TMPDIR: tmp });
      await exportParquet(server.base);
      expect(cacheDirs(tmp)).toEqual([expect.stringMatching(new RegExp(`^otop-export-cache-${server.child.pid}-`))]);
      await stopServer(server.child);
      expect(cacheDirs(tmp)).toEqual([]);
    }, 180_000);
  },
);
