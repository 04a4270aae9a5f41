import { Hono } from 'hono';
import type { Db, Engine } from '../db/create-db.ts';
import type { Config } from './config.ts';
import { ProblemError, problem, sendProblem } from './http/problem.ts';
import { healthRoutes } from './routes/health-routes.ts';

export interface AppDeps {
  db: Db;
  engine: Engine;
  config: Config;
  /** The clock, injectable so tests can stand at a window's boundary. */
  now?: () => Date;
}

export type AppEnv = { Variables: { deps: Required<AppDeps> } };

/** Builds the HTTP application; no port is opened here (tests call app.request()). */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const full: Required<AppDeps> = { now: () => new Date(), ...deps };
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', full);
    await next();
  });

  app.route('/api', healthRoutes());

  app.notFound((c) =>
    sendProblem(c, problem(404, 'not-found', { en: 'Not found', th: 'ไม่พบสิ่งที่ขอ' }, { instance: c.req.path }).problem),
  );
  app.onError((err, c) => {
    if (err instanceof ProblemError) return sendProblem(c, { instance: c.req.path, ...err.problem });
    // Internal errors are logged here and never echoed to the client.
    console.error(`[${new Date().toISOString()}] ${c.req.method} ${c.req.path}:`, err);
    return sendProblem(
      c,
      problem(500, 'internal', { en: 'Internal server error', th: 'ระบบขัดข้อง กรุณาลองใหม่อีกครั้ง' }, { instance: c.req.path })
        .problem,
    );
  });
  return app;
}
