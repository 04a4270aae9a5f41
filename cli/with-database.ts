import { createDb, type DbHandle } from '../db/create-db.ts';
import { migrate } from '../db/migrate.ts';
import type { Config } from '../api/config.ts';

/** Opens the configured database (migrated), runs `fn`, and always closes it. */
export async function withDatabase<T>(config: Config, fn: (handle: DbHandle) => Promise<T>): Promise<T> {
  const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, maxConnections: 4 });
  try {
    await migrate(handle.db);
    return await fn(handle);
  } finally {
    await handle.close();
  }
}
