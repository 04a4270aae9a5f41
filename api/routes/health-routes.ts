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

/**
 * Liveness for a load balancer: a round trip to the primary and, when READ_DATABASE_URL sends
 * progress, reports and exports to a replica, to the replica too — a dead replica answers 503
 * here rather than only on those routes.
 */
export function healthRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/health', async (c) => {
    const { db, readDb, engine } = c.get('deps');
    const primary = await roundTrip(db);
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
      readReplicaLatencyMs: replica?.latencyMs ?? null,
      time: new Date().toISOString(),
    });
  });
  return app;
}
