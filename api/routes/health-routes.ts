import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query-rows.ts';
import type { AppEnv } from '../create-app.ts';

export function healthRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/health', async (c) => {
    const { db, engine } = c.get('deps');
    const started = performance.now();
    const rows = await queryRows<{ version: string }>(db, sql`select current_setting('server_version') as version`);
    return c.json({
      status: 'ok',
      database: engine,
      databaseVersion: rows[0]?.version ?? null,
      databaseLatencyMs: Math.round((performance.now() - started) * 10) / 10,
      time: new Date().toISOString(),
    });
  });
  return app;
}
