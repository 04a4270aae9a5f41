// The other official documents, generated from the demo data set and read back by poppler:
// the plan (enclosure 1), the certification announcement with its annex, the account registry
// and the activation-code sheet (enclosure 3), the managers' summary with its ECharts charts,
// and the covering letter with the plan and the report form as following pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../../api/prepare-database.ts';
import type { SessionUser } from '../../../api/auth/session-user.ts';
import { progress } from '../../../api/queries/progress.ts';
import { roundPlan } from '../../../api/queries/round-plan.ts';
import { reportPdf } from '../../../api/reports/documents/report-pdf.ts';
import { renderPdf } from '../../../reports/typeset/render-pdf.ts';
import { accountSheetDocument } from '../../../reports/forms/account-sheet-document.ts';
import { formText } from '../../../reports/forms/form-text.ts';
import { PLAN_STEP_TEXT } from '../../../reports/forms/plan-document.ts';
import { producersByAreaChart, producersByQuarterChart, productsByCategoryChart } from '../../../reports/forms/summary-document.ts';
import { thaiDateRange } from '../../../reports/forms/thai-date-range.ts';
import { PRODUCER_TYPES } from '../../../domain/producer-types.ts';
import { PRODUCT_CATEGORIES } from '../../../domain/product-categories.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../../support/test-db.ts';
import { pdfWordBoxes } from '../read-pdf.ts';
import { BUENG_KAN, DISTRICTS } from '../thai-fixtures.ts';
import { squash } from '../thai-text-checks.ts';
import { missingExactly, missingStrings, numbersIn, officialPdfProblems, readDocument, type ReadDocument } from './read-document.ts';

const NOW = new Date('2017-12-28T03:00:00Z'); // 28 Dec 2560, 10:00 in Bangkok: FY2561 Q1 is being certified
const DEPARTMENT: SessionUser = { id: 'd', username: 'department', role: 'department', provinceCode: null, districtCode: null, displayName: '', mustChangePassword: false };
const CATEGORY_NAMES = PRODUCT_CATEGORIES.map((c) => c.th);
const t = formText('thai');
const CM = 72 / 2.54;

