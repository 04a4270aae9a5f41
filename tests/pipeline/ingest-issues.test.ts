import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { ISSUE_CODES } from '../../domain/issue-codes.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestSubmission } from '../../pipeline/ingest-submission.ts';
import { ADMIN, DISTRICT_3801, DISTRICT_3802, IN_WINDOW, load, where } from './pipeline-fixtures.ts';

// One fixture per issue code; each test names the exact rows, columns and codes a user sees.
describe(`issue codes (${TEST_ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seedReference(t.db);
  });
  afterAll(async () => t.close());

  it('missing-column: the file is refused, each missing column listed', async () => {
    const r = await load(t.db, 'missing-column.csv', { dryRun: true });
    expect(r).toMatchObject({ status: 'rejected', rowsRead: 0, rejected: 0, accepted: { total: 0 } });
    expect(where(r)).toEqual([
      [null, 'ตำบล', 'missing-column'],
      [null, 'ประเภทผลิตภัณฑ์', 'missing-column'],
    ]);
    // What is missing, where it was looked for, why it matters, what to do.
    expect(r.issues[0]!.message).toEqual({
      th: 'ไม่พบคอลัมน์ที่จำเป็น: ตำบล (subdistrict) ไม่มีหัวคอลัมน์ใดในแถวที่ 1 ตรงกับคอลัมน์นี้ ซึ่งทุกแถวต้องมี; เพิ่มคอลัมน์นี้ในไฟล์ (ดูแบบฟอร์มนำเข้า) หรือจับคู่หัวคอลัมน์ที่ใช้แทน',
      en: 'A required column is missing: Subdistrict (subdistrict): no header in row 1 names this column, which every row needs; add the column to the file (see the import template), or map the title used instead',
    });
    expect(r.headerMapping).toMatchObject({ headerRow: 1, missing: ['subdistrict', 'category'], needsMapping: true });
    expect(r.issueCounts).toEqual({ 'missing-column': 2 });
  });

  it('duplicate-column: two columns for the same thing refuse the file', async () => {
    const r = await load(t.db, 'duplicate-column.csv', { dryRun: true });
    expect(r.status).toBe('rejected');
    expect(where(r)).toEqual([[1, 'subdistrict', 'duplicate-column']]);
  });

  it('missing-value: a required cell left empty rejects its row', async () => {
    const r = await load(t.db, 'missing-value.csv', { dryRun: true });
    expect(r).toMatchObject({ status: 'validated', rowsRead: 3, rejected: 2, accepted: { total: 1 } });
    expect(where(r)).toEqual([
      [3, 'ชื่อผลิตภัณฑ์', 'missing-value'],
      [4, 'เลขประจำตัวประชาชน', 'missing-value'],
    ]);
  });

  it('invalid-citizen-id: check digit, length and non-digits, the value masked', async () => {
    const r = await load(t.db, 'invalid-citizen-id.csv', { dryRun: true });
    expect(r).toMatchObject({ rowsRead: 4, rejected: 3, accepted: { total: 1 } });
    expect(r.issues.map((i) => [i.row, i.column, i.code, i.value, i.message.en])).toEqual([
      [2, 'เลขประจำตัวประชาชน', 'invalid-citizen-id', 'x-xxxx-xxxxx-01-0', 'Invalid citizen ID: check digit does not match'],
      [3, 'เลขประจำตัวประชาชน', 'invalid-citizen-id', 'xxxxxxxxx102', 'Invalid citizen ID: it must have 13 digits'],
      [4, 'เลขประจำตัวประชาชน', 'invalid-citizen-id', 'xxxxxxxxxx035', 'Invalid citizen ID: it contains characters other than digits'],
    ]);
  });

  it('unknown-subdistrict: a name or code that exists nowhere ("ต.หอคำ" is found)', async () => {
    const r = await load(t.db, 'unknown-subdistrict.csv', { dryRun: true });
    expect(r).toMatchObject({ rowsRead: 3, rejected: 2, accepted: { total: 1 } });
    expect(where(r)).toEqual([
      [2, 'ตำบล', 'unknown-subdistrict'],
      [3, 'ตำบล', 'unknown-subdistrict'],
    ]);
  });

  it('subdistrict-not-in-district: by name or code, a subdistrict of another district', async () => {
    const r = await load(t.db, 'subdistrict-not-in-district.csv', { dryRun: true });
    expect(r).toMatchObject({ rowsRead: 3, rejected: 2, accepted: { total: 1 } });
    expect(where(r)).toEqual([
      [2, 'ตำบล', 'subdistrict-not-in-district'],
      [3, 'ตำบล', 'subdistrict-not-in-district'],
    ]);
    expect(r.issues[0]!.message.en).toBe(
      'The subdistrict is not in the given district: this subdistrict is in district 3802 Phon Charoen, 3803 So Phisai, not in the district given, 3801 Mueang Bueng Kan',
    );
  });

  it('subdistrict-not-in-district names the district the row gives, whole, by code and name (#19)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'otop-subdistrict-'));
    const path = join(dir, 'district-column.csv');
    writeFileSync(path, [
      'ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,อำเภอ,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์',
      'ผู้ผลิตหนึ่ง,3380100001019,1,3801,ป่งไฮ,สินค้าหนึ่ง,อาหาร',
      'ผู้ผลิตสอง,3380100001027,1,อ.เมืองบึงกาฬ,380405,สินค้าสอง,อาหาร',
    ].join('\n'));
    for (const districtCode of ['3801', '38']) {
      const r = await ingestSubmission(t.db, {
        source: { kind: 'path', path }, fileName: 'district-column.csv', districtCode, roundCode: '2561-Q1', dryRun: true, user: ADMIN, now: IN_WINDOW,
      });
      expect(where(r)).toEqual([
        [2, 'ตำบล', 'subdistrict-not-in-district'],
        [3, 'ตำบล', 'subdistrict-not-in-district'],
      ]);
      for (const issue of r.issues) {
        expect(issue.message).toEqual({
          th: 'ตำบลนี้ไม่อยู่ในอำเภอที่ระบุ: ตำบลนี้อยู่ในอำเภอ 3804 เซกา ไม่ใช่อำเภอ 3801 เมืองบึงกาฬ ที่ระบุ',
          en: 'The subdistrict is not in the given district: this subdistrict is in district 3804 Seka, not in the district given, 3801 Mueang Bueng Kan',
        });
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('district-out-of-scope: a row for another district; and a whole file from an uploader without the scope', async () => {
    const rows = await load(t.db, 'district-out-of-scope.csv', { dryRun: true });
    expect(rows).toMatchObject({ rowsRead: 3, rejected: 1, accepted: { total: 2 } });
    expect(where(rows)).toEqual([[3, 'อำเภอ', 'district-out-of-scope']]);

    const otherDistrict = await load(t.db, 'utf8-bom.csv', { dryRun: true, user: DISTRICT_3802 });
    expect(otherDistrict).toMatchObject({ status: 'rejected', rowsRead: 0 });
    expect(where(otherDistrict)).toEqual([[null, null, 'district-out-of-scope']]);
    expect(otherDistrict.issues[0]!.message.en).toBe('This district is outside your area of responsibility: you may load only district 3802');

    const analyst = await load(t.db, 'utf8-bom.csv', { dryRun: true, user: { ...ADMIN, username: 'analyst', role: 'analyst' } });
    expect(where(analyst)).toEqual([[null, null, 'district-out-of-scope']]);

    const own = await load(t.db, 'utf8-bom.csv', { dryRun: true, user: DISTRICT_3801 });
    expect(own).toMatchObject({ status: 'validated', rejected: 0, accepted: { total: 5 } });
    const province = await load(t.db, 'utf8-bom.csv', { dryRun: true, user: { ...ADMIN, role: 'province', provinceCode: '38' } });
    expect(province).toMatchObject({ status: 'validated', accepted: { total: 5 } });
  });

  it('invalid-category: only the five OTOP categories (code, number, Thai or English label)', async () => {
    const r = await load(t.db, 'invalid-category.csv', { dryRun: true });
    expect(r).toMatchObject({ rowsRead: 3, rejected: 1, accepted: { total: 2 } });
    expect(where(r)).toEqual([[2, 'ประเภทผลิตภัณฑ์', 'invalid-category']]);
  });

  it('invalid-producer-type: only the three producer types', async () => {
    const r = await load(t.db, 'invalid-producer-type.csv', { dryRun: true });
    expect(r).toMatchObject({ rowsRead: 3, rejected: 1, accepted: { total: 2 } });
    expect(where(r)).toEqual([[2, 'ประเภทผู้ผลิต', 'invalid-producer-type']]);
  });

  it('invalid-number: members, stars and village number must be whole numbers ("1,200 คน", ★★★, "หมู่ที่ 7" are)', async () => {
    const r = await load(t.db, 'invalid-number.csv', { dryRun: true });
    expect(r).toMatchObject({ rowsRead: 4, rejected: 3, accepted: { total: 1 } });
    expect(where(r)).toEqual([
      [2, 'จำนวนสมาชิก', 'invalid-number'],
      [3, 'ระดับดาว', 'invalid-number'],
      [4, 'หมู่ที่', 'invalid-number'],
    ]);
  });

  it('out-of-range: stars 1–5, members 1 or more, village 1–99, no registration date in the future', async () => {
    const r = await load(t.db, 'out-of-range.csv', { dryRun: true });
    expect(r).toMatchObject({ rowsRead: 5, rejected: 4, accepted: { total: 1 } });
    expect(where(r)).toEqual([
      [2, 'ระดับดาว', 'out-of-range'],
      [3, 'จำนวนสมาชิก', 'out-of-range'],
      [4, 'หมู่ที่', 'out-of-range'],
      [5, 'วันที่ลงทะเบียน', 'out-of-range'],
    ]);
  });

  it('duplicate-row: the same producer ID and product (spacing aside) twice in a file', async () => {
    const r = await load(t.db, 'duplicate-row.csv', { dryRun: true });
    expect(r).toMatchObject({ rowsRead: 4, rejected: 1, accepted: { total: 3 } });
    expect(where(r)).toEqual([[3, 'ชื่อผลิตภัณฑ์', 'duplicate-row']]);
    expect(r.issues[0]!.message.en).toBe('This row duplicates another row: same producer and product as row 2');
  });

  it('invalid-date: not a date, or no such day', async () => {
    const r = await load(t.db, 'invalid-date.csv', { dryRun: true });
    expect(r).toMatchObject({ rowsRead: 3, rejected: 2, accepted: { total: 1 } });
    expect(where(r)).toEqual([
      [2, 'วันที่ลงทะเบียน', 'invalid-date'],
      [3, 'วันที่ลงทะเบียน', 'invalid-date'],
    ]);
  });

  it('round-closed-late: a warning once the step-1 window has ended (Bangkok days); rows still accepted', async () => {
    const lastDay = await load(t.db, 'utf8-bom.csv', { dryRun: true, now: new Date('2017-12-20T16:59:59Z') });
    expect(where(lastDay)).toEqual([]);
    const late = await load(t.db, 'utf8-bom.csv', { dryRun: true, now: new Date('2017-12-20T17:00:00Z') });
    expect(late).toMatchObject({ status: 'validated', rejected: 0, warnings: 1, accepted: { total: 5 } });
    expect(where(late)).toEqual([[null, null, 'round-closed-late']]);
    expect(late.issues[0]!.message.en).toBe(
      'Submitted after the planned window closed: the district registration window closed on 2017-12-20',
    );
  });

  it('encoding-replaced: a warning on the cell with an unreadable byte; the row is kept', async () => {
    const r = await load(t.db, 'encoding-replaced.csv', { dryRun: true });
    expect(r).toMatchObject({ rowsRead: 2, rejected: 0, warnings: 1, accepted: { total: 2 } });
    expect(where(r)).toEqual([[3, 'ชื่อผู้ผลิต', 'encoding-replaced']]);
    expect(r.issues[0]!.value).toContain('\uFFFD');
  });

  it('registered-in-other-district: a producer registered with another district this fiscal year', async () => {
    const first = await load(t.db, 'registered-elsewhere-3802.csv', { districtCode: '3802' });
    expect(first).toMatchObject({ status: 'loaded', accepted: { created: 1 } });
    const r = await load(t.db, 'registered-elsewhere-3801.csv', { dryRun: true });
    expect(r).toMatchObject({ rowsRead: 2, rejected: 1, accepted: { total: 1 } });
    expect(r.issues.map((i) => [i.row, i.column, i.code, i.value, i.message.en])).toEqual([
      [2, 'เลขประจำตัวประชาชน', 'registered-in-other-district', 'x-xxxx-xxxxx-01-7',
        'This producer is already registered with another district in the same fiscal year: registered with district 3802 Phon Charoen'],
    ]);
    // Another fiscal year is a new registration, wherever the producer now produces.
    const nextYear = await load(t.db, 'registered-elsewhere-3801.csv', { dryRun: true, roundCode: '2560-Q4', now: new Date('2017-09-10T05:00:00Z') });
    expect(nextYear).toMatchObject({ rejected: 0, accepted: { total: 2 } });
  });

  it('inconsistent-producer: a warning when a producer’s rows disagree; the first row’s details are kept', async () => {
    const r = await load(t.db, 'inconsistent-producer.csv', { dryRun: true });
    expect(r).toMatchObject({ rowsRead: 2, rejected: 0, warnings: 1, accepted: { total: 2 } });
    expect(where(r)).toEqual([[3, 'โทรศัพท์', 'inconsistent-producer']]);
  });

  it('unknown-standard: a warning naming the standard that was not recorded', async () => {
    const r = await load(t.db, 'unknown-standard.csv', { dryRun: true });
    expect(r).toMatchObject({ rejected: 0, warnings: 1 });
    expect(r.issues.map((i) => [i.row, i.column, i.code, i.value])).toEqual([[2, 'มาตรฐาน', 'unknown-standard', 'ISO 9001']]);
  });

  it('unknown-round and round-locked are file-level refusals', async () => {
    const unknown = await load(t.db, 'utf8-bom.csv', { dryRun: true, roundCode: '2599-Q1' });
    expect(unknown).toMatchObject({ status: 'rejected', rowsRead: 0 });
    expect(where(unknown)).toEqual([[null, null, 'unknown-round']]);
  });

  it('every code the pipeline reports has a Thai and an English message in the catalogue', () => {
    for (const code of ['registered-in-other-district', 'duplicate-column', 'inconsistent-producer', 'unknown-standard'] as const) {
      expect(ISSUE_CODES[code].th).toMatch(/[\u0E01-\u0E4F]/);
      expect(ISSUE_CODES[code].en).toMatch(/^[A-Z]/);
    }
  });
});
