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
  queryRows<{ round_code: string; producer_type: string; producers: number }>(t.db, sql`
    select round_code, producer_type, sum(producers)::int as producers
    from registration_counts group by 1, 2 having sum(producers) <> 0 order by 1, 2`);

describe(`migration 0009 registration_snapshot (${TEST_ENGINE})`, () => {
  let t: TestDb;
  let folder: string;

  beforeAll(async () => {
    // A database from before registrations kept their copy of the producer (up to 0008), with data.
    folder = await mkdtemp(join(tmpdir(), 'otop-migrations-'));
    await cp(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalPath = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
    journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === '0009_registration_snapshot'));
    await writeFile(journalPath, JSON.stringify(journal));
    t = await createTestDb({ migrate: false });
    await migrate(t.db, folder);
    await t.db.execute(sql`insert into provinces (code, name_th, name_en) values ('38', 'บึงกาฬ', 'Bueng Kan')`);
    await t.db.execute(sql`insert into districts (code, province_code, name_th, name_en) values ('3801', '38', 'เมืองบึงกาฬ', 'Mueang Bueng Kan')`);
    await t.db.execute(sql`insert into subdistricts (code, district_code, name_th, name_en) values ('380101', '3801', 'บึงกาฬ', 'Bueng Kan')`);
    await t.db.execute(sql`insert into fiscal_rounds (code, fiscal_year, quarter) values ('2560-Q4', 2560, 4), ('2561-Q1', 2561, 1)`);
    await t.db.execute(sql`
      insert into producers (id, thai_id, producer_type, name, phone, members, village_no, subdistrict_code, district_code, province_code)
      values (1, ${makeThaiId('110000000001')}, 'community-group', 'กลุ่มทอผ้า', '0812345678', 12, 3, '380101', '3801', '38')`);
    await t.db.execute(sql`
      insert into registrations (id, producer_id, fiscal_year, round_code, district_code, province_code)
      values (1, 1, 2560, '2560-Q4', '3801', '38'), (2, 1, 2561, '2561-Q1', '3801', '38')`);
    await t.db.execute(sql`select setval(pg_get_serial_sequence('registrations', 'id'), 2)`);
    await migrate(t.db);
  });
  afterAll(async () => {
    await t.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('fills every existing registration from its producer row', async () => {
    expect(await queryRows(t.db, sql`
      select id::int, producer_type, producer_name, phone, members, village_no, subdistrict_code::text
      from registrations order by id`)).toEqual([
      { id: 1, producer_type: 'community-group', producer_name: 'กลุ่มทอผ้า', phone: '0812345678', members: 12, village_no: 3, subdistrict_code: '380101' },
      { id: 2, producer_type: 'community-group', producer_name: 'กลุ่มทอผ้า', phone: '0812345678', members: 12, village_no: 3, subdistrict_code: '380101' },
    ]);
  });

  it('counts by the registered type: a change of the producer row moves no count, a correction of the registration does', async () => {
    await t.db.execute(sql`update producers set producer_type = 'sme', name = 'บริษัททอผ้า' where id = 1`);
    expect(await counts(t)).toEqual([
      { round_code: '2560-Q4', producer_type: 'community-group', producers: 1 },
      { round_code: '2561-Q1', producer_type: 'community-group', producers: 1 },
    ]);
    expect(await queryRows(t.db, sql`select producer_name from registrations order by id`)).toEqual([
      { producer_name: 'กลุ่มทอผ้า' }, { producer_name: 'กลุ่มทอผ้า' },
    ]);
    await t.db.execute(sql`update registrations set producer_type = 'single-owner' where id = 2`);
    const maintained = await counts(t);
    expect(maintained).toEqual([
      { round_code: '2560-Q4', producer_type: 'community-group', producers: 1 },
      { round_code: '2561-Q1', producer_type: 'single-owner', producers: 1 },
    ]);
    await t.db.execute(sql`select rebuild_progress_counts(array['2560-Q4', '2561-Q1'])`);
    expect(await counts(t)).toEqual(maintained);
  });

  it('a registration inserted without its copy takes the producer as it stands', async () => {
    await t.db.execute(sql`delete from registrations where id = 2`);
    await t.db.execute(sql`
      insert into registrations (producer_id, fiscal_year, round_code, district_code, province_code)
      values (1, 2561, '2561-Q1', '3801', '38')`);
    expect(await queryRows(t.db, sql`select producer_type, producer_name from registrations where fiscal_year = 2561`)).toEqual([
      { producer_type: 'sme', producer_name: 'บริษัททอผ้า' },
    ]);
  });
});
