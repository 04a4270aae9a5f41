import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSession } from '../../api/auth/session-store.ts';
import { verifyCredentials } from '../../api/auth/verify-credentials.ts';
import { progress } from '../../api/queries/progress.ts';
import { createDb, type DbHandle } from '../../db/create-db.ts';
import { migrate } from '../../db/migrate.ts';
import { queryRows } from '../../db/query-rows.ts';
import { hashPassword } from '../../api/auth/password.ts';
import { seedDemo } from '../../pipeline/seed/seed-demo.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { createTestDb, TEST_DATABASE_URL, type TestDb } from '../support/test-db.ts';

// docs/deploy.md §5, as written there: pg_dump --format=custom, pg_restore into an empty
// database, start against it. PostgreSQL pass only (pg_dump and pg_restore need a server;
// the embedded database is backed up by copying its directory).
describe.skipIf(!TEST_DATABASE_URL)('backup and restore with pg_dump / pg_restore (PostgreSQL pass only)', () => {
  let source: TestDb;
  let restored: DbHandle;
  const name = `otop_restored_${Date.now().toString(36)}`;
  const admin = TEST_DATABASE_URL ? postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} }) : null;
  const now = new Date('2017-12-20T03:00:00Z');

  beforeAll(async () => {
    source = await createTestDb();
    await seedReference(source.db);
    await seedDemo(source.db, { hashPassword });
    const dump = join(mkdtempSync(join(tmpdir(), 'otop-dump-')), 'otop.dump');
    const out = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--file=${dump}`, source.url!], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    await admin!.unsafe(`create database ${name}`);
    const u = new URL(TEST_DATABASE_URL!);
    u.pathname = `/${name}`;
    const back = spawnSync('pg_restore', ['--no-owner', `--dbname=${u.toString()}`, dump], { encoding: 'utf8' });
    expect(back.status, back.stderr).toBe(0);
    restored = await createDb({ databaseUrl: u.toString(), maxConnections: 2 });
  }, 120_000);

  afterAll(async () => {
    await restored?.close();
    await source?.close();
    await admin?.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end();
  });

  it('restores every row, and the application starts on it with nothing to migrate', async () => {
    const counts = async (db: DbHandle['db']) =>
      queryRows<{ t: string; n: number }>(
        db,
        sql`select 'producers' as t, count(*)::int as n from producers union all select 'registrations', count(*)::int from registrations
            union all select 'products', count(*)::int from products union all select 'audit_log', count(*)::int from audit_log
            union all select 'users', count(*)::int from users union all select 'migrations', count(*)::int from drizzle.__drizzle_migrations`,
      );
    const before = await counts(source.db);
    expect(before.find((r) => r.t === 'products')!.n).toBeGreaterThan(0);
    await migrate(restored.db);
    expect(await counts(restored.db)).toEqual(before);
  });

  it('shows the same progress, and the demo accounts still sign in', async () => {
    for (const filter of [{ fiscalYear: 2561, provinceCode: '38' }, { fiscalYear: 2561 }]) {
      expect(await progress(restored.db, filter, now)).toEqual(await progress(source.db, filter, now));
    }
    const check = await verifyCredentials(restored.db, 'province38', 'demo-province-38', now);
    expect(check.ok && check.user.username).toBe('province38');
    expect(await findSession(restored.db, 'no-such-token', now)).toBeNull();
  });

  it('keeps the audit log append-only after the restore (its trigger came along)', async () => {
    await expect(restored.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });
});
