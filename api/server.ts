import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { connectionFailure, connectionFailureLines } from '../db/connection-failure.ts';
import { createDb } from '../db/create-db.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createApp } from './create-app.ts';
import { createLiveEvents } from './events/live-events.ts';
import { closeExportFileCaches } from './exports/export-file-cache.ts';
import { prepareDatabase } from './prepare-database.ts';
import { firstAdminHint } from './first-admin-hint.ts';

/** `npm start`: configuration once, database ready, then serve. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const { db, engine, close } = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const prepared = await prepareDatabase(db, { demo: config.demo });
  // The replica is never migrated or seeded: it follows the primary (loadConfig refuses
  // READ_DATABASE_URL without DATABASE_URL). Without it, reads share the primary's pool.
  // A wrong replica URL should stop the start, not 500 the first report.
  const replicaFailed = (err: unknown): never => {
    // Drizzle wraps the driver's error ("Failed query: …"); the reason is its cause.
    const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause : err).message : String(err);
    throw new Error(`READ_DATABASE_URL: ${reason}`);
  };
  const replica = config.readDatabaseUrl ? await createDb({ databaseUrl: config.readDatabaseUrl }).catch(replicaFailed) : undefined;
  if (replica) await replica.db.execute(sql`select 1`).catch(replicaFailed);
  const events = createLiveEvents({ db });
  const app = createApp({ db, engine, config, events, ...(replica ? { readDb: replica.db } : {}) });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });

  const where =
    engine === 'pglite'
      ? `embedded PGlite at ${config.dataDir}`
      : `PostgreSQL (DATABASE_URL${replica ? '; progress, reports and exports from READ_DATABASE_URL' : ''})`;
  console.log(`OTOP registration monitor — http://${config.host}:${config.port}/  (database: ${where})`);
  if (prepared.demo?.loaded) {
    console.log(
      `Demo data loaded: ${prepared.demo.producers} producers, ${prepared.demo.registrations} registrations, ` +
        `${prepared.demo.products} products. Demo accounts (DEMO=0 turns demo mode off):`,
    );
    for (const a of prepared.demo.accounts) {
      console.log(`  ${a.role.padEnd(10)} ${a.username.padEnd(14)} password: ${a.password.padEnd(20)} scope: ${a.scope}`);
    }
  } else if (config.demo) {
    console.log('Demo accounts (unless changed): district3801 / demo-district-3801, province38 / demo-province-38, department / demo-department-password, analyst / demo-analyst-password, admin / demo-admin-password');
  }
  const adminHint = await firstAdminHint(db, config);
  if (adminHint) console.log(adminHint.join('\n'));

  // Graceful: stop accepting, let requests in flight finish (an upload's load commits or rolls
  // back), then close the database pools. After STOP_GRACE_SECONDS whatever is left is cut off:
  // its connections and the database's are closed at once, so a load still running rolls back
  // (on PostgreSQL), the log says so and the exit code is 1.
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: closing — requests in flight finish, then the database connections close`);
    // Event streams never finish by themselves: end them first (browsers reconnect to another
    // process behind the load balancer), so only real requests hold the shutdown.
    void events.close();
    // Once: cutting connections off also ends server.close, whose callback must not exit 0 then.
    let finishing = false;
    const finish = (code: number, timeoutSeconds?: number) => {
      if (finishing) return;
      finishing = true;
      // The Parquet exports' temporary files go too (a killed process's are swept by the next).
      void Promise.allSettled([close({ timeoutSeconds }), replica?.close({ timeoutSeconds }), closeExportFileCaches()])
        .finally(() => process.exit(code));
    };
    const force = setTimeout(() => {
      console.error(`${signal}: requests still running after ${config.stopGraceSeconds} s are cut off`);
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      finish(1, 0);
    }, config.stopGraceSeconds * 1000);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      finish(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  // What the operator must fix outside this program (exit 2, as a configuration error): the
  // data folder held by another process, or a database that cannot be reached or used. The
  // driver's cause is printed, not Drizzle's "Failed query: CREATE SCHEMA …" around it.
  const failure = connectionFailure(err);
  if (err instanceof DataDirLockedError || failure) {
    console.error(['Start-up failed / เริ่มระบบไม่สำเร็จ:', ...(failure ? connectionFailureLines(failure) : [(err as Error).message])].join('\n'));
    process.exit(2);
  }
  console.error('Start-up failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
