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
import { ADMIN, IN_WINDOW, where } from './pipeline-fixtures.ts';

const id = (n: number) => makeThaiId(`33801000${String(n).padStart(4, '0')}`);
const dashed = (i: string) => `${i[0]}-${i.slice(1, 5)}-${i.slice(5, 10)}-${i.slice(10, 12)}-${i[12]}`;
const spaced = (i: string) => dashed(i).replace(/-/g, ' ');

// Cells typed the way district offices type them (#19): each read and reported as a
// normalisation, or refused with the value as typed.
describe(`cells as offices type them (${TEST_ENGINE})`, () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb();
    await seedReference(t.db);
    dir = mkdtempSync(join(tmpdir(), 'otop-cells-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('reads Excel serial dates, Thai month names, two-digit BE years, dashed IDs and any phone layout', async () => {
    const path = join(dir, 'office.csv');
    writeFileSync(path, [
      'ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,โทรศัพท์,บ้านเลขที่,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์,วันที่ลงทะเบียน',
      // 43055 is 16 November 2017 as Excel counts days; a house number of digits stays as it is.
      `หนึ่ง,${dashed(id(1))},1,0-4212-3456,43055,380101,ผ้าไหม,ผ้าและเครื่องแต่งกาย,43055`,
      `สอง,${spaced(id(2))},1,+66 42 123 456,5,380101,ผ้าฝ้าย,ผ้าและเครื่องแต่งกาย,16 พ.ย. 60`,
      `สาม,${id(3)},1,๐๘๑ ๒๓๔ ๕๖๗๘,6,380101,ตะกร้า,ของใช้,๑๖ พฤศจิกายน ๒๕๖๐`,
      `สี่,${id(4)},1,081-234-5678 หรือ 042-123-456,7,380101,ข้าว,อาหาร,16/11/60`,
      `ห้า,${id(5)},1,12345,8,380101,น้ำพริก,อาหาร,16 พ.ย. 2560`,
      `หก,${id(6)},1,0812345678,9,380101,ขนม,อาหาร,99999`,
    ].join('\n'));
    const r = await ingestSubmission(t.db, {
      source: { kind: 'path', path }, fileName: 'office.csv', districtCode: '3801', roundCode: '2561-Q1', dryRun: false, user: ADMIN, now: IN_WINDOW,
    });
    expect(r).toMatchObject({ status: 'partially-loaded', rowsRead: 6, rejected: 2, accepted: { created: 4 } });
    expect(r.issues.map((i) => [...where({ ...r, issues: [i] })[0]!, i.value])).toEqual([
      [6, 'โทรศัพท์', 'invalid-phone', '12345'],
      [7, 'วันที่ลงทะเบียน', 'invalid-date', '99999'],
    ]);
    expect(r.issues[0]!.message.en).toContain('Thai number such as');
    expect(r.issues[1]!.message.th).toContain('16 พ.ย. 2560');
    expect(r.normalized.byKind).toMatchObject({ 'excel-serial': 1, 'two-digit-year': 2, 'be-date': 4, 'id-separators': 2, 'phone-layout': 4, 'thai-digits': 2 });
    expect(r.normalized.samples).toContainEqual({ row: 2, column: 'วันที่ลงทะเบียน', value: '43055', normalized: '2017-11-16', kinds: ['excel-serial'] });
    expect(r.normalized.samples).toContainEqual({ row: 3, column: 'โทรศัพท์', value: '+66 42 123 456', normalized: '042123456', kinds: ['phone-layout'] });
    expect(r.normalized.samples).toContainEqual({ row: 3, column: 'วันที่ลงทะเบียน', value: '16 พ.ย. 60', normalized: '2017-11-16', kinds: ['be-date', 'two-digit-year'] });

    const stored = await queryRows<{ thai_id: string; phone: string; house_no: string; date: string }>(t.db, sql`
      select p.thai_id, p.phone, p.house_no, to_char(r.registered_at at time zone 'Asia/Bangkok', 'YYYY-MM-DD') as date
      from producers p join registrations r on r.producer_id = p.id order by p.thai_id`);
    expect(stored).toEqual([
      { thai_id: id(1), phone: '042123456', house_no: '43055', date: '2017-11-16' },
      { thai_id: id(2), phone: '042123456', house_no: '5', date: '2017-11-16' },
      { thai_id: id(3), phone: '0812345678', house_no: '6', date: '2017-11-16' },
      { thai_id: id(4), phone: '0812345678, 042123456', house_no: '7', date: '2017-11-16' },
    ]);
  });
});
