// Issue #21: db/sql/ holds the current source of every SQL function and trigger. A freshly
// migrated database must hold exactly those: the same functions with the same bodies, the
// same triggers on the same tables calling the same functions. A migration that changes a
// function without db/sql (or db/sql without a migration) fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query-rows.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';

const SQL_DIR = new URL('../../db/sql/', import.meta.url);
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

type FunctionSource = { name: string; args: string; body: string };
type TriggerSource = { name: string; table: string; fn: string };

function functionSources(): FunctionSource[] {
  return readdirSync(new URL('functions/', SQL_DIR)).filter((f) => f.endsWith('.sql')).map((file) => {
    const text = readFileSync(new URL(`functions/${file}`, SQL_DIR), 'utf8');
    const m = /CREATE OR REPLACE FUNCTION (\w+)\(([^)]*)\)[\s\S]*?AS (\$\w*\$)([\s\S]*?)\3/.exec(text);
    if (!m) throw new Error(`db/sql/functions/${file}: no CREATE OR REPLACE FUNCTION … AS $tag$ … $tag$`);
    expect(`${m[1]}.sql`, 'the file is named for its function').toBe(file);
    return { name: m[1]!, args: squash(m[2]!), body: squash(m[4]!) };
  });
}

function triggerSources(): TriggerSource[] {
  return readdirSync(new URL('triggers/', SQL_DIR)).filter((f) => f.endsWith('.sql')).flatMap((file) => {
    const text = readFileSync(new URL(`triggers/${file}`, SQL_DIR), 'utf8');
    return [...text.matchAll(/CREATE TRIGGER (\w+)[\s\S]*?\bON (\w+)[\s\S]*?EXECUTE FUNCTION (\w+)\(/g)].map((m) => {
      expect(`${m[2]}.sql`, `trigger ${m[1]} is in the file of its table`).toBe(file);
      return { name: m[1]!, table: m[2]!, fn: m[3]! };
    });
  });
}

describe(`db/sql matches a freshly migrated database (${TEST_ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  }, 120_000);
  afterAll(async () => t?.close());

  it('every function, with its arguments and body as db/sql/functions has it', async () => {
    const rows = await queryRows<{ name: string; args: string; body: string }>(
      t.db,
      sql`select p.proname as name, pg_get_function_identity_arguments(p.oid) as args, p.prosrc as body
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname = 'public'
            and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
          order by 1`,
    );
    const files = functionSources().sort((a, b) => a.name.localeCompare(b.name));
    expect(rows.map((r) => r.name)).toEqual(files.map((f) => f.name));
    for (const f of files) {
      const row = rows.find((r) => r.name === f.name)!;
      expect(squash(row.args), `${f.name}: arguments`).toBe(f.args);
      expect(squash(row.body), `${f.name}: body differs from db/sql/functions/${f.name}.sql`).toBe(f.body);
    }
  });

  it('every trigger, on its table, calling its function as db/sql/triggers has it', async () => {
    const rows = await queryRows<TriggerSource>(
      t.db,
      sql`select tg.tgname as name, c.relname as table, p.proname as fn
          from pg_trigger tg
          join pg_class c on c.oid = tg.tgrelid
          join pg_namespace n on n.oid = c.relnamespace
          join pg_proc p on p.oid = tg.tgfoid
          where not tg.tgisinternal and n.nspname = 'public'
          order by 1`,
    );
    const files = triggerSources().sort((a, b) => a.name.localeCompare(b.name));
    expect(rows.map((r) => ({ ...r }))).toEqual(files);
  });
});
