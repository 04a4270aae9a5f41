import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import type { AppEnv } from '../app-env.ts';
import { problem } from '../http/problem.ts';

async function roundTrip(db: Db): Promise<{ version: string | null; latencyMs: number }> {
  const started = performance.now();
  const rows = await queryRows<{ version: string }>(db, sql`select current_setting('server_version') as version`);
  return { version: rows[0]?.version ?? null, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
}

// The embedded database (PGlite) has one connection: while an upload's load holds its
// transaction (the whole file is read, checked and staged inside it: seconds for a large or
// hostile file), every other query queues behind it. A health check that waited would tell a
// load balancer the process is dead exactly while it works. So on PGlite the round trip gets
// this long; past it the answer is 200 with databaseBusy (the process is serving, its database
// is occupied), and the round trip left running is shared by the next checks instead of
// queueing one more query per check.
const EMBEDDED_WAIT_MS = 250;
const inFlight = new WeakMap<Db, Promise<{ version: string | null; latencyMs: number }>>();

function sharedRoundTrip(db: Db): Promise<{ version: string | null; latencyMs: number }> {
  let running = inFlight.get(db);
  if (!running) {
    running = roundTrip(db).finally(() => inFlight.delete(db));
    inFlight.set(db, running);
  }
  return running;
}

async function embeddedRoundTrip(db: Db): Promise<{ version: string | null; latencyMs: number | null; busy: boolean }> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), EMBEDDED_WAIT_MS)));
  try {
    const done = await Promise.race([sharedRoundTrip(db), waited]);
    return done ? { ...done, busy: false } : { version: null, latencyMs: null, busy: true };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Liveness for a load balancer: a round trip to the primary and, when READ_DATABASE_URL sends
 * progress, reports and exports to a replica, to the replica too — a dead replica answers 503
 * here rather than only on those routes.
 */
export function healthRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/health', async (c) => {
    const { db, readDb, engine } = c.get('deps');
    const primary = engine === 'pglite' ? await embeddedRoundTrip(db) : { ...(await roundTrip(db)), busy: false };
    let replica: Awaited<ReturnType<typeof roundTrip>> | null = null;
    if (readDb !== db) {
      replica = await roundTrip(readDb).catch(() => {
        throw problem(503, 'read-database-unavailable', {
          en: 'The read replica (READ_DATABASE_URL) does not answer',
          th: 'ฐานข้อมูลสำเนาสำหรับอ่าน (READ_DATABASE_URL) ไม่ตอบสนอง',
        });
      });
    }
    return c.json({
      status: 'ok',
      database: engine,
      databaseVersion: primary.version,
      databaseLatencyMs: primary.latencyMs,
      databaseBusy: primary.busy,
      readReplicaLatencyMs: replica?.latencyMs ?? null,
      time: new Date().toISOString(),
    });
  });
  return app;
}
