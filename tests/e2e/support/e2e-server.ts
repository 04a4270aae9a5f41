import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { loadConfig } from '../../../api/config.ts';
import { createApp } from '../../../api/create-app.ts';
import { prepareDatabase } from '../../../api/prepare-database.ts';
import { dashboardStatic } from '../../../api/routes/dashboard-static.ts';
import { ensureDashboardBuild } from '../../../dashboard/tools/ensure-build.ts';
import { createTestDb, type TestDb } from '../../support/test-db.ts';

export interface E2eServer {
  url: string;
  db: TestDb;
  /** Whether createApp itself serves the dashboard (dashboardStatic mounted by the API). */
  appServesDashboard: boolean;
  close(): Promise<void>;
}

/**
 * The real server, in-process: a fresh database with the demo data and accounts, createApp,
 * the built dashboard, on a random loopback port.
 */
export async function startE2eServer(): Promise<E2eServer> {
  await ensureDashboardBuild({ quiet: true });
  const db = await createTestDb({ migrate: false });
  await prepareDatabase(db.db, { demo: true });
  const app = createApp({ db: db.db, engine: db.engine, config: loadConfig({ LOG_LEVEL: 'silent' }) });

  // Until the API mounts dashboardStatic() itself, the test puts it behind the API's routes.
  const probe = await app.request('/signin', { headers: { accept: 'text/html' } });
  const appServesDashboard = probe.status === 200 && (probe.headers.get('content-type') ?? '').includes('text/html');
  const statics = dashboardStatic();
  const fetch = appServesDashboard
    ? app.fetch
    : async (req: Request) => (new URL(req.url).pathname.startsWith('/api') ? app.fetch(req) : statics.fetch(req));

  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    appServesDashboard,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
