// The registration report form, generated from the demo data set and read back by poppler:
// the Thai strings an officer looks for, the typography every official form must hold, and
// the numbers — the totals row and every area's row must equal the progress API's numbers
// for the same scope (reconciliation). A national form with every district of 30 provinces
// checks that long tables paginate with their header on every page.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../db/query-rows.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../../api/prepare-database.ts';
import type { SessionUser } from '../../../api/auth/session-user.ts';
import { progress, type Counts } from '../../../api/queries/progress.ts';
import { reportPdf } from '../../../api/reports/documents/report-pdf.ts';
import type { ReportParams } from '../../../api/reports/documents/report-document.ts';
import { PRODUCER_TYPES } from '../../../domain/producer-types.ts';
import { PRODUCT_CATEGORIES } from '../../../domain/product-categories.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../../support/test-db.ts';
import { BUENG_KAN, DISTRICTS } from '../thai-fixtures.ts';
import { squash } from '../thai-text-checks.ts';
import { missingStrings, officialPdfProblems, readDocument, rowNumbers, type ReadDocument } from './read-document.ts';

const NOW = new Date('2018-10-05T03:00:00Z'); // after FY2561: every round of the year has happened
const DEPARTMENT: SessionUser = { id: 'd', username: 'department', role: 'department', provinceCode: null, districtCode: null, displayName: '', mustChangePassword: false };
const CATEGORY_NAMES = PRODUCT_CATEGORIES.map((c) => c.th);
const TYPE_NAMES = PRODUCER_TYPES.map((p) => p.th);
const SIGNATURE = ['ลงชื่อ', 'ผู้รายงาน', 'ตำแหน่ง', 'วันที่'];

/** A form's row numbers as progress gives them, in the form's column order. */
function expected(c: Counts, previous: number): number[] {
  return [
    ...PRODUCER_TYPES.map((p) => c.producersByType[p.code]),
    c.producers,
    ...PRODUCT_CATEGORIES.map((k) => c.productsByCategory[k.code]),
    c.products,
    c.newProducers,
    c.renewedProducers,
    previous,
    c.producers - previous,
  ];
}

const TOTAL = 'รวมทั้งสิ้น';

