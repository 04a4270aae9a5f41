import { execFileSync } from 'node:child_process';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../api/accounts/create-account.ts';
import { CLI_ACTOR } from '../../api/accounts/account-actor.ts';
import { submissions } from '../../db/schema/index.ts';
import { queryRows } from '../../db/query-rows.ts';
import { createDb } from '../../db/create-db.ts';
import { ingestSubmission, type SubmissionReport } from '../../pipeline/ingest-submission.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { ADMIN, IN_WINDOW, tableCounts } from '../pipeline/pipeline-fixtures.ts';
import { createTestDb, TEST_DATABASE_URL, type TestDb } from '../support/test-db.ts';
import { killServer, largeCsv, sleep, startServer, stopServer, waitFor, type ServerProcess } from '../../testkit/server-process.ts';

// Faults in the middle of a large load: afterwards no partial batch exists, the submission
// shows as failed with a reason, and the same file loads cleanly on retry.

const ROWS = Number(process.env.OTOP_FAULT_ROWS ?? 60_000);
const REPEAT = Number(process.env.OTOP_FAULT_REPEAT ?? 2);
const FAULT_TESTS = process.env.OTOP_FAULT_TESTS === '1';
const CLUSTER = (process.env.OTOP_PG_CLUSTER ?? '15/main').split('/') as [string, string];

