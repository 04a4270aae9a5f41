import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import { DISTRIBUTION_COLUMN, TABLE_PLACEMENTS, type TablePlacement } from '../../db/citus/table-placement.ts';
import { citusSetupSql } from '../../db/citus/citus-setup-sql.ts';

// Citus is not installable here (it comes from Citus Data's own package repository), so the
// migrated schema is held to the rules Citus enforces on keys and foreign keys when a table is
// placed (its reference_ddl documentation). The triggers, which Citus cannot run, are not checked
// here: docs/deploy.md §4 says what must change for them.
describe(`the migrated schema allows the Citus placement of docs/deploy.md §4 (${TEST_ENGINE})`, () => {
  let t: TestDb;
  const placement = new Map<string, TablePlacement>(TABLE_PLACEMENTS.map((p) => [p.table, p.placement]));
  const order = new Map<string, number>(TABLE_PLACEMENTS.map((p, i) => [p.table, i]));
  let uniqueKeys: Array<{ table: string; index: string; columns: string[] }>;
  let foreignKeys: Array<{ name: string; table: string; columns: string[]; target: string; targetColumns: string[] }>;

  beforeAll(async () => {
    t = await createTestDb();
    uniqueKeys = await queryRows(t.db, sql`
      select c.relname as "table", i.relname as "index",
             array(select a.attname::text from unnest(x.indkey) with ordinality k(attnum, n)
                   join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum order by k.n) as columns
      from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
      join pg_namespace s on s.oid = c.relnamespace
      where s.nspname = 'public' and x.indisunique`);
    foreignKeys = await queryRows(t.db, sql`
      select k.conname as name, c.relname as "table", f.relname as target,
             array(select a.attname::text from unnest(k.conkey) with ordinality u(attnum, n)
                   join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum order by u.n) as columns,
             array(select a.attname::text from unnest(k.confkey) with ordinality u(attnum, n)
                   join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum order by u.n) as "targetColumns"
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class f on f.oid = k.confrelid
      join pg_namespace s on s.oid = c.relnamespace
      where s.nspname = 'public' and k.contype = 'f'`);
  });
  afterAll(async () => t.close());

  it('places every table, and only tables that exist', async () => {
    const tables = await queryRows<{ table_name: string }>(
      t.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    expect([...placement.keys()].sort()).toEqual(tables.map((r) => r.table_name).sort());
  });

  it('gives every distributed table a non-null province_code in every primary and unique key', async () => {
    const distributed = TABLE_PLACEMENTS.filter((p) => p.placement === 'distributed').map((p) => p.table);
    const columns = await queryRows<{ table_name: string; is_nullable: string }>(t.db, sql`
      select table_name, is_nullable from information_schema.columns
      where table_schema = 'public' and column_name = ${DISTRIBUTION_COLUMN}`);
    for (const table of distributed) {
      expect(columns.find((c) => c.table_name === table), `${table}.${DISTRIBUTION_COLUMN}`).toMatchObject({ is_nullable: 'NO' });
    }
    const lacking = uniqueKeys
      .filter((k) => placement.get(k.table) === 'distributed' && !k.columns.includes(DISTRIBUTION_COLUMN))
      .map((k) => `${k.table}.${k.index} (${k.columns.join(', ')})`);
    expect(lacking).toEqual([]);
    // The keys that matter are there at all (a dropped key would pass the check above).
    expect(uniqueKeys.filter((k) => distributed.includes(k.table)).length).toBeGreaterThanOrEqual(distributed.length + 2);
  });

  it('keeps foreign keys to tables Citus can reach, and between distributed tables by province', async () => {
    const allowed: Record<TablePlacement, TablePlacement[]> = {
      reference: ['reference'],
      distributed: ['distributed', 'reference'],
      coordinator: ['coordinator'],
    };
    const wrong: string[] = [];
    for (const fk of foreignKeys) {
      const from = placement.get(fk.table)!;
      const to = placement.get(fk.target)!;
      if (!allowed[from].includes(to)) wrong.push(`${fk.name}: ${from} ${fk.table} → ${to} ${fk.target}`);
      if (from === 'distributed' && to === 'distributed') {
        const i = fk.columns.indexOf(DISTRIBUTION_COLUMN);
        if (i < 0 || fk.targetColumns[i] !== DISTRIBUTION_COLUMN) wrong.push(`${fk.name}: not by ${DISTRIBUTION_COLUMN}`);
      }
      // The setup script places a table only after every table it refers to.
      if (fk.target !== fk.table && order.get(fk.target)! > order.get(fk.table)!) wrong.push(`${fk.name}: ${fk.target} placed after ${fk.table}`);
    }
    expect(wrong).toEqual([]);
    expect(foreignKeys.find((fk) => fk.table === 'products' && fk.target === 'registrations')?.columns.sort())
      .toEqual(['province_code', 'registration_id']);
  });

  it('keeps a citizen ID and a producer’s registration of a year unique in the whole country', () => {
    const national = (table: string, columns: string[]) =>
      placement.get(table) === 'reference' && uniqueKeys.some((k) => k.table === table && [...k.columns].sort().join() === [...columns].sort().join());
    expect(national('producers', ['thai_id'])).toBe(true);
    expect(national('registered_years', ['producer_id', 'fiscal_year'])).toBe(true);
  });

  it('prints a setup script that places each table once, as its placement says, and says it cannot run yet', () => {
    const script = citusSetupSql();
    const calls = script.split('\n').filter((l) => l.startsWith('SELECT create_'));
    for (const { table, placement: p } of TABLE_PLACEMENTS) {
      const mine = calls.filter((l) => l.includes(`('${table}'`));
      if (p === 'coordinator') {
        expect(mine, table).toEqual([]);
        continue;
      }
      expect(mine, table).toHaveLength(1);
      expect(mine[0]).toContain(p === 'reference' ? `create_reference_table('${table}')` : `create_distributed_table('${table}', '${DISTRIBUTION_COLUMN}'`);
    }
    expect(script.split('\n')[1]).toMatch(/NOT RUNNABLE YET/);
  });
});
