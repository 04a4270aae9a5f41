import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { engineOf, type Db, type Schema } from './create-db.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * Applies the committed drizzle-kit migrations; a no-op when the database is current. Tests of
 * an upgrade pass a folder holding the migrations up to an earlier one.
 */
export async function migrate(db: Db, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  const config = { migrationsFolder };
  if (engineOf(db) === 'pglite') {
    await migratePglite(db as unknown as PgliteDatabase<Schema>, config);
  } else {
    await migratePostgres(db as unknown as PostgresJsDatabase<Schema>, config);
  }
}
