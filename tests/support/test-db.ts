import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, type DbHandle } from '../../db/create-db.ts';
import { migrate } from '../../db/migrate.ts';

/**
 * One suite, two engines. Without TEST_DATABASE_URL each caller gets its own in-memory PGlite;
 * with it (set by .ci/run), a freshly created PostgreSQL database that is dropped on close.
 * Either way no test shares tables with another file.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
export const TEST_ENGINE = TEST_DATABASE_URL ? 'postgres' : 'pglite';

export interface TestDb extends DbHandle {
  /** Connection URL of the fresh database (postgres engine only). */
  url: string | undefined;
}

export async function createTestDb(options: { migrate?: boolean } = {}): Promise<TestDb> {
  let handle: DbHandle;
  let url: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  if (TEST_DATABASE_URL) {
    const name = `otop_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const u = new URL(TEST_DATABASE_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    handle = await createDb({ databaseUrl: url, maxConnections: 5 });
    drop = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    handle = await createDb({ dataDir: 'memory://' });
  }
  if (options.migrate !== false) await migrate(handle.db);
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await drop?.();
    },
  };
}
