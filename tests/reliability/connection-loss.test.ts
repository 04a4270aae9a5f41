import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../api/accounts/account-actor.ts';
import { createAccount } from '../../api/accounts/create-account.ts';
import { queryRows } from '../../db/query-rows.ts';
import { submissions } from '../../db/schema/index.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { createTestDb, TEST_DATABASE_URL, type TestDb } from '../support/test-db.ts';
import { largeCsv, sleep, startServer, stopServer, waitFor, type ServerProcess } from '../../testkit/server-process.ts';

// One database connection of the API process is terminated (pg_terminate_backend: what a
// failover, a DBA or an idle-session killer does) in the middle of a request. That request
// fails; the process goes on serving the next ones. Before, postgres.js sent the transaction's
// ROLLBACK on the dead connection and its deferred write threw outside any promise, which
// ended the process (porsager/postgres#1154, #1208).

const ROWS = Number(process.env.OTOP_FAULT_ROWS ?? 40_000);
const APP = 'otop-connection-loss';

type Auth = { cookie: string; csrf: string };

async function signIn(base: string): Promise<Auth> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'district3801', password: 'district-3801-password' }),
  });
  expect(res.status).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: `otop_session=${/otop_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]}`, csrf: csrfToken };
}

function upload(base: string, auth: Auth, bytes: Buffer, name: string): Promise<Response> {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], name, { type: 'text/csv' }));
  form.set('round', '2561-Q1');
  form.set('district', '3801');
  return fetch(`${base}/api/submissions`, { method: 'POST', headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf }, body: form });
}

