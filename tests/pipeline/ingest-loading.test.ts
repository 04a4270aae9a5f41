import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { ingestSubmission, type IngestProgress } from '../../pipeline/ingest-submission.ts';
import { rejectedRowsCsv, submissionReport } from '../../pipeline/submission-report.ts';
import { ADMIN, DISTRICT_3801, fixture, IN_WINDOW, load, tableCounts, where } from './pipeline-fixtures.ts';

const scratch = mkdtempSync(join(tmpdir(), 'otop-pipeline-'));

describe(`loading submissions (${TEST_ENGINE})`, () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
    await seedReference(t.db);
  });
  afterEach(async () => t.close());
  afterAll(() => undefined);

  it('loads a producer with many products as one producer, one registration and one product per row', async () => {
    const r = await load(t.db, 'many-products.csv');
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 6, accepted: { created: 6 } });
    expect(await tableCounts(t.db)).toMatchObject({ producers: 1, registrations: 1, products: 6 });
    const categories = await queryRows<{ category: string; n: number }>(
      t.db,
      sql`select category, count(*)::int as n from products group by category order by category`,
    );
    expect(categories).toEqual([
      { category: 'beverage', n: 1 }, { category: 'food', n: 2 }, { category: 'herbal', n: 1 },
      { category: 'household', n: 1 }, { category: 'textile', n: 1 },
    ]);
  });

  it('reports the same file again (by SHA-256) as already loaded and changes nothing', async () => {
    const first = await load(t.db, 'utf8-bom.csv');
    const before = await queryRows<{ updated_at: string }>(t.db, sql`select updated_at::text from products order by id`);
    const again = await load(t.db, 'utf8-bom.csv');
    expect(again).toMatchObject({ status: 'duplicate', duplicateOf: first.submissionId, fileSha256: first.fileSha256, rowsRead: 0 });
    expect(await tableCounts(t.db)).toEqual({ producers: 3, registrations: 3, products: 5, submissions: 2 });
    expect(await queryRows(t.db, sql`select updated_at::text from products order by id`)).toEqual(before);
    // The same rows in another encoding are another file: read, and found unchanged.
    const twin = await load(t.db, 'windows-874.csv');
    expect(twin).toMatchObject({ status: 'loaded', accepted: { total: 5, created: 0, updated: 0, unchanged: 5 } });
    expect(await queryRows(t.db, sql`select updated_at::text from products order by id`)).toEqual(before);
  });

  it('updates from a corrected file by natural key, never duplicating a producer or a product', async () => {
    await load(t.db, 'utf8-bom.csv');
    const later = new Date('2017-12-15T05:00:00Z');
    const r = await load(t.db, 'corrected.csv', { now: later });
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 6, rejected: 0, accepted: { total: 6, created: 1, updated: 2, unchanged: 3 } });
    expect(await tableCounts(t.db)).toMatchObject({ producers: 3, registrations: 3, products: 6 });
    const changed = await queryRows<{ thai_id: string; phone: string; product: string; stars: number | null; touched: boolean }>(
      t.db,
      sql`select p.thai_id, p.phone, pr.name as product, pr.stars, pr.updated_at = ${later.toISOString()}::timestamptz as touched
          from products pr join producers p on p.id = pr.producer_id order by p.thai_id, pr.name_key`,
    );
    expect(changed).toEqual([
      { thai_id: '0105550001232', phone: '042491234', product: 'ไวน์ หมากเม่า', stars: 5, touched: true },
      { thai_id: '3380100001019', phone: '0812345678', product: 'ตะกร้า, สานไม้ไผ่', stars: null, touched: false },
      { thai_id: '3380100001019', phone: '0812345678', product: 'ผ้าขาวม้า', stars: 3, touched: false },
      { thai_id: '3380100001019', phone: '0812345678', product: 'ผ้าซิ่นตีนจก', stars: null, touched: true },
      { thai_id: '3380100001019', phone: '0812345678', product: 'ผ้าไหมมัดหมี่', stars: 4, touched: false },
      { thai_id: '3380100001027', phone: '0898765433', product: 'น้ำพริกเผา', stars: 2, touched: true },
    ]);
  });

  it('a dry run validates and reports, writing nothing but the submission record', async () => {
    const r = await load(t.db, 'utf8-bom.csv', { dryRun: true });
    expect(r).toMatchObject({ status: 'validated', dryRun: true, accepted: { total: 5, created: 5 } });
    expect(await tableCounts(t.db)).toEqual({ producers: 0, registrations: 0, products: 0, submissions: 1 });
    // A dry run is not a load: the real one is not a duplicate of it.
    expect(await load(t.db, 'utf8-bom.csv')).toMatchObject({ status: 'loaded', accepted: { created: 5 } });
  });

  it('a failure injected mid-load leaves nothing behind but the failed record; the file then loads', async () => {
    await t.db.execute(sql.raw(`
      create function inject_failure() returns trigger language plpgsql as $$
      begin
        if new.name = 'ผ้าขาวม้า' then raise exception 'injected failure on %', new.name; end if;
        return new;
      end $$`));
    await t.db.execute(sql.raw('create trigger inject_failure before insert on products for each row execute function inject_failure()'));
    const r = await load(t.db, 'utf8-bom.csv');
    expect(r.status).toBe('failed');
    expect(r.failure?.en).toBe('The load failed and was rolled back; nothing was changed. Please try again.');
    expect(await tableCounts(t.db)).toEqual({ producers: 0, registrations: 0, products: 0, submissions: 1 });
    const [record] = await queryRows<{ failure_reason: string; finished: boolean }>(
      t.db,
      sql`select failure_reason, finished_at is not null as finished from submissions where id = ${r.submissionId}`,
    );
    expect(record!.failure_reason).toContain('injected failure on ผ้าขาวม้า');
    expect(record!.finished).toBe(true);
    const counts = await queryRows<{ n: number }>(t.db, sql`select (select count(*) from registration_counts where producers <> 0)::int as n`);
    expect(counts[0]!.n).toBe(0);

    await t.db.execute(sql.raw('drop trigger inject_failure on products'));
    expect(await load(t.db, 'utf8-bom.csv')).toMatchObject({ status: 'loaded', accepted: { created: 5 } });
  });

  it('quarantines rejected rows: a CSV in the original columns plus an issue column, formulas neutralised, fit to re-upload', async () => {
    const r = await load(t.db, 'formula-injection.csv');
    expect(r).toMatchObject({ status: 'rejected', rowsRead: 1, rejected: 1 });
    const csv = await rejectedRowsCsv(t.db, r.submissionId);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parse(csv.slice(1), { relax_column_count: false }) as string[][];
    expect(rows).toEqual([
      ['ชื่อผู้ผลิต', 'เลขประจำตัวประชาชน', 'ประเภทผู้ผลิต', 'ตำบล', 'ชื่อผลิตภัณฑ์', 'ประเภทผลิตภัณฑ์', 'โทรศัพท์', 'ปัญหาที่พบ (issues)'],
      [
        `'=HYPERLINK("http://example.invalid")`, '3380100001019', '1', 'บึงกาฬ', 'สินค้าหนึ่ง', 'ของกิน', "'+66812345678",
        '[invalid-category] ประเภทผลิตภัณฑ์: ประเภทผลิตภัณฑ์ไม่ถูกต้อง ต้องเป็นหนึ่งในห้าประเภทของ OTOP / Invalid product category; it must be one of the five OTOP categories',
      ],
    ]);
    // The district fixes the category in the quarantine file and uploads it again.
    const fixed = csv.replace('ของกิน', 'อาหาร');
    const path = join(scratch, 'fixed.csv');
    writeFileSync(path, fixed);
    const again = await ingestSubmission(t.db, {
      source: { kind: 'path', path }, fileName: 'fixed.csv', districtCode: '3801', roundCode: '2561-Q1', dryRun: false, user: ADMIN, now: IN_WINDOW,
    });
    expect(again).toMatchObject({ status: 'loaded', rowsRead: 1, rejected: 0, accepted: { created: 1 } });
    expect(again.normalized.byKind['formula-quote']).toBe(2);
    const [producer] = await queryRows<{ name: string; phone: string }>(t.db, sql`select name, phone from producers`);
    // The phone, typed with the country code, is kept in the register's layout (#19).
    expect(producer).toEqual({ name: '=HYPERLINK("http://example.invalid")', phone: '0812345678' });
  });

  it('keeps every rejected row with its issues and reads the report back', async () => {
    const r = await load(t.db, 'out-of-range.csv');
    expect(r).toMatchObject({ status: 'partially-loaded', rowsRead: 5, rejected: 4, accepted: { total: 1 } });
    const stored = await submissionReport(t.db, r.submissionId);
    expect(stored).toEqual(r);
    const limited = await submissionReport(t.db, r.submissionId, { maxIssues: 2 });
    expect(limited).toMatchObject({ issuesTotal: 4, issuesTruncated: true });
    expect(limited!.issues).toHaveLength(2);
    const csvRows = parse((await rejectedRowsCsv(t.db, r.submissionId)).slice(1)) as string[][];
    expect(csvRows.map((row) => row[1])).toEqual(['เลขประจำตัวประชาชน', '3380100001019', '3380100001027', '3380100001035', '3380100001043']);
    expect(await submissionReport(t.db, '00000000-0000-0000-0000-000000000000')).toBeNull();
    expect(await submissionReport(t.db, 'not-a-uuid')).toBeNull();
  });

  it('refuses loads into a submitted or certified district, or an announced province; a returned one loads', async () => {
    for (const [state, expected] of [['submitted', 'rejected'], ['certified', 'rejected'], ['returned', 'validated']] as const) {
      await t.db.execute(sql`delete from district_rounds`);
      await t.db.execute(sql`insert into district_rounds (round_code, district_code, province_code, state) values ('2561-Q1', '3801', '38', ${state})`);
      const r = await load(t.db, 'utf8-bom.csv', { dryRun: true });
      expect(r.status, state).toBe(expected);
      if (expected === 'rejected') expect(where(r)).toEqual([[null, null, 'round-locked']]);
    }
    await t.db.execute(sql`delete from district_rounds`);
    await t.db.execute(sql`insert into province_rounds (round_code, province_code, state) values ('2561-Q1', '38', 'announced')`);
    const announced = await load(t.db, 'utf8-bom.csv', { dryRun: true });
    expect(where(announced)).toEqual([[null, null, 'round-locked']]);
    expect(announced.issues[0]!.message.en).toContain('announced by the department');
  });

  it('a province-wide load takes each row’s district from its subdistrict; rows of a locked district are refused', async () => {
    await t.db.execute(sql`insert into district_rounds (round_code, district_code, province_code, state) values ('2561-Q1', '3802', '38', 'certified')`);
    const r = await load(t.db, 'subdistrict-not-in-district.csv', { districtCode: '38', user: { ...ADMIN, role: 'province', provinceCode: '38' } });
    // ศรีชมภู is a name in two districts (3802, 3803): without a district column it cannot be placed.
    expect(r).toMatchObject({ districtCode: '38', provinceCode: '38', rowsRead: 3, rejected: 2, accepted: { created: 1 } });
    expect(where(r)).toEqual([
      [2, 'ตำบล', 'unknown-subdistrict'],
      [3, 'ตำบล', 'round-locked'],
    ]);
    const districts = await queryRows<{ district_code: string }>(t.db, sql`select district_code from registrations`);
    expect(districts).toEqual([{ district_code: '3801' }]);
  });

  it('does not roll a producer back to an older fiscal year’s details', async () => {
    await load(t.db, 'corrected.csv'); // FY2561, new phone 0898765433
    const r = await load(t.db, 'utf8-bom.csv', { roundCode: '2560-Q4', now: new Date('2017-09-10T05:00:00Z') });
    // FY2560 registrations are created (the dates in the file are then in the future: refused).
    expect(r.issueCounts['out-of-range']).toBe(5);
    const undated = await ingestSubmission(t.db, {
      source: { kind: 'path', path: fixture('thai-digits.csv') }, fileName: 'thai-digits.csv', districtCode: '3801',
      roundCode: '2560-Q4', dryRun: false, user: ADMIN, now: new Date('2017-12-10T05:00:00Z'),
    });
    expect(undated).toMatchObject({ status: 'loaded', accepted: { created: 2 } });
    const [phone] = await queryRows<{ phone: string }>(t.db, sql`select phone from producers where thai_id = '3380100001027'`);
    expect(phone!.phone).toBe('0898765433');
  });

  it('reports progress while it reads: rows read and bytes of the file', async () => {
    const seen: IngestProgress[] = [];
    const r = await load(t.db, 'too-many-rows.csv', { onProgress: (p) => seen.push(p), user: DISTRICT_3801 });
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 150 });
    expect(seen.at(-1)).toEqual({ rowsRead: 150, bytesRead: r.sizeBytes, totalBytes: r.sizeBytes });
  });

  it('loads an XLSX whose date cells Excel typed (exceljs round trip of a filled template)', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('ข้อมูล');
    sheet.addRow(['ชื่อผู้ผลิต', 'เลขประจำตัวประชาชน', 'ประเภทผู้ผลิต', 'ตำบล', 'ชื่อผลิตภัณฑ์', 'ประเภทผลิตภัณฑ์', 'วันที่ลงทะเบียน']);
    sheet.addRow(['ผู้ผลิต', 3380100001019, 'กลุ่มผู้ผลิตชุมชน', 'บึงกาฬ', { richText: [{ text: 'ผ้า' }, { text: 'ไหม' }] }, 'ผ้า', new Date(Date.UTC(2017, 10, 1))]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const r = await ingestSubmission(t.db, {
      source: { kind: 'bytes', bytes }, fileName: 'x.xlsx', districtCode: '3801', roundCode: '2561-Q1', dryRun: false, user: ADMIN, now: IN_WINDOW,
    });
    expect(r).toMatchObject({ status: 'loaded', accepted: { created: 1 } });
    const [row] = await queryRows<{ name: string; d: string }>(
      t.db,
      sql`select pr.name, (r.registered_at at time zone 'Asia/Bangkok')::date::text as d from products pr join registrations r on r.id = pr.registration_id`,
    );
    expect(row).toEqual({ name: 'ผ้าไหม', d: '2017-11-01' });
  });
});
