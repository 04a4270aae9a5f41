import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/query-rows.ts';
import { makeThaiId } from '../../domain/thai-id.ts';
import { ingestSubmission } from '../../pipeline/ingest-submission.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { ADMIN, IN_WINDOW } from './pipeline-fixtures.ts';

const RACED = makeThaiId('338010007771');
const CALM = makeThaiId('338010007772');

// A load of another fiscal year may insert one of this load's new producers after this load
// looked them up (the year locks do not order loads of different years): the producer's row
// inserted first is kept, and this load registers with it. The race is made here by a trigger
// that inserts the same citizen ID just before the load's row goes in.
describe(`a new producer inserted meanwhile by another load (${TEST_ENGINE})`, () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb();
    await seedReference(t.db);
    dir = mkdtempSync(join(tmpdir(), 'otop-raced-'));
    await t.db.execute(sql.raw(`
      create function test_insert_first() returns trigger language plpgsql as $$
      begin
        if new.thai_id = '${RACED}' and new.name <> 'ลงไว้ก่อนแล้ว' then
          insert into producers (thai_id, producer_type, name, subdistrict_code, district_code, province_code)
          values (new.thai_id, 'sme', 'ลงไว้ก่อนแล้ว', '380101', '3801', '38');
        end if;
        return new;
      end $$`));
    await t.db.execute(sql.raw('create trigger test_insert_first before insert on producers for each row execute function test_insert_first()'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('keeps the row inserted first, registers with it, and loads every other row', async () => {
    const path = join(dir, 'raced.csv');
    writeFileSync(path, [
      'ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์',
      `กลุ่มหนึ่ง,${RACED},1,380101,ผ้าไหม,ผ้าและเครื่องแต่งกาย`,
      `กลุ่มหนึ่ง,${RACED},1,380101,ผ้าฝ้าย,ผ้าและเครื่องแต่งกาย`,
      `กลุ่มสอง,${CALM},1,380101,ข้าว,อาหาร`,
    ].join('\n'));
    const report = await ingestSubmission(t.db, {
      source: { kind: 'path', path }, fileName: 'raced.csv', districtCode: '3801', roundCode: '2561-Q1', dryRun: false, user: ADMIN, now: IN_WINDOW,
    });
    expect(report).toMatchObject({ status: 'loaded', accepted: { total: 3, created: 3 } });
    const rows = await queryRows<{ thai_id: string; name: string; registrations: number; products: number }>(t.db, sql`
      select p.thai_id, p.name, count(distinct r.id)::int as registrations, count(pr.id)::int as products
      from producers p left join registrations r on r.producer_id = p.id left join products pr on pr.registration_id = r.id
      group by p.thai_id, p.name order by p.thai_id`);
    expect(rows).toEqual([
      { thai_id: RACED, name: 'ลงไว้ก่อนแล้ว', registrations: 1, products: 2 },
      { thai_id: CALM, name: 'กลุ่มสอง', registrations: 1, products: 1 },
    ]);
    // The registration keeps the producer as this file registered it.
    const [snapshot] = await queryRows<{ producer_name: string }>(t.db, sql`
      select r.producer_name from registrations r join producers p on p.id = r.producer_id where p.thai_id = ${RACED}`);
    expect(snapshot?.producer_name).toBe('กลุ่มหนึ่ง');
  });
});
