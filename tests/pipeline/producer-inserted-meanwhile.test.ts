import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/query-rows.ts';
import { makeThaiId } from '../../domain/thai-id.ts';
import { ingestSubmission } from '../../pipeline/ingest-submission.ts';
import { PRODUCERS_LOCK_CLASS } from '../../pipeline/load/registration-upsert.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { createTestDb, TEST_DATABASE_URL, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { ADMIN, IN_WINDOW } from './pipeline-fixtures.ts';

const id = (n: number) => makeThaiId(`3380100077${String(n).padStart(2, '0')}`);

// Producers are shared between fiscal years, and loads of different years do not wait for each
// other's year lock: a load writes producers only while holding the producers lock, so what it
// found when it looked its producers up stays true, and new ones go in with a plain INSERT.
describe(`new producers and loads of other years (${TEST_ENGINE})`, () => {
  let t: TestDb;
  let dir: string;
  const file = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, ['ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์', ...lines].join('\n'));
    return path;
  };
  const load = (path: string) =>
    ingestSubmission(t.db, {
      source: { kind: 'path', path }, fileName: path.split('/').pop()!, districtCode: '3801', roundCode: '2561-Q1', dryRun: false, user: ADMIN, now: IN_WINDOW,
    });
  const producers = () =>
    queryRows<{ thai_id: string; name: string; registrations: number; products: number }>(t.db, sql`
      select p.thai_id, p.name, count(distinct r.id)::int as registrations, count(pr.id)::int as products
      from producers p left join registrations r on r.producer_id = p.id left join products pr on pr.registration_id = r.id
      group by p.thai_id, p.name order by p.thai_id`);

  beforeAll(async () => {
    t = await createTestDb();
    await seedReference(t.db);
    dir = mkdtempSync(join(tmpdir(), 'otop-raced-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('a producer inserted behind the load’s back fails the load whole: nothing of the file is stored', async () => {
    // A trigger inserts the same citizen ID just before the load's row goes in, as a writer that
    // ignored the producers lock would.
    await t.db.execute(sql.raw(`
      create function test_insert_first() returns trigger language plpgsql as $$
      begin
        if new.thai_id = '${id(1)}' and new.name <> 'ลงไว้ก่อนแล้ว' then
          insert into producers (thai_id, producer_type, name, subdistrict_code, district_code, province_code)
          values (new.thai_id, 'sme', 'ลงไว้ก่อนแล้ว', '380101', '3801', '38');
        end if;
        return new;
      end $$`));
    await t.db.execute(sql.raw('create trigger test_insert_first before insert on producers for each row execute function test_insert_first()'));
    try {
      const report = await load(file('raced.csv', [`กลุ่มหนึ่ง,${id(1)},1,380101,ผ้าไหม,ผ้าและเครื่องแต่งกาย`, `กลุ่มสอง,${id(2)},1,380101,ข้าว,อาหาร`]));
      expect(report).toMatchObject({ status: 'failed', accepted: { total: 0 } });
      expect(await producers()).toEqual([]);
    } finally {
      await t.db.execute(sql.raw('drop trigger test_insert_first on producers'));
      await t.db.execute(sql.raw('drop function test_insert_first()'));
    }
  });

  it.skipIf(!TEST_DATABASE_URL)(
    'a load waits while another load holds the producers lock, then finds the producer that one inserted, as if they had run one after the other (PostgreSQL pass only: needs two connections)',
    async () => {
      // Two connections: one holds the transaction, the other watches pg_locks.
      const other = postgres(t.url!, { max: 2, onnotice: () => {} });
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let holding!: () => void;
      const held = new Promise<void>((r) => (holding = r));
      try {
        // What a load of another fiscal year does in its upsert: holds the lock, inserts a producer.
        const otherLoad = other.begin(async (tx) => {
          await tx`select pg_advisory_xact_lock(${PRODUCERS_LOCK_CLASS}::int, 0)`;
          await tx`insert into producers (thai_id, producer_type, name, subdistrict_code, district_code, province_code)
                   values (${id(3)}, 'sme', 'ลงไว้ก่อนแล้ว', '380101', '3801', '38')`;
          holding();
          await released;
        });
        await held;
        const loading = load(file('waits.csv', [`กลุ่มสาม,${id(3)},1,380101,ผ้าไหม,ผ้าและเครื่องแต่งกาย`, `กลุ่มสี่,${id(4)},1,380101,ข้าว,อาหาร`]));
        // The load reads its file, then waits on the lock before looking its producers up.
        for (let i = 0; ; i++) {
          const [w] = (await other.unsafe(`select count(*)::int as n from pg_locks where locktype = 'advisory' and classid = ${PRODUCERS_LOCK_CLASS} and not granted`)) as unknown as Array<{ n: number }>;
          if (w!.n > 0) break;
          if (i > 200) throw new Error('the load never waited for the producers lock');
          await new Promise((r) => setTimeout(r, 25));
        }
        release();
        await otherLoad;
        expect(await loading).toMatchObject({ status: 'loaded', accepted: { total: 2, created: 2 } });
        const rows = (await producers()).filter((p) => p.thai_id === id(3) || p.thai_id === id(4));
        // One producer row: this load took it as already registered and gave it the file's details.
        expect(rows).toEqual([
          { thai_id: id(3), name: 'กลุ่มสาม', registrations: 1, products: 1 },
          { thai_id: id(4), name: 'กลุ่มสี่', registrations: 1, products: 1 },
        ]);
        const [snapshot] = await queryRows<{ producer_name: string }>(t.db, sql`
          select r.producer_name from registrations r join producers p on p.id = r.producer_id where p.thai_id = ${id(3)}`);
        expect(snapshot?.producer_name).toBe('กลุ่มสาม');
      } finally {
        release();
        await other.end();
      }
    },
    30_000,
  );
});
