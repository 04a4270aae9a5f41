import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionFailure } from '../../db/connection-failure.ts';
import { createDb, type DbHandle } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import { createTestDb, TEST_DATABASE_URL, type TestDb } from '../support/test-db.ts';

// A transaction whose connection is terminated fails with the connection's error, and nothing
// is thrown outside it: with postgres.js 3.4.x used directly, its ROLLBACK went to the dead
// connection and an uncaught TypeError (reading 'write') ended the process — here vitest would
// report it as an unhandled error and fail the run.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The pool answers again. postgres.js 3.4.x keeps the FATAL error of a query whose backend was
 * terminated under it and rejects the first query that reconnects that connection with it (a
 * second, harmless driver defect: one more failed request, a 503 in the API); the next is answered.
 */
async function poolAnswers(db: DbHandle['db']): Promise<void> {
  const select = () => queryRows<{ one: number }>(db, sql`select 1 as one`);
  const first = await select().catch((err: unknown) => err);
  if (!Array.isArray(first)) expect(connectionFailure(first)?.code).toBe('57P01');
  expect(await select()).toEqual([{ one: 1 }]);
}

describe.skipIf(!TEST_DATABASE_URL)(
  'a transaction whose connection is terminated (PostgreSQL pass only: PGlite has no connections to terminate)',
  () => {
    let t: TestDb;
    let handle: DbHandle;
    let admin: postgres.Sql;
    beforeAll(async () => {
      t = await createTestDb({ migrate: false });
      handle = await createDb({ databaseUrl: t.url!, maxConnections: 2 });
      admin = postgres(TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    });
    afterAll(async () => {
      await handle?.close({ timeoutSeconds: 1 });
      await admin?.end();
      await t?.close();
    });

    const terminate = (pid: number) => admin`select pg_terminate_backend(${pid})`.then(() => undefined);
    const backendPid = async (tx: Parameters<Parameters<DbHandle['db']['transaction']>[0]>[0]) =>
      (await queryRows<{ pid: number }>(tx as unknown as DbHandle['db'], sql`select pg_backend_pid() as pid`))[0]!.pid;

    it('in the middle of a query: the transaction rejects with a connection failure, and the pool serves the next query', async () => {
      const outcome = await handle.db
        .transaction(async (tx) => {
          const pid = await backendPid(tx);
          setTimeout(() => void terminate(pid), 200);
          await tx.execute(sql`select pg_sleep(5)`);
        })
        .then(
          () => 'committed',
          (err: unknown) => err,
        );
      expect(connectionFailure(outcome)?.code).toBe('CONNECTION_CLOSED');
      await sleep(100); // a thrown deferred write would surface here
      await poolAnswers(handle.db);
    });

    it('between two queries: the next query is refused with the connection failure instead of being written to the dead connection', async () => {
      let refused: unknown = null;
      let tried!: () => void;
      const attempted = new Promise<void>((r) => (tried = r));
      const outcome = await handle.db
        .transaction(async (tx) => {
          await terminate(await backendPid(tx));
          await sleep(300); // the close arrives while the transaction runs no query
          try {
            await tx.execute(sql`select 1`);
          } catch (err) {
            refused = err;
            throw err;
          } finally {
            tried();
          }
        })
        .then(
          () => 'committed',
          (err: unknown) => err,
        );
      // The caller learns at once, before the transaction's code has even tried its next query.
      expect(connectionFailure(outcome)?.code).toBe('CONNECTION_CLOSED');
      await attempted;
      expect(connectionFailure(refused)?.code).toBe('CONNECTION_CLOSED');
      await sleep(100);
      await poolAnswers(handle.db);
    });
  },
);
