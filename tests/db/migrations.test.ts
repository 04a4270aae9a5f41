import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { migrate } from '../../db/migrate.ts';
import { queryRows } from '../../db/query-rows.ts';
import { auditLog } from '../../db/schema/index.ts';
import journal from '../../migrations/meta/_journal.json' with { type: 'json' };

describe(`migrations on an empty database (${TEST_ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb({ migrate: false });
  });
  afterAll(async () => t.close());

  it('creates every table, and a second run changes nothing', async () => {
    await migrate(t.db);
    const tables = await queryRows<{ table_name: string }>(
      t.db,
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    );
    expect(tables.map((r) => r.table_name).sort()).toEqual([
      'api_tokens', 'area_boundaries', 'audit_log', 'district_rounds', 'district_targets', 'districts', 'fiscal_rounds', 'header_mappings', 'issued_documents', 'login_throttle',
      'office_profiles', 'plan_windows', 'producers', 'product_counts', 'products', 'progress_versions', 'province_rounds', 'provinces',
      'registered_years', 'registration_counts', 'registrations', 'rejected_rows', 'sessions', 'subdistricts', 'submission_issues', 'submissions', 'users',
    ]);
    await migrate(t.db);
    const applied = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(applied[0]?.n).toBe(journal.entries.length);
  });

  it('refuses UPDATE and DELETE on the audit trail', async () => {
    await t.db.insert(auditLog).values({ username: 'tester', action: 'submit', fromState: 'open', toState: 'submitted' });
    const refusal = (err: unknown) => /append-only/.test(String((err as { cause?: Error }).cause?.message ?? err));
    await expect(t.db.execute(sql`update audit_log set reason = 'rewritten'`)).rejects.toSatisfy(refusal);
    await expect(t.db.execute(sql`delete from audit_log`)).rejects.toSatisfy(refusal);
    const rows = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_log where reason is null`);
    expect(rows[0]?.n).toBe(1);
  });
});
