import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { migrate, MIGRATIONS_FOLDER } from '../../db/migrate.ts';
import { queryRows } from '../../db/query-rows.ts';
import { makeThaiId } from '../../domain/thai-id.ts';

const counts = (t: TestDb) =>
  queryRows<{ round_code: string; district_code: string; producers: number; renewed: number }>(t.db, sql`
    select round_code, district_code, sum(producers)::int as producers, sum(renewed)::int as renewed
    from registration_counts group by 1, 2 having sum(producers) <> 0 or sum(renewed) <> 0 order by 1, 2`);
const keys = (t: TestDb) =>
  queryRows<{ producer_id: number; fiscal_year: number; province_code: string }>(t.db, sql`
    select producer_id::int, fiscal_year, province_code from registered_years order by producer_id, fiscal_year`);
const failure = (err: unknown) => String((err as { cause?: Error }).cause?.message ?? err);

describe(`one registration per producer and year in the whole country (${TEST_ENGINE})`, () => {
  let t: TestDb;
  let folder: string;
  const [a, b] = [makeThaiId('110000000001'), makeThaiId('110000000002')];

  beforeAll(async () => {
    // A database from before the keys became Citus-ready (migrations up to 0006), with data.
    folder = await mkdtemp(join(tmpdir(), 'otop-migrations-'));
    await cp(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalPath = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
    journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === '0007_citus_ready_keys'));
    await writeFile(journalPath, JSON.stringify(journal));
    t = await createTestDb({ migrate: false });
    await migrate(t.db, folder);
    await t.db.execute(sql`
      insert into provinces (code, name_th, name_en) values ('38', 'บึงกาฬ', 'Bueng Kan'), ('43', 'หนองคาย', 'Nong Khai')`);
    await t.db.execute(sql`
      insert into districts (code, province_code, name_th, name_en) values ('3801', '38', 'เมืองบึงกาฬ', 'Mueang Bueng Kan'), ('4301', '43', 'เมืองหนองคาย', 'Mueang Nong Khai')`);
    await t.db.execute(sql`
      insert into subdistricts (code, district_code, name_th, name_en) values ('380101', '3801', 'บึงกาฬ', 'Bueng Kan'), ('430101', '4301', 'ในเมือง', 'Nai Mueang')`);
    await t.db.execute(sql`
      insert into fiscal_rounds (code, fiscal_year, quarter) values ('2560-Q4', 2560, 4), ('2561-Q1', 2561, 1)`);
    await t.db.execute(sql`
      insert into producers (id, thai_id, producer_type, name, subdistrict_code, district_code, province_code)
      values (1, ${a}, 'single-owner', 'ก', '380101', '3801', '38'), (2, ${b}, 'sme', 'ข', '380101', '3801', '38')`);
    await t.db.execute(sql`
      insert into registrations (id, producer_id, fiscal_year, round_code, district_code, province_code)
      values (1, 1, 2560, '2560-Q4', '3801', '38'), (2, 1, 2561, '2561-Q1', '3801', '38'), (3, 2, 2561, '2561-Q1', '3801', '38')`);
    await t.db.execute(sql`
      insert into products (registration_id, producer_id, fiscal_year, round_code, district_code, province_code, name, name_key, category)
      values (2, 1, 2561, '2561-Q1', '3801', '38', 'ผ้าไหม', 'ผ้าไหม', 'textile')`);
    // Ids were given by hand: the sequences move past them, as a load would have moved them.
    await t.db.execute(sql`
      select setval(pg_get_serial_sequence('producers', 'id'), 2), setval(pg_get_serial_sequence('registrations', 'id'), 3)`);
    await migrate(t.db);
  });
  afterAll(async () => {
    await t.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('upgrades a database with registrations: every one has its national key, counts unchanged', async () => {
    expect(await keys(t)).toEqual([
      { producer_id: 1, fiscal_year: 2560, province_code: '38' },
      { producer_id: 1, fiscal_year: 2561, province_code: '38' },
      { producer_id: 2, fiscal_year: 2561, province_code: '38' },
    ]);
    expect(await counts(t)).toEqual([
      { round_code: '2560-Q4', district_code: '3801', producers: 1, renewed: 0 },
      { round_code: '2561-Q1', district_code: '3801', producers: 2, renewed: 1 },
    ]);
  });

  it('refuses a second registration of the same year in another province, and changes nothing', async () => {
    await expect(t.db.execute(sql`
      insert into registrations (producer_id, fiscal_year, round_code, district_code, province_code)
      values (1, 2561, '2561-Q1', '4301', '43')`)).rejects.toSatisfy((err) => /registered_years_pkey/.test(failure(err)));
    expect(await queryRows(t.db, sql`select id from registrations where province_code = '43'`)).toEqual([]);
    expect((await keys(t)).length).toBe(3);
    expect(await counts(t)).toHaveLength(2);
  });

  it('follows a producer who moves province: next year there, and a deleted registration frees its year', async () => {
    await t.db.execute(sql`update producers set subdistrict_code = '430101', district_code = '4301', province_code = '43' where id = 2`);
    await t.db.execute(sql`
      insert into fiscal_rounds (code, fiscal_year, quarter) values ('2562-Q1', 2562, 1)`);
    await t.db.execute(sql`
      insert into registrations (producer_id, fiscal_year, round_code, district_code, province_code)
      values (2, 2562, '2562-Q1', '4301', '43')`);
    expect((await keys(t)).filter((k) => k.producer_id === 2)).toEqual([
      { producer_id: 2, fiscal_year: 2561, province_code: '38' },
      { producer_id: 2, fiscal_year: 2562, province_code: '43' },
    ]);
    // Registered in the wrong province by mistake: removed there, then registered where it belongs.
    await t.db.execute(sql`delete from registrations where producer_id = 2 and fiscal_year = 2561`);
    await t.db.execute(sql`
      insert into registrations (producer_id, fiscal_year, round_code, district_code, province_code)
      values (2, 2561, '2561-Q1', '4301', '43')`);
    expect((await keys(t)).filter((k) => k.producer_id === 2).map((k) => k.province_code)).toEqual(['43', '43']);
    expect(await counts(t)).toEqual([
      { round_code: '2560-Q4', district_code: '3801', producers: 1, renewed: 0 },
      { round_code: '2561-Q1', district_code: '3801', producers: 1, renewed: 1 },
      { round_code: '2561-Q1', district_code: '4301', producers: 1, renewed: 0 },
      { round_code: '2562-Q1', district_code: '4301', producers: 1, renewed: 1 },
    ]);
  });

  it('gives every new registration an id of its own', async () => {
    const ids = await queryRows<{ id: number }>(t.db, sql`select id::int from registrations order by id`);
    expect(new Set(ids.map((r) => r.id)).size).toBe(ids.length);
  });

  it('moves the key with a registration without products whose province is corrected in place', async () => {
    await t.db.execute(sql`update registrations set district_code = '4301', province_code = '43' where producer_id = 1 and fiscal_year = 2560`);
    expect((await keys(t)).filter((k) => k.producer_id === 1).map((k) => k.province_code)).toEqual(['43', '38']);
  });

  it('refuses to move a registration with products to another province in place, and changes nothing', async () => {
    const before = await counts(t);
    await expect(t.db.execute(sql`
      update registrations set district_code = '4301', province_code = '43' where producer_id = 1 and fiscal_year = 2561`))
      .rejects.toSatisfy((err) => /products_registration_fk/.test(failure(err)));
    expect((await keys(t)).filter((k) => k.producer_id === 1).map((k) => k.province_code)).toEqual(['43', '38']);
    expect(await queryRows(t.db, sql`select province_code from products`)).toEqual([{ province_code: '38' }]);
    expect(await counts(t)).toEqual(before);
  });

  it('empties the national keys and the roll-ups with the registrations they come from (TRUNCATE)', async () => {
    const version = async () =>
      (await queryRows<{ v: number }>(t.db, sql`select coalesce(max(version), 0)::int as v from progress_versions where province_code = '*'`))[0]!.v;
    const v0 = await version();
    await t.db.execute(sql`truncate registrations cascade`);
    expect(await keys(t)).toEqual([]);
    expect(await counts(t)).toEqual([]);
    expect(await queryRows(t.db, sql`select 1 from product_counts where products <> 0`)).toEqual([]);
    expect(await version()).toBeGreaterThan(v0);
    // And the year is free again: the producer registers as if for the first time.
    await t.db.execute(sql`
      insert into registrations (producer_id, fiscal_year, round_code, district_code, province_code)
      values (1, 2561, '2561-Q1', '3801', '38')`);
    expect(await counts(t)).toEqual([{ round_code: '2561-Q1', district_code: '3801', producers: 1, renewed: 0 }]);
    // Emptying them all in one statement, as a benchmark between runs does, works too.
    await t.db.execute(sql`truncate products, registrations, registered_years, registration_counts, product_counts`);
    expect(await keys(t)).toEqual([]);
  });
});
