import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import { verifyPassword } from '../../api/auth/password.ts';
import { prepareDatabase } from '../../api/prepare-database.ts';
import { DEMO_ACCOUNTS } from '../../pipeline/seed/seed-demo.ts';
import { validateThaiId } from '../../domain/thai-id.ts';

async function counts(t: TestDb) {
  const [row] = await queryRows<Record<string, number>>(
    t.db,
    sql`select
      (select count(*)::int from provinces) as provinces,
      (select count(*)::int from districts) as districts,
      (select count(*)::int from subdistricts) as subdistricts,
      (select count(*)::int from fiscal_rounds) as rounds,
      (select count(*)::int from plan_windows) as windows,
      (select count(*)::int from users) as users,
      (select count(*)::int from producers) as producers,
      (select count(*)::int from registrations) as registrations,
      (select count(*)::int from products) as products,
      (select count(*)::int from audit_log) as audit`,
  );
  return row!;
}

describe(`seed data (${TEST_ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb({ migrate: false });
  });
  afterAll(async () => t.close());

  it('loads Bueng Kan, the plan as meant, demo accounts and a living demo province on first start', async () => {
    const first = await prepareDatabase(t.db, { demo: true });
    expect(first.demo?.loaded).toBe(true);
    const c = await counts(t);
    expect(c).toMatchObject({ provinces: 1, districts: 8, subdistricts: 53, rounds: 5, windows: 15, users: 5 });
    expect(c.producers!).toBeGreaterThan(200);
    expect(c.producers!).toBeLessThan(800);
    expect(c.products).toBeGreaterThan(c.registrations!);

    const spread = await queryRows<{ districts: number; types: number; categories: number; rounds: number }>(
      t.db,
      sql`select
        (select count(distinct district_code)::int from registrations where fiscal_year = 2561) as districts,
        (select count(distinct producer_type)::int from producers) as types,
        (select count(distinct category)::int from products) as categories,
        (select count(distinct round_code)::int from registrations where fiscal_year = 2561) as rounds`,
    );
    expect(spread[0]).toEqual({ districts: 8, types: 3, categories: 5, rounds: 4 });

    const ids = await queryRows<{ thai_id: string }>(t.db, sql`select thai_id from producers`);
    expect(ids.every((r) => validateThaiId(r.thai_id).ok)).toBe(true);

    const states = await queryRows<{ state: string }>(t.db, sql`select distinct state from district_rounds order by state`);
    expect(states.map((s) => s.state)).toEqual(['certified', 'returned', 'submitted']);
  });

  it('adds nothing on a second start', async () => {
    const before = await counts(t);
    const second = await prepareDatabase(t.db, { demo: true });
    expect(second.demo?.loaded).toBe(false);
    expect(second.reference).toEqual({ provinces: 0, districts: 0, subdistricts: 0, planWindows: 15, boundaries: 0 });
    expect(await counts(t)).toEqual(before);
  });

  it('stores demo passwords hashed, never in clear', async () => {
    const rows = await queryRows<{ username: string; password_hash: string }>(
      t.db,
      sql`select username, password_hash from users where username = 'district3801'`,
    );
    expect(rows[0]?.password_hash).toMatch(/^scrypt\$/);
    expect(rows[0]?.password_hash).not.toContain('demo');
    expect(await verifyPassword(DEMO_ACCOUNTS[0]!.password, rows[0]!.password_hash)).toBe(true);
    expect(await verifyPassword('wrong', rows[0]!.password_hash)).toBe(false);
  });

  it('loads only reference data when demo mode is off', async () => {
    const fresh = await createTestDb({ migrate: false });
    try {
      const result = await prepareDatabase(fresh.db, { demo: false });
      expect(result.demo).toBeNull();
      expect(await counts(fresh)).toMatchObject({ districts: 8, subdistricts: 53, windows: 15, users: 0, producers: 0 });
    } finally {
      await fresh.close();
    }
  });
});
