import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { lockDataDir } from './data-dir-lock.ts';
import { guardLostConnections } from './guard-lost-connections.ts';
import { noDelaySocket } from './no-delay-socket.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Engine = 'pglite' | 'postgres';

/**
 * The one database handle every query, command and pipeline step takes as its first argument.
 * Both engines give the same Drizzle API; `$client` is the raw driver for the few places that
 * need engine-specific bulk paths (COPY).
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema> & { $client: PGlite | postgres.Sql };

export interface DbHandle {
  db: Db;
  engine: Engine;
  /**
   * Closes the connections: queries running finish first, for up to `timeoutSeconds` (5) on
   * PostgreSQL, after which they are cut and their transactions roll back. The embedded engine
   * always lets its running transaction finish (PGlite's close waits for it).
   */
  close(options?: { timeoutSeconds?: number }): Promise<void>;
}

export interface CreateDbOptions {
  /** postgres:// URL; when absent the embedded PGlite engine is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; 'memory://' for a throw-away database. */
  dataDir?: string | undefined;
  /** postgres.js pool size. */
  maxConnections?: number | undefined;
}

/**
 * How long the first query may take. postgres.js reconnects for ever, silently, when something
 * at the address accepts the connection and closes it before PostgreSQL's handshake (a wrong
 * port, an HTTP service, a proxy or pooler with no backend): start-up and every command would
 * hang with no word.
 */
const HANDSHAKE_DEADLINE_SECONDS = 15;

/** Code of the error thrown when nothing at DATABASE_URL answered as PostgreSQL in time. */
export const NO_POSTGRES_ANSWER = 'NO_POSTGRES_ANSWER';

async function answersWithin(client: postgres.Sql, seconds: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const probe = client`select 1`.then(() => 'answered' as const);
  const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), seconds * 1000)));
  try {
    if ((await Promise.race([probe, deadline])) === 'answered') return;
  } catch (err) {
    await client.end({ timeout: 0 });
    throw err;
  } finally {
    clearTimeout(timer);
  }
  probe.catch(() => {}); // ended below: its rejection is expected
  await client.end({ timeout: 0 });
  throw Object.assign(
    new Error(`no PostgreSQL answered within ${seconds} s (the connection was closed or left silent before the handshake)`),
    { code: NO_POSTGRES_ANSWER },
  );
}

export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  if (options.databaseUrl) {
    const client = guardLostConnections(
      postgres(options.databaseUrl, {
        max: options.maxConnections ?? 10,
        onnotice: () => {},
        // Documented (README, "Custom socket") but missing from postgres.js's types.
        ...({ socket: noDelaySocket() } as object),
      }),
    );
    await answersWithin(client, HANDSHAKE_DEADLINE_SECONDS);
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
    return { db, engine: 'postgres', close: (o) => client.end({ timeout: o?.timeoutSeconds ?? 5 }) };
  }
  const dataDir = options.dataDir ?? './data/pglite';
  const inMemory = dataDir.startsWith('memory://');
  // One process per data folder (DataDirLockedError otherwise), taken before anything is read or written.
  const lock = inMemory ? null : lockDataDir(dataDir);
  try {
    if (!inMemory) mkdirSync(dataDir, { recursive: true });
    // Loaded only when used: on PostgreSQL the embedded engine's module would cost ~35 MB.
    const [{ PGlite: Embedded }, { drizzle: drizzlePglite }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('drizzle-orm/pglite'),
    ]);
    const client = await Embedded.create(dataDir);
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      engine: 'pglite',
      close: async () => {
        try {
          await client.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

export function engineOf(db: Db): Engine {
  // A postgres.js client is a tagged-template function; a PGlite client is an object.
  return typeof db.$client === 'function' ? 'postgres' : 'pglite';
}