describe(`registration report form (${TEST_ENGINE})`, () => {
  let t: TestDb;
  const docs: Record<string, ReadDocument> = {};
  const render = async (name: string, params: ReportParams) => {
    const { pdf } = await reportPdf(t.db, 'report-form', params, DEPARTMENT, NOW);
    docs[name] = readDocument(pdf, `report-form-${name}`);
    return docs[name]!;
  };

  beforeAll(async () => {
    t = await createTestDb();
    await prepareDatabase(t.db, { demo: true });
    await render('province-38-2561', { fiscalYear: 2561, provinceCode: '38' });
    await render('province-38-2561-Q4', { roundCode: '2561-Q4', provinceCode: '38' });
    await render('district-3801-2561', { fiscalYear: 2561, districtCode: '3801' });
    await render('district-3804-2561-Q1', { roundCode: '2561-Q1', districtCode: '3804' });
    await render('nation-2561', { fiscalYear: 2561 });
    await render('province-38-2561-ascii', { fiscalYear: 2561, provinceCode: '38', digits: 'ascii' });
  }, 180_000);
  afterAll(async () => t.close());

  it('holds the official typography in every variant: Sarabun embedded, no mark opens a line, no U+200B/U+FFFD, A4, หน้า x/y', () => {
    for (const [name, doc] of Object.entries(docs)) {
      expect(officialPdfProblems(doc, name.endsWith('ascii') ? 'ascii' : 'thai'), name).toEqual([]);
      expect(doc.sizes[0], name).toEqual([841.89, 595.28]); // landscape A4
    }
  });

  it('gives back every district name and อำเภอ exactly as typed in pdftotext -raw (ำ as U+0E33)', () => {
    const raw = docs['province-38-2561']!.raw;
    expect(raw).toContain('อำเภอ');
    for (const d of DISTRICTS) expect(raw, d).toContain(d);
    expect(raw).not.toMatch(/\u0E4D\u0E32/u);
  });

  it('prints the province form with all 8 Bueng Kan districts, the types, the categories, the totals and the signature block', () => {
    const doc = docs['province-38-2561']!;
    expect(missingStrings(doc.raw, [
      'แบบรายงานการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP',
      'ปีงบประมาณ พ.ศ. ๒๕๖๑',
      'จังหวัดบึงกาฬ',
      'อำเภอ',
      ...DISTRICTS,
      ...TYPE_NAMES,
      ...CATEGORY_NAMES,
      'รวม',
      TOTAL,
      'รายใหม่',
      'รายเดิม (ต่ออายุ)',
      'เทียบกับปีงบประมาณ ๒๕๖๐',
      'ข้อมูล ณ วันที่ ๕ ตุลาคม ๒๕๖๑ เวลา ๑๐.๐๐ น.',
      'สถานะการดำเนินงาน',
      'ไตรมาส ๑: อำเภอส่งข้อมูลแล้ว ๘/๘',
      ...SIGNATURE,
    ])).toEqual([]);
    expect(doc.pages).toBe(1);
  });

  it('prints the district form with every subdistrict (ตำบล) of เมืองบึงกาฬ', () => {
    const doc = docs['district-3801-2561']!;
    const [, subdistricts] = BUENG_KAN[0]!;
    expect(missingStrings(doc.raw, ['ตำบล', 'อำเภอเมืองบึงกาฬ จังหวัดบึงกาฬ', ...subdistricts, ...CATEGORY_NAMES, TOTAL, ...SIGNATURE])).toEqual([]);
    expect(squash(doc.raw)).not.toContain(squash('พรเจริญ'));
  });

  it('reconciles: the province form for the year equals progress() row by row and in total', async () => {
    const p = await progress(t.db, { fiscalYear: 2561, provinceCode: '38' }, NOW);
    const layout = docs['province-38-2561']!.layout;
    for (const d of p.districts) expect(rowNumbers(layout, d.nameTh), d.nameTh).toEqual([expected(d, d.previousYearProducers)]);
    expect(rowNumbers(layout, TOTAL)).toEqual([expected(p.total, p.total.previousYearProducers)]);
    expect(p.total.producers).toBeGreaterThan(200); // the demo data set is there
  });

  it('reconciles: the province form for a round equals progress() of the round, compared with the same quarter a year before', async () => {
    const p = await progress(t.db, { fiscalYear: 2561, provinceCode: '38' }, NOW);
    const before = await progress(t.db, { fiscalYear: 2560, provinceCode: '38' }, NOW);
    const cell = p.provinceCells.find((c) => c.roundCode === '2561-Q4')!;
    const previous = before.provinceCells.filter((c) => c.quarter === 4).reduce((n, c) => n + c.producers, 0);
    expect(previous).toBeGreaterThan(0); // FY2560 Q4 is in the demo data: a real comparison
    const layout = docs['province-38-2561-Q4']!.layout;
    expect(rowNumbers(layout, TOTAL)).toEqual([expected(cell, previous)]);
    for (const c of p.cells.filter((x) => x.roundCode === '2561-Q4')) {
      const name = p.districts.find((d) => d.code === c.districtCode)!.nameTh;
      const prev = before.cells.filter((x) => x.districtCode === c.districtCode && x.quarter === 4).reduce((n, x) => n + x.producers, 0);
      expect(rowNumbers(layout, name), name).toEqual([expected(c, prev)]);
    }
    expect(missingStrings(docs['province-38-2561-Q4']!.raw, ['ไตรมาส ๔ ปีงบประมาณ พ.ศ. ๒๕๖๑', 'เทียบกับไตรมาส ๔ ปีงบประมาณ ๒๕๖๐'])).toEqual([]);
  });

  it('reconciles: the subdistrict rows of a district add up to progress() for the district', async () => {
    const year = await progress(t.db, { fiscalYear: 2561, districtCode: '3801' }, NOW);
    expect(rowNumbers(docs['district-3801-2561']!.layout, TOTAL)).toEqual([expected(year.total, year.total.previousYearProducers)]);
    const q1 = await progress(t.db, { fiscalYear: 2561, districtCode: '3804' }, NOW);
    const cell = q1.cells.find((c) => c.roundCode === '2561-Q1')!;
    // FY2560 had no first-quarter round: nothing to compare with, so no 0 and no "+n".
    expect(rowNumbers(docs['district-3804-2561-Q1']!.layout, TOTAL)).toEqual([expected(cell, 0).slice(0, -2)]);
  });

  it('prints – where there is no comparable round (ไตรมาส ๑ ปีงบประมาณ ๒๕๖๐ had none), never ๐ and +n', () => {
    const doc = docs['district-3804-2561-Q1']!;
    const total = doc.layout.split('\n').find((l) => l.trim().startsWith(TOTAL))!;
    expect(total.trim().split(/\s+/).slice(-2)).toEqual(['\u2013', '\u2013']);
    expect(doc.layout).not.toMatch(/\+[\u0E50-\u0E59]/u);
    expect(missingStrings(doc.raw, ['เทียบกับไตรมาส ๑ ปีงบประมาณ ๒๕๖๐', 'ไตรมาส ๑ ปีงบประมาณ ๒๕๖๐ไม่มีรอบการลงทะเบียน'])).toEqual([]);
    // Where there was a round (FY2560 Q4), the figures stay.
    expect(docs['province-38-2561-Q4']!.layout).not.toContain('\u2013 คือ');
  });

  it('reconciles: the national form equals progress() for the nation', async () => {
    const p = await progress(t.db, { fiscalYear: 2561 }, NOW);
    const layout = docs['nation-2561']!.layout;
    expect(rowNumbers(layout, TOTAL)).toEqual([expected(p.total, p.total.previousYearProducers)]);
    expect(rowNumbers(layout, 'บึงกาฬ')).toEqual([expected(p.provinces.find((x) => x.code === '38')!, p.provinces.find((x) => x.code === '38')!.previousYearProducers)]);
    expect(missingStrings(layout, ['ทั่วประเทศ', 'จังหวัด'])).toEqual([]);
  });

  it('prints ASCII digits when asked, and the same numbers', async () => {
    const doc = docs['province-38-2561-ascii']!;
    expect(doc.raw).not.toMatch(/[\u0E50-\u0E59]/u);
    expect(missingStrings(doc.raw, ['ปีงบประมาณ พ.ศ. 2561', 'หน้า 1/1'])).toEqual([]);
    expect(rowNumbers(doc.layout, TOTAL)).toEqual(rowNumbers(docs['province-38-2561']!.layout, TOTAL));
  });

  describe('a national form with every district of many provinces', () => {
    let doc: ReadDocument;
    let provinces: { code: string; name_th: string }[];
    beforeAll(async () => {
      // 30 more provinces × 12 districts, with real Thai place names to wrap and measure.
      const names = ['พระนครศรีอยุธยา', 'บางปะอิน', 'ท่าเรือ', 'นครหลวง', 'บางไทร', 'บางบาล', 'ผักไห่', 'ภาชี', 'ลาดบัวหลวง', 'วังน้อย', 'เสนา', 'บางซ้าย'];
      await t.db.execute(sql`
        insert into provinces (code, name_th, name_en)
        select g::text, 'จังหวัดทดสอบที่' || g, 'Test province ' || g from generate_series(60, 89) g
        on conflict do nothing`);
      await t.db.execute(sql`
        insert into districts (code, province_code, name_th, name_en)
        select p.code || lpad(d::text, 2, '0'), p.code, (array[${sql.join(names.map((n) => sql`${n}`), sql`, `)}])[d] || 'ทดสอบ', 'Test district ' || d
        from provinces p, generate_series(1, 12) d where p.code between '60' and '89'
        on conflict do nothing`);
      const { pdf } = await reportPdf(t.db, 'report-form', { fiscalYear: 2561, detail: 'district' }, DEPARTMENT, NOW);
      doc = readDocument(pdf, 'report-form-nation-districts-2561');
      provinces = await queryRows<{ code: string; name_th: string }>(t.db, sql`select code, name_th from provinces order by code`);
    }, 120_000);

    it('paginates over many pages, each with the header rows and a page number', () => {
      expect(doc.pages).toBeGreaterThanOrEqual(8);
      expect(doc.pages).toBeLessThanOrEqual(30);
      expect(officialPdfProblems(doc)).toEqual([]);
      const tablePages = Array.from({ length: doc.pages }, (_, i) => i + 1).filter((p) => squash(doc.pageRaw[p - 1] ?? '').includes(squash('ทดสอบ')));
      expect(tablePages.length).toBeGreaterThanOrEqual(doc.pages - 1); // the signature block may end on a page of its own
      for (const p of tablePages) {
        const page = squash(doc.pageRaw[p - 1] ?? '');
        for (const head of ['จังหวัด/อำเภอ', 'ผลิตภัณฑ์ (รายการ)', 'ผู้ผลิต ผู้ประกอบการ (ราย)', 'สมุนไพรที่ไม่ใช่อาหาร', 'รายใหม่']) {
          expect(page, `page ${p}: ${head}`).toContain(squash(head));
        }
      }
    });

    it('lists every province and every district, and still totals to progress()', async () => {
      expect(missingStrings(doc.raw, [...provinces.map((p) => p.name_th), ...DISTRICTS, 'พระนครศรีอยุธยาทดสอบ', 'บางซ้ายทดสอบ'])).toEqual([]);
      const p = await progress(t.db, { fiscalYear: 2561 }, NOW);
      expect(rowNumbers(doc.layout, TOTAL)).toEqual([expected(p.total, p.total.previousYearProducers)]);
      // Bueng Kan's group row carries the province's totals, its districts follow.
      expect(rowNumbers(doc.layout, 'บึงกาฬ')).toEqual([expected(p.provinces.find((x) => x.code === '38')!, p.provinces.find((x) => x.code === '38')!.previousYearProducers)]);
      expect(rowNumbers(doc.layout, 'บุ่งคล้า')).toHaveLength(1);
    });
  });
});
