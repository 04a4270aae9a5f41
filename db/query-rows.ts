import type { SQL } from 'drizzle-orm';
import type { Db } from './create-db.ts';

/**
 * Runs a parameterised SQL query and returns its rows on either engine (postgres.js answers
 * with an array, PGlite with `{ rows }`).
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
