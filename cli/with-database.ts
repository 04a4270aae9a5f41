import { relative } from 'node:path';
import { createDb, type DbHandle } from '../db/create-db.ts';
import { migrate } from '../db/migrate.ts';
import type { Config } from '../api/config.ts';

/**
 * Which database a command opened, for its one stderr line: the embedded folder (relative to
 * the current folder when below it) or the PostgreSQL URL with its password masked.
 */
export function describeDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>, cwd = process.cwd()): string {
  if (!config.databaseUrl) {
    const rel = relative(cwd, config.dataDir);
    const shown = rel === '' ? '.' : rel.startsWith('..') || rel.startsWith('/') ? config.dataDir : `./${rel}`;
    return `embedded ${config.dataDir.startsWith('memory://') ? config.dataDir : shown}`;
  }
  try {
    const url = new URL(config.databaseUrl);
    if (url.password) url.password = '***';
    if (url.searchParams.has('password')) url.searchParams.set('password', '***');
    return decodeURIComponent(url.toString());
  } catch {
    return 'postgres (URL not shown: it could not be parsed)';
  }
}

/**
 * Opens the configured database (migrated), runs `fn`, and always closes it. Given a command's
 * stderr, says first which database it is — a wrong DATA_DIR or DATABASE_URL otherwise shows
 * only as "nothing there".
 */
export async function withDatabase<T>(target: Config | { config: Config; stderr: NodeJS.WritableStream }, fn: (handle: DbHandle) => Promise<T>): Promise<T> {
  const config = 'config' in target ? target.config : target;
  if ('stderr' in target) target.stderr.write(`database: ${describeDatabase(config)}\n`);
  const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, maxConnections: 4 });
  try {
    await migrate(handle.db);
    return await fn(handle);
  } finally {
    await handle.close();
  }
}