describe.skipIf(!TEST_DATABASE_URL)(
  'a database connection of the API process is terminated mid-request (PostgreSQL pass only: needs a server process on a real PostgreSQL whose backends can be terminated; PGlite has no connections)',
  () => {
    let t: TestDb;
    let admin: postgres.Sql;
    let server: ServerProcess | undefined;
    let auth: Auth;

    /** Terminates the API process's backends matching `where` once one shows up; returns how many. */
    async function terminateWhen(what: string, where: string): Promise<number> {
      const database = new URL(t.url!).pathname.slice(1);
      let killed = 0;
      await waitFor(
        what,
        async () => {
          const rows = await admin.unsafe<{ ok: boolean }[]>(
            `select pg_terminate_backend(pid) as ok from pg_stat_activity
             where datname = $1 and application_name = $2 and pid <> pg_backend_pid() and (${where})`,
            [database, APP],
          );
          killed = rows.filter((r) => r.ok).length;
          return killed > 0;
        },
        30_000,
        20,
      );
      return killed;
    }

    async function stillServing(): Promise<void> {
      expect(server!.child.exitCode).toBeNull();
      const health = await fetch(`${server!.base}/api/health`);
      expect(health.status).toBe(200);
      expect(server!.output()).not.toMatch(/reading 'write'|uncaught/i);
    }

    beforeAll(async () => {
      t = await createTestDb();
      await seedReference(t.db);
      await createAccount(t.db, { username: 'district3801', role: 'district', scope: '3801', password: 'district-3801-password' }, { actor: CLI_ACTOR, now: new Date(), activationTtlDays: 1 });
      admin = postgres(TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    }, 120_000);

    afterAll(async () => {
      await stopServer(server?.child);
      await admin?.end();
      await t?.close();
    });

    /** A server answering (a test before may have ended it: each test judges only its own fault). */
    async function serving(): Promise<ServerProcess> {
      if (server && server.child.exitCode === null && server.child.signalCode === null) return server;
      server = await startServer(t.url!, { PGAPPNAME: APP });
      auth = await signIn(server.base);
      return server;
    }

    it('export: its COPY TO connection is terminated while the file streams → the download is cut short, the process serves on, and the next export is whole', async () => {
      await serving();
      const loaded = await upload(server!.base, auth, largeCsv(ROWS, 703), 'producers-703.csv');
      expect(loaded.status).toBe(201);
      const [products] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from products`);
      // A download nobody reads: the COPY waits on back-pressure, mid-stream.
      const res = await fetch(`${server!.base}/api/exports/products.csv`, { headers: { cookie: auth.cookie } });
      expect(res.status).toBe(200);
      expect(await terminateWhen('the export’s COPY', `query ilike 'copy (%to stdout%'`)).toBe(1);
      const body = await res.arrayBuffer().then(
        (b) => b.byteLength,
        () => 'cut short' as const,
      );
      expect(body).toBe('cut short');
      await stillServing();

      const whole = await fetch(`${server!.base}/api/exports/products.csv`, { headers: { cookie: auth.cookie } });
      expect(whole.status).toBe(200);
      const lines = (await whole.text()).split('\n').filter((l) => l !== '');
      expect(lines.length).toBe(products!.n + 1); // a header and one line per product
    }, 120_000);

    for (const phase of [
      { name: 'in the COPY of its rows', series: 701, where: `query ilike 'copy %from stdin%'` },
      { name: 'while it inserts the new producers', series: 702, where: `query ~* 'insert into producers'` },
    ]) {
      it(`upload: its load's connection is terminated ${phase.name} → the submission is failed with a reason, the process serves on, and the same file then loads all ${ROWS} rows`, async () => {
        await serving();
        const series = phase.series;
        const bytes = largeCsv(ROWS, series);
        const name = `producers-${series}.csv`;
        const sent = upload(server!.base, auth, bytes, name).then(
          async (r) => ({ status: r.status, body: (await r.json()) as unknown }),
          () => 'connection lost' as const,
        );
        expect(await terminateWhen(`the load ${phase.name}`, phase.where)).toBe(1);
        // The request fails as a failed load is answered (503 problem+json naming the submission
        // and carrying its report), never as a lost connection to the client.
        expect(await sent).toMatchObject({
          status: 503,
          body: {
            type: expect.stringMatching(/database-unavailable$/),
            submissionId: expect.any(String),
            report: { status: 'failed', failure: { en: expect.stringContaining('rolled back'), th: expect.any(String) } },
          },
        });
        await stillServing();

        const [row] = await t.db.select().from(submissions).where(eq(submissions.fileName, name));
        expect(row).toMatchObject({ status: 'failed' });
        expect(row!.failureReason).toMatch(/CONNECTION_CLOSED|terminating connection/);
        const [stored] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from producers where name like ${`ผู้ผลิตทดสอบ ${series}-%`}`);
        expect(stored!.n).toBe(0);

        const retry = await upload(server!.base, auth, bytes, name);
        expect(retry.status).toBe(201);
        expect(await retry.json()).toMatchObject({ status: 'loaded', rowsRead: ROWS, rejected: 0, accepted: { total: ROWS, created: ROWS } });
      }, 180_000);
    }

    for (const route of [
      { name: 'a read (GET /api/submissions)', table: 'submissions', send: () => fetch(`${server!.base}/api/submissions`, { headers: { cookie: auth.cookie } }) },
      {
        name: 'a workflow transaction (POST …/districts/3801/submit)',
        table: 'district_rounds',
        send: () =>
          fetch(`${server!.base}/api/rounds/2561-Q1/districts/3801/submit`, {
            method: 'POST',
            headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json' },
            body: '{}',
          }),
      },
    ]) {
      it(`${route.name}: its connection is terminated while the query waits → 503 problem+json, and the process serves on`, async () => {
        await serving();
        // Another session holds the table, so the route's query waits where it can be found.
        const holder = postgres(t.url!, { max: 1, onnotice: () => {} });
        let release!: () => void;
        const released = new Promise<void>((r) => (release = r));
        const holding = holder.begin(async (tx) => {
          await tx.unsafe(`lock table ${route.table} in access exclusive mode`);
          await released;
        });
        try {
          await sleep(100);
          const answer = route.send();
          expect(await terminateWhen('the route’s query to wait', `wait_event_type = 'Lock'`)).toBe(1);
          const res = await answer;
          expect(res.status).toBe(503);
          expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(await res.json()).toMatchObject({ status: 503, type: expect.stringMatching(/database-unavailable$/), titleTh: expect.any(String) });
        } finally {
          release();
          await holding;
          await holder.end();
        }
        await stillServing();
        const again = await route.send();
        expect(again.status).toBeLessThan(500);
      }, 60_000);
    }
  },
);