async function registrationsOf(t: Pick<TestDb, 'db'>, nameLike: string): Promise<number> {
  const [r] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from producers where name like ${nameLike}`);
  return r!.n;
}

async function submissionRow(t: Pick<TestDb, 'db'>, id: string) {
  const [s] = await t.db.select().from(submissions).where(eq(submissions.id, id));
  return s!;
}

/** A fresh database with the reference data and the account `signIn` uses. */
async function databaseWithDistrictAccount(): Promise<TestDb> {
  const t = await createTestDb();
  await seedReference(t.db);
  await createAccount(t.db, { username: 'district3801', role: 'district', scope: '3801', password: 'district-3801-password' }, { actor: CLI_ACTOR, now: new Date(), activationTtlDays: 1 });
  return t;
}

async function signIn(base: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'district3801', password: 'district-3801-password' }),
  });
  expect(res.status).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: `otop_session=${/otop_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]}`, csrf: csrfToken };
}

function upload(base: string, auth: { cookie: string; csrf: string }, bytes: Buffer, name: string): Promise<Response> {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], name, { type: 'text/csv' }));
  form.set('round', '2561-Q1');
  form.set('district', '3801');
  return fetch(`${base}/api/submissions`, { method: 'POST', headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf }, body: form });
}

/** Starts an upload and returns once its load is running: its answer's status (or a lost connection) to come, and its submission. */
async function uploadUntilLoading(t: Pick<TestDb, 'db'>, base: string, auth: { cookie: string; csrf: string }, bytes: Buffer, name: string) {
  const sent = upload(base, auth, bytes, name).then(
    (r) => r.status,
    () => 'connection lost' as const,
  );
  let submissionId = '';
  await waitFor('the load to start', async () => {
    const rows = await t.db.select({ id: submissions.id }).from(submissions).where(and(eq(submissions.fileName, name), eq(submissions.status, 'processing')));
    submissionId = rows[0]?.id ?? '';
    return submissionId !== '';
  });
  return { sent, submissionId };
}

describe.skipIf(!TEST_DATABASE_URL)(
  'fault: the API process is SIGKILLed in the middle of a large upload (PostgreSQL pass only: needs a separate server process on a real PostgreSQL; PGlite is one process’s embedded database)',
  () => {
    let t: TestDb;
    let server: ServerProcess | undefined;
    beforeAll(async () => {
      t = await databaseWithDistrictAccount();
    }, 60_000);
    afterAll(async () => {
      await stopServer(server?.child);
      await t?.close();
    });

    for (let attempt = 1; attempt <= REPEAT; attempt++) {
      it(`attempt ${attempt}: killed mid-load → nothing of the file stored, the submission failed with a reason after restart, the retry loads all ${ROWS} rows`, async () => {
        const series = 500 + attempt;
        const bytes = largeCsv(ROWS, series);
        const name = `producers-${series}.csv`;
        server = await startServer(t.url!);
        const auth = await signIn(server.base);
        // Mid-load: the record is 'processing' and its transaction is writing.
        const { sent, submissionId } = await uploadUntilLoading(t, server.base, auth, bytes, name);
        await sleep(400);
        await killServer(server.child);
        expect(await sent).toBe('connection lost');

        // No partial batch: not one producer of the file.
        expect(await registrationsOf(t, `ผู้ผลิตทดสอบ ${series}-%`)).toBe(0);
        // The database let go of the killed process's transaction; a new process start marks the record failed.
        await sleep(2500);
        server = await startServer(t.url!);
        const failed = await submissionRow(t, submissionId);
        expect(failed).toMatchObject({ status: 'failed' });
        expect(failed.failureReason).toMatch(/^abandoned/);
        const again = await signIn(server.base);
        const shown = await fetch(`${server.base}/api/submissions/${submissionId}`, { headers: { cookie: again.cookie } });
        expect(shown.status).toBe(200);
        expect(await shown.json()).toMatchObject({ status: 'failed', failure: { en: expect.stringContaining('rolled back') } });

        // The same file, once more: loads cleanly, every row.
        const retry = await upload(server.base, again, bytes, name);
        expect(retry.status).toBe(201);
        const report = (await retry.json()) as SubmissionReport;
        expect(report).toMatchObject({ status: 'loaded', rowsRead: ROWS, rejected: 0, accepted: { total: ROWS, created: ROWS } });
        expect(await registrationsOf(t, `ผู้ผลิตทดสอบ ${series}-%`)).toBe(ROWS);
        await stopServer(server.child);
      }, 180_000);
    }
  },
);

describe.skipIf(!TEST_DATABASE_URL)(
  'stopping: SIGTERM in the middle of an upload (PostgreSQL pass only: needs a separate server process on a real PostgreSQL)',
  () => {
    let t: TestDb;
    let server: ServerProcess | undefined;
    beforeAll(async () => {
      t = await databaseWithDistrictAccount();
    }, 60_000);
    afterAll(async () => {
      await stopServer(server?.child);
      await t?.close();
    });

    it('finishes the load and answers it, refuses new connections meanwhile, then exits 0', async () => {
      const rows = 20_000; // loads in a few seconds, well inside the server's 10 s grace
      const series = 601;
      const name = `producers-${series}.csv`;
      server = await startServer(t.url!);
      const child = server.child;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const auth = await signIn(server.base);
      const sent = upload(server.base, auth, largeCsv(rows, series), name);
      await waitFor('the load to start', async () => {
        const r = await t.db.select({ id: submissions.id }).from(submissions).where(and(eq(submissions.fileName, name), eq(submissions.status, 'processing')));
        return r.length > 0;
      });
      child.kill('SIGTERM');
      // The signal came in the middle of the load, not after it.
      const during = await t.db.select({ status: submissions.status }).from(submissions).where(eq(submissions.fileName, name));
      expect(during).toEqual([{ status: 'processing' }]);
      await sleep(300);
      // Closing: no new connections, while the upload in flight goes on.
      await expect(fetch(`${server.base}/api/health`)).rejects.toThrow();
      const res = await sent;
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ status: 'loaded', rowsRead: rows, rejected: 0, accepted: { total: rows, created: rows } });
      expect(await exited).toBe(0); // 1 had the 10 s grace run out and cut the upload off
      expect(server.output()).toMatch(/SIGTERM: closing/);
      expect(server.output()).not.toMatch(/cut off/);
      expect(await registrationsOf(t, `ผู้ผลิตทดสอบ ${series}-%`)).toBe(rows);
    }, 120_000);

    it('cuts off a load still running when the grace runs out: nothing of it stored, exit 1, the file loads again after', async () => {
      const rows = 20_000;
      const series = 602;
      const name = `producers-${series}.csv`;
      const bytes = largeCsv(rows, series);
      server = await startServer(t.url!, { STOP_GRACE_SECONDS: '0.3' });
      const child = server.child;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const auth = await signIn(server.base);
      const { sent, submissionId } = await uploadUntilLoading(t, server.base, auth, bytes, name);
      child.kill('SIGTERM');
      expect(await sent).toBe('connection lost');
      expect(await exited).toBe(1);
      expect(server.output()).toMatch(/SIGTERM: requests still running after 0.3 s are cut off/);
      // Rolled back whole: not one producer of the file.
      expect(await registrationsOf(t, `ผู้ผลิตทดสอบ ${series}-%`)).toBe(0);
      await sleep(2500);
      server = await startServer(t.url!);
      expect(await submissionRow(t, submissionId)).toMatchObject({ status: 'failed' });
      const retry = await upload(server.base, await signIn(server.base), bytes, name);
      expect(retry.status).toBe(201);
      expect(await retry.json()).toMatchObject({ status: 'loaded', accepted: { total: rows, created: rows } });
    }, 120_000);
  },
);

function cluster(action: 'stop' | 'start'): void {
  const [version, name] = CLUSTER;
  const args = action === 'stop' ? ['--skip-systemctl-redirect', version, name, 'stop', '-m', 'immediate'] : ['--skip-systemctl-redirect', version, name, 'start'];
  execFileSync('pg_ctlcluster', args, { stdio: 'inherit' });
}

async function waitForPostgres(): Promise<void> {
  await waitFor(
    'PostgreSQL to accept connections',
    async () => {
      try {
        execFileSync('pg_isready', ['-q', '-h', '127.0.0.1', '-p', '5432']);
        return true;
      } catch {
        return false;
      }
    },
    60_000,
    250,
  );
}

describe.skipIf(!FAULT_TESTS || !TEST_DATABASE_URL)(
  `fault: PostgreSQL stopped (immediate) in the middle of a large load${FAULT_TESTS ? '' : ' — not enabled: it stops the shared PostgreSQL cluster other test files use; run bench/faults/run-faults.sh (OTOP_FAULT_TESTS=1)'}`,
  () => {
    let t: TestDb;
    // Known driver defect (postgres@3.4.9/3.4.10, porsager/postgres#1154 and #1208, fix
    // unreleased): a write the driver deferred with setImmediate runs after the socket closed
    // and throws "Cannot read properties of null (reading 'write')" outside any promise. The
    // write was the transaction's ROLLBACK on the lost connection, which createDb's wrapper
    // (db/guard-lost-connections.ts) now prevents; any that still occur are counted and
    // reported here so the rest of this test can judge the pipeline; see docs/security.md.
    let driverCrashes = 0;
    const onUncaught = (err: Error) => {
      if (err instanceof TypeError && /reading 'write'/.test(err.message) && /postgres[\\/]src[\\/]connection\.js/.test(err.stack ?? '')) {
        driverCrashes++;
        return;
      }
      throw err;
    };
    beforeAll(async () => {
      process.on('uncaughtException', onUncaught);
      t = await createTestDb();
      await seedReference(t.db);
    }, 60_000);
    afterAll(async () => {
      process.off('uncaughtException', onUncaught);
      if (driverCrashes > 0) console.warn(`postgres.js nextWrite-on-closed-socket exceptions during PostgreSQL stops: ${driverCrashes} (driver defect, would end an API process)`);
      // The old pool may be wedged by that defect: do not wait on it for ever.
      await Promise.race([t?.close(), sleep(15_000)]);
    }, 30_000);

    for (let attempt = 1; attempt <= REPEAT; attempt++) {
      it(`attempt ${attempt}: the load fails, nothing of the file is stored, the record ends failed with a reason, the retry loads every row`, async () => {
        const series = 600 + attempt;
        const bytes = new Uint8Array(largeCsv(ROWS, series));
        const name = `pg-stop-${series}.csv`;
        // This attempt's own pool, as a process of its own would have; left behind after the stop.
        const live = await createDb({ databaseUrl: t.url!, maxConnections: 5 });
        const before = await tableCounts(live.db);
        const first = ingestSubmission(live.db, {
          source: { kind: 'bytes', bytes }, fileName: name, districtCode: '3801', roundCode: '2561-Q1', dryRun: false, user: ADMIN, now: IN_WINDOW,
        }).then(
          (r) => r,
          (err: unknown) => err as Error,
        );
        let submissionId = '';
        await waitFor('the load to start', async () => {
          const rows = await live.db.select({ id: submissions.id }).from(submissions).where(and(eq(submissions.fileName, name), eq(submissions.status, 'processing')));
          submissionId = rows[0]?.id ?? '';
          return submissionId !== '';
        });
        await sleep(400);
        try {
          cluster('stop');
          const outcome = await first;
          // Either the error reaches the caller (the database was gone, so the failure could not
          // be recorded), or the report says failed: never a success.
          if (!(outcome instanceof Error)) expect(outcome.status).toBe('failed');
        } finally {
          cluster('start');
          await waitForPostgres();
          void Promise.race([live.close(), sleep(10_000)]).catch(() => undefined);
        }
        // A restarted process: new connections (the old pool may hold a connection the driver
        // defect above left unable to write, which is why the API process must restart).
        const fresh = await createDb({ databaseUrl: t.url!, maxConnections: 5 });
        try {
          await waitFor('PostgreSQL to answer queries', async () => {
            try {
              await tableCounts(fresh.db);
              return true;
            } catch {
              return false;
            }
          });
          const view = { ...t, db: fresh.db };
          expect(await registrationsOf(view, `ผู้ผลิตทดสอบ ${series}-%`)).toBe(0);
          const after = await tableCounts(fresh.db);
          expect({ ...after, submissions: 0 }).toEqual({ ...before, submissions: 0 });

          await sleep(2500);
          const retry = await ingestSubmission(fresh.db, {
            source: { kind: 'bytes', bytes }, fileName: name, districtCode: '3801', roundCode: '2561-Q1', dryRun: false, user: ADMIN, now: IN_WINDOW,
          });
          expect(retry).toMatchObject({ status: 'loaded', rowsRead: ROWS, rejected: 0, accepted: { total: ROWS, created: ROWS } });
          const failed = await submissionRow(view, submissionId);
          expect(failed.status).toBe('failed');
          expect(failed.failureReason).toBeTruthy();
          expect(await registrationsOf(view, `ผู้ผลิตทดสอบ ${series}-%`)).toBe(ROWS);
        } finally {
          await fresh.close();
        }
      }, 180_000);
    }
  },
);