describe(`official documents (${TEST_ENGINE})`, () => {
  let db: TestDb;
  const docs: Record<string, ReadDocument> = {};

  beforeAll(async () => {
    db = await createTestDb();
    await prepareDatabase(db.db, { demo: true });
    const render = async (name: string, slug: Parameters<typeof reportPdf>[1], params: Parameters<typeof reportPdf>[2]) => {
      docs[name] = readDocument((await reportPdf(db.db, slug, params, DEPARTMENT, NOW)).pdf, name);
    };
    await render('plan-2561', 'plan', { fiscalYear: 2561 });
    await render('certification-38-2561-Q1', 'certification', { provinceCode: '38', roundCode: '2561-Q1' });
    await render('accounts-national', 'accounts', {});
    await render('summary-38-2561', 'summary', { provinceCode: '38', fiscalYear: 2561 });
    await render('summary-3801-2561', 'summary', { districtCode: '3801', fiscalYear: 2561 });
    await render('summary-national-2561', 'summary', { fiscalYear: 2561 });
    await render('letter-38-2561-Q2', 'letter', { provinceCode: '38', roundCode: '2561-Q2' });
  }, 180_000);
  afterAll(async () => db.close());

  it('every document holds the official typography: Sarabun embedded, no mark opens a line, no U+200B/U+FFFD, A4, หน้า x/y', () => {
    for (const [name, doc] of Object.entries(docs)) expect(officialPdfProblems(doc), name).toEqual([]);
  });

  it('gives back, character for character, the words with ำ that were typeset (ำ as U+0E33)', () => {
    const am = (names: readonly string[]) => names.filter((n) => n.includes('\u0E33'));
    expect(missingExactly(docs['plan-2561']!.raw, ['รายละเอียดการดำเนินงาน', 'จำนวนวัน', 'อำเภอ'])).toEqual([]);
    expect(missingExactly(docs['certification-38-2561-Q1']!.raw, ['ประกาศจังหวัดบึงกาฬ', 'อำเภอ', 'ตำบล', 'ผลการรับรอง'])).toEqual([]);
    // Subdistrict names from the database: หอคำ, คำนาดี.
    const subdistricts = am(BUENG_KAN[0]![1]);
    expect(subdistricts.length).toBeGreaterThan(0);
    for (const mode of ['raw', 'layout'] as const) expect(missingExactly(docs['summary-3801-2561']![mode], subdistricts), mode).toEqual([]);
    expect(missingExactly(docs['letter-38-2561-Q2']!.raw, ['สำนักงานพัฒนาชุมชนจังหวัดบึงกาฬ', 'เรียน นายอำเภอทุกอำเภอ', 'จำนวน ๑ ฉบับ'])).toEqual([]);
    expect(missingExactly(docs['accounts-national']!.raw, ['ทะเบียนผู้ใช้งานโปรแกรมลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP'])).toEqual([]);
    for (const [name, doc] of Object.entries(docs)) expect(doc.raw + doc.layout, name).not.toMatch(/\u0E4D/u);
  });

  describe('the operation plan', () => {
    it('lays out every quarter, step, what, days, dates and who from the plan in the database', async () => {
      const doc = docs['plan-2561']!;
      const rounds = await roundPlan(db.db, { fiscalYear: 2561 });
      expect(rounds).toHaveLength(4);
      const expectedStrings = [
        'แผนการดำเนินงานการลงทะเบียนผู้ผลิต ผู้ประกอบการ OTOP ปีงบประมาณ พ.ศ. ๒๕๖๑',
        'ระยะเวลาดำเนินการ', 'ขั้นตอนที่', 'รายละเอียดการดำเนินงาน', 'จำนวนวัน', 'ผู้รับผิดชอบ',
        ...Object.values(PLAN_STEP_TEXT),
        'อำเภอ', 'จังหวัด/กรุงเทพมหานคร', 'กรมการพัฒนาชุมชน',
      ];
      for (const r of rounds) {
        expectedStrings.push(`ไตรมาส ${t.d(r.quarter)}`);
        for (const w of r.windows) expectedStrings.push(thaiDateRange(w.startDate, w.endDate, t), `${t.d(w.statedDays)} วัน`);
      }
      expect(missingStrings(doc.raw, expectedStrings)).toEqual([]);
      expect(missingStrings(doc.raw, ['๑ ตุลาคม - ๒๐ ธันวาคม ๒๕๖๐', '๒๓ - ๒๙ ธันวาคม ๒๕๖๐', '๓๐ ธันวาคม ๒๕๖๐', '๒๘ กันยายน ๒๕๖๑'])).toEqual([]);
      // A plan note's English half is not printed on a Thai form.
      expect(doc.raw).not.toMatch(/The letter/);
      expect(doc.sizes[0]).toEqual([841.89, 595.28]);
      for (let p = 1; p <= doc.pages; p++) expect(squash(doc.pageRaw[p - 1] ?? ''), `page ${p}`).toContain(squash('รายละเอียดการดำเนินงาน'));
    });
  });

  describe('the certification announcement', () => {
    it('announces the province’s certified registrations of the round, in the official wording, with the annex per district', async () => {
      const doc = docs['certification-38-2561-Q1']!;
      expect(missingStrings(doc.raw, [
        'ประกาศจังหวัดบึงกาฬ',
        'เรื่อง รับรองข้อมูลผลการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP ไตรมาส ๑ ปีงบประมาณ พ.ศ. ๒๕๖๑',
        'ประกาศ ณ วันที่ ๒๘ ธันวาคม พ.ศ. ๒๕๖๐',
        'ผู้ว่าราชการจังหวัดบึงกาฬ',
        'บัญชีแนบท้ายประกาศจังหวัดบึงกาฬ',
        'อำเภอ', 'ตำบล', 'ผลการรับรอง', 'รับรองแล้ว',
        ...DISTRICTS,
        ...CATEGORY_NAMES,
        ...PRODUCER_TYPES.map((p) => p.th),
      ])).toEqual([]);
      // Reconciliation: the announced totals are the round's producers and products of the certified districts.
      const p = await progress(db.db, { fiscalYear: 2561, provinceCode: '38' }, NOW);
      const certified = p.cells.filter((c) => c.roundCode === '2561-Q1' && c.state === 'certified');
      expect(certified).toHaveLength(8);
      const producers = certified.reduce((n, c) => n + c.producers, 0);
      const products = certified.reduce((n, c) => n + c.products, 0);
      expect(squash(doc.raw)).toContain(squash(`มีผู้ผลิตผู้ประกอบการ OTOP จำนวน ${t.n(producers)} ราย ผลิตภัณฑ์ จำนวน ${t.n(products)} รายการ`));
      const totalLine = doc.layout.split('\n').find((l) => /^\s*รวม\s/u.test(l.normalize('NFKC')));
      expect(numbersIn((totalLine ?? '').trim().split(/\s+/))).toEqual([producers, products]);
      for (const c of certified) {
        const name = p.districts.find((d) => d.code === c.districtCode)!.nameTh;
        expect(squash(doc.raw)).toContain(squash(`อำเภอ${name}: ผู้ผลิตผู้ประกอบการ ${t.n(c.producers)} ราย ผลิตภัณฑ์ ${t.n(c.products)} รายการ`));
      }
      // Public: no citizen ID (13 digits, in any digits) anywhere.
      expect(doc.raw).not.toMatch(/[0-9\u0E50-\u0E59]{13}/u);
      // The annex table's header repeats on every page it runs over.
      for (let page = 3; page <= doc.pages; page++) expect(squash(doc.pageRaw[page - 1] ?? ''), `page ${page}`).toContain(squash('ชื่อผู้ผลิตผู้ประกอบการ'));
    });

    it('leaves the top of the first page empty for the Garuda, and prints no stand-in for it', () => {
      const doc = docs['certification-38-2561-Q1']!;
      expect(doc.raw).not.toContain('ครุฑ');
      const words = pdfWordBoxes(doc.file, 1);
      const top = Math.min(...words.map((w) => w.yMin));
      expect(top).toBeGreaterThan(2.5 * CM + 50); // nothing in the emblem's space below the top margin
    });
  });

  describe('accounts', () => {
    it('lists usernames, areas, roles and activation status — never a code or a password', () => {
      const doc = docs['accounts-national']!;
      expect(missingStrings(doc.raw, ['ทะเบียนผู้ใช้งานโปรแกรมลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP', 'ทั่วประเทศ', 'district3801', 'province38', 'department', 'เมืองบึงกาฬ', 'บึงกาฬ', 'เปิดใช้งานแล้ว', 'ชื่อผู้ใช้งาน', 'สถานะ'])).toEqual([]);
      expect(doc.raw).not.toMatch(/[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}/);
      expect(doc.raw.toLowerCase()).not.toContain('demo-');
    });

    it('prints the activation-code sheet when codes are issued: usernames and codes kept in ASCII, Thai digits elsewhere', async () => {
      const rows = BUENG_KAN.slice(0, 8).map(([name], i) => ({
        username: `amphoe380${i + 1}`,
        districtCode: `380${i + 1}`,
        districtNameTh: `อำเภอ${name}`,
        activationCode: ['7K2QM', 'X9D4P', `A${i}B${i}C`].join('-'),
        expiresAt: '2017-09-14T17:00:00.000Z',
      }));
      const pdf = await renderPdf(accountSheetDocument(rows, { issuedAt: new Date('2017-08-31T02:00:00Z'), scopeTh: 'จังหวัดบึงกาฬ' }), { creationDate: NOW });
      const doc = readDocument(pdf, 'account-sheet-38');
      expect(officialPdfProblems(doc)).toEqual([]);
      expect(missingStrings(doc.raw, ['ทะเบียนผู้ใช้งานโปรแกรมลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP', 'รหัสเปิดใช้งาน (ใช้ได้ครั้งเดียว)', 'ใช้ได้ถึง', '๑๕ ก.ย. ๒๕๖๐', 'ออกรหัสเมื่อ ๓๑ สิงหาคม ๒๕๖๐ เวลา ๐๙.๐๐ น.', ...DISTRICTS])).toEqual([]);
      for (const r of rows) {
        expect(doc.raw).toContain(r.username);
        expect(doc.raw).toContain(r.activationCode);
      }
      expect(doc.raw).not.toMatch(/รหัสผ่าน\s*:/u);
    });
  });

  describe('the managers’ summary', () => {
    it('draws every chart label as text, inside the page, the matrix on the next page and the map after it', async () => {
      const doc = docs['summary-38-2561']!;
      expect(doc.pages).toBeLessThanOrEqual(3);
      const page1 = squash(doc.pageRaw[0] ?? '');
      for (const s of [...DISTRICTS, ...CATEGORY_NAMES, ...PRODUCER_TYPES.map((p) => p.th), 'ไตรมาส ๑', 'ไตรมาส ๔', 'สะสม']) expect(page1, s).toContain(squash(s));
      const words = pdfWordBoxes(doc.file, 1);
      for (const d of DISTRICTS) {
        const box = words.find((w) => squash(w.text) === squash(d));
        expect(box, d).toBeDefined();
        expect(box!.xMin, d).toBeGreaterThanOrEqual(3 * CM - 0.5);
        expect(box!.xMax, d).toBeLessThanOrEqual(595.28 - 2 * CM + 0.5);
      }
      // Nothing on the page (charts included) runs out of the text column.
      const outside = words.filter((w) => w.xMin < 3 * CM - 0.5 || w.xMax > 595.28 - 2 * CM + 0.5).map((w) => w.text);
      expect(outside).toEqual([]);
      const p = await progress(db.db, { fiscalYear: 2561, provinceCode: '38' }, NOW);
      expect(page1).toContain(squash(t.n(p.total.producers)));
      expect(missingStrings(doc.pageRaw[1] ?? '', ['สถานะการดำเนินงานรายอำเภอ รายไตรมาส', ...DISTRICTS, 'จังหวัดรับรองแล้ว'])).toEqual([]);
    });

    it('summarises a district by subdistrict and the nation by province', () => {
      expect(missingStrings(docs['summary-3801-2561']!.raw, ['อำเภอเมืองบึงกาฬ จังหวัดบึงกาฬ', ...BUENG_KAN[0]![1]])).toEqual([]);
      expect(missingStrings(docs['summary-national-2561']!.raw, ['ทั่วประเทศ', 'บึงกาฬ', 'จังหวัด'])).toEqual([]);
    });

    it('builds chart options that follow the rules: every category label shown, none rotated', () => {
      const bars = [{ code: '3801', nameTh: 'เมืองบึงกาฬ', producers: 3, producersByType: { 'community-group': 1, 'single-owner': 1, sme: 1 } }];
      const options = [
        producersByAreaChart(bars, t),
        productsByCategoryChart({ food: 1, beverage: 2, textile: 3, household: 4, herbal: 5 }, t),
        producersByQuarterChart([{ quarter: 1, producers: 4 }], t),
      ];
      for (const o of options) {
        const axes = [o.xAxis, o.yAxis].flat() as { type?: string; axisLabel?: { interval?: number; rotate?: number } }[];
        for (const axis of axes.filter((a) => a.type === 'category')) {
          expect(axis.axisLabel?.interval).toBe(0);
          expect(axis.axisLabel?.rotate ?? 0).toBe(0);
        }
      }
    });
  });

  describe('the covering letter', () => {
    it('is laid out as an official external letter, filled from the round and the province', () => {
      const doc = docs['letter-38-2561-Q2']!;
      // The letter runs to a second page now that it names its four enclosures: the head is on the first.
      expect(missingStrings(doc.pageRaw[0] ?? '', ['ที่ บก ๐๐๑๙.๓/', 'เรียน นายอำเภอทุกอำเภอ', 'สิ่งที่ส่งมาด้วย'])).toEqual([]);
      expect(missingStrings(doc.raw, [
        'ที่ บก ๐๐๑๙.๓/',
        'สำนักงานพัฒนาชุมชนจังหวัดบึงกาฬ',
        'ศาลากลางจังหวัดบึงกาฬ',
        'อำเภอเมืองบึงกาฬ บก ๓๘๐๐๐',
        '๒๘ ธันวาคม ๒๕๖๐',
        'เรื่อง การลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP ไตรมาส ๒ ปีงบประมาณ พ.ศ. ๒๕๖๑',
        'เรียน นายอำเภอทุกอำเภอ',
        'อ้างถึง หนังสือจังหวัดบึงกาฬ ที่ บก ๐๐๑๙.๓/ว',
        'สิ่งที่ส่งมาด้วย',
        '๑. แผนการดำเนินงานการลงทะเบียนผู้ผลิต ผู้ประกอบการ OTOP ปีงบประมาณ พ.ศ. ๒๕๖๑',
        'จำนวน ๑ ฉบับ',
        '๒. แบบรายงานการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP',
        'จำนวน ๘ ชุด',
        'ระหว่างวันที่ ๑ มกราคม - ๒๐ มีนาคม ๒๕๖๑',
        'ระหว่างวันที่ ๒๓ - ๒๙ มีนาคม ๒๕๖๑',
        'จึงเรียนมาเพื่อโปรดพิจารณาดำเนินการ',
        'ขอแสดงความนับถือ',
        'พัฒนาการจังหวัดบึงกาฬ ปฏิบัติราชการแทน',
        'ผู้ว่าราชการจังหวัดบึงกาฬ',
        'กลุ่มงานส่งเสริมการพัฒนาชุมชน',
        'โทร./โทรสาร',
      ])).toEqual([]);
      expect(doc.raw).not.toContain('ครุฑ');
      // Positions of an official letter: ที่ at the left margin, the date from the centre, the closing right of centre.
      const words = pdfWordBoxes(doc.file, 1);
      const first = (text: string) => words.find((w) => squash(w.text) === squash(text));
      expect(first('ที่')!.xMin).toBeCloseTo(3 * CM, 0);
      // The Garuda's space: nothing in it but the urgency line at its left.
      expect(Math.min(...words.filter((w) => squash(w.text) !== squash('ด่วนที่สุด')).map((w) => w.yMin))).toBeGreaterThan(2.5 * CM + 45);
      expect(first('๒๘')!.xMin).toBeGreaterThanOrEqual(595.28 / 2 - 15);
      expect(first('ขอแสดงความนับถือ')!.xMin).toBeGreaterThan(595.28 / 2 - 40);
    });

    it('is the letter alone, numbered from its own first page: the enclosures are documents of their own (letter.zip)', () => {
      const doc = docs['letter-38-2561-Q2']!;
      expect(doc.pages).toBeLessThanOrEqual(2);
      for (const p of doc.sizes) expect(p).toEqual([595.28, 841.89]);
      expect(squash(doc.raw)).not.toContain(squash('ระยะเวลาดำเนินการ')); // the plan's header
      expect(squash(doc.raw)).not.toContain(squash('รวมทั้งสิ้น'));
    });
  });
});
