// The papers as an officer sends them (#17): the plan as the department sent it, its check apart,
// the certification's date written one way, the letter with its four enclosures, the
// department's announcement, and Bangkok's units in its own words. Generated from the demo data
// set and read back by poppler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../../api/prepare-database.ts';
import type { SessionUser } from '../../../api/auth/session-user.ts';
import { reportPdf } from '../../../api/reports/documents/report-pdf.ts';
import { letterZip } from '../../../api/reports/documents/letter-zip.ts';
import { setOfficeProfile } from '../../../api/offices/set-office-profile.ts';
import { renderPdf } from '../../../reports/typeset/render-pdf.ts';
import { accountSheetDocument } from '../../../reports/forms/account-sheet-document.ts';
import JSZip from 'jszip';
import { districts, provinces, subdistricts } from '../../../db/schema/index.ts';
import { execFileSync } from 'node:child_process';
import { tinyPng } from '../../support/tiny-png.ts';
import { BUENG_KAN, DISTRICTS } from '../thai-fixtures.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../../support/test-db.ts';
import { squash } from '../thai-text-checks.ts';
import { missingStrings, officialPdfProblems, readDocument, rowNumbers, type ReadDocument } from './read-document.ts';

const NOW = new Date('2017-12-28T03:00:00Z'); // 28 Dec 2560, 10:00 in Bangkok
const DEPARTMENT: SessionUser = { id: 'd', username: 'department', role: 'department', provinceCode: null, districtCode: null, displayName: '', mustChangePassword: false };
const count = (text: string, what: string) => squash(text).split(squash(what)).length - 1;

describe(`papers as sent (${TEST_ENGINE})`, () => {
  let db: TestDb;
  const docs: Record<string, ReadDocument> = {};
  const render = async (name: string, slug: Parameters<typeof reportPdf>[1], params: Parameters<typeof reportPdf>[2], user = DEPARTMENT) => {
    docs[name] = readDocument((await reportPdf(db.db, slug, params, user, NOW)).pdf, `sent-${name}`, { pngs: false });
    return docs[name]!;
  };

  beforeAll(async () => {
    db = await createTestDb();
    await prepareDatabase(db.db, { demo: true });
  }, 180_000);
  afterAll(async () => db.close());

  describe('the plan, printed as the department sent it', () => {
    it('prints the day counts the plan states (๘๐ วัน) and no audit note, no calendar count', async () => {
      const doc = await render('plan-2561', 'plan', { fiscalYear: 2561 });
      expect(officialPdfProblems(doc)).toEqual([]);
      // Q1–Q3 step 1: the letter states 80 days each.
      expect(count(doc.raw, '๘๐ วัน')).toBe(3);
      for (const s of ['๘๑ วัน', '๗๙ วัน', 'ตามปฏิทิน', 'หนังสือระบุ', 'พิมพ์ผิด', 'ที่ถูกคือ']) expect(squash(doc.raw), s).not.toContain(squash(s));
    });

    it('puts what a check finds in a plan-check report of its own', async () => {
      const doc = await render('plan-check-2561', 'plan-check', { fiscalYear: 2561 });
      expect(officialPdfProblems(doc)).toEqual([]);
      expect(missingStrings(doc.raw, [
        'ผลการตรวจสอบแผนการดำเนินงานการลงทะเบียนผู้ผลิต ผู้ประกอบการ OTOP ปีงบประมาณ พ.ศ. ๒๕๖๑',
        'จำนวนวันตามแผน', 'จำนวนวันตามปฏิทิน', 'ข้อสังเกต',
        'ระบุจำนวน ๘๐ วัน', 'นับได้ ๘๑ วัน',
        'นับได้ ๗๙ วัน',
        'หนังสือระบุปี พ.ศ. ๒๕๖๐ ซึ่งพิมพ์ผิด ที่ถูกคือ พ.ศ. ๒๕๖๑',
        'มีข้อสังเกต ๑๐ ช่วง',
      ])).toEqual([]);
    });
  });

  describe('the certification', () => {
    it('writes its date one way: ประกาศ ณ วันที่ ๒๘ ธันวาคม พ.ศ. ๒๕๖๐, in the announcement and its annex', async () => {
      const doc = await render('certification-38-2561-Q1', 'certification', { provinceCode: '38', roundCode: '2561-Q1' });
      expect(count(doc.raw, 'ประกาศ ณ วันที่')).toBe(2);
      expect(count(doc.raw, 'ประกาศ ณ วันที่ ๒๘ ธันวาคม พ.ศ. ๒๕๖๐')).toBe(2);
    });
  });

  describe('the covering letter as the seed sends it', () => {
    let files: Map<string, ReadDocument>;
    beforeAll(async () => {
      await setOfficeProfile(
        db.db,
        { provinceCode: '38', nameTh: 'สำนักงานพัฒนาชุมชนจังหวัดบึงกาฬ', address: 'ศาลากลางจังหวัดบึงกาฬ ถนนบึงกาฬ-นครพนม อำเภอเมืองบึงกาฬ บก 38000', phone: '0 4249 2311', email: 'buengkan@cdd.go.th', emblem: tinyPng(60) },
        { actor: { id: null, username: 'test' }, now: NOW },
      );
      const { zip } = await letterZip(db.db, { provinceCode: '38', roundCode: '2561-Q2' }, DEPARTMENT, NOW);
      const archive = await JSZip.loadAsync(zip);
      files = new Map();
      for (const name of Object.keys(archive.files).sort()) {
        files.set(name, readDocument(await archive.file(name)!.async('nodebuffer'), `sent-zip-${name.replace(/\.pdf$/, '')}`, { pngs: false }));
      }
    }, 180_000);

    it('comes as one ZIP: the letter, the plan, a blank form and an account sheet per district, the guidelines — each numbered from its own page 1', () => {
      const codes = BUENG_KAN.map((_, i) => `380${i + 1}`);
      expect([...files.keys()]).toEqual([
        ...codes.map((c) => `enclosure-2-report-form-${c}-2561-Q2.pdf`),
        ...codes.map((c) => `enclosure-3-accounts-${c}.pdf`),
        'enclosure-1-plan-2561.pdf',
        'enclosure-4-guidelines-2561.pdf',
        'letter-38-2561-Q2.pdf',
      ].sort());
      for (const [name, doc] of files) {
        expect(officialPdfProblems(doc), name).toEqual([]); // 'หน้า x/y' of its own on every page
        expect(squash(doc.pageRaw[0] ?? ''), name).toContain(squash(`หน้า ๑/`));
      }
    });

    it('is marked ด่วนที่สุด, lists the four enclosures with their counts, and prints the office’s address, phone, e-mail and emblem', () => {
      const doc = files.get('letter-38-2561-Q2.pdf')!;
      expect(missingStrings(doc.raw, [
        'ด่วนที่สุด',
        'ที่ บก ๐๐๑๙.๓/',
        'ศาลากลางจังหวัดบึงกาฬ ถนนบึงกาฬ-นครพนม อำเภอเมืองบึงกาฬ บก ๓๘๐๐๐',
        'เรื่อง การลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP ไตรมาส ๒ ปีงบประมาณ พ.ศ. ๒๕๖๑',
        'เรียน นายอำเภอทุกอำเภอ',
        'มอบหมายให้สำนักงานพัฒนาชุมชนอำเภอ ดำเนินการลงทะเบียน',
        'อ้างถึง',
        '๑. แผนการดำเนินงานการลงทะเบียนผู้ผลิต ผู้ประกอบการ OTOP ปีงบประมาณ พ.ศ. ๒๕๖๑',
        '๒. แบบรายงานการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP (อำเภอละ ๑ ชุด)',
        '๓. ทะเบียนผู้ใช้งานโปรแกรมลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP (อำเภอละ ๑ ชุด)',
        '๔. แนวทางการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP',
        '(สิ่งที่ส่งมาด้วย ๓)', '(สิ่งที่ส่งมาด้วย ๔)',
        'โทร./โทรสาร ๐ ๔๒๔๙ ๒๓๑๑',
        'ไปรษณีย์อิเล็กทรอนิกส์ buengkan@cdd.go.th',
      ])).toEqual([]);
      expect(count(doc.raw, 'จำนวน ๘ ชุด')).toBe(2);
      expect(count(doc.raw, 'จำนวน ๑ ฉบับ')).toBe(2);
      const images = execFileSync('pdfimages', ['-list', doc.file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
      expect(images).toHaveLength(1);
      expect(images[0]).toMatch(/\s60\s+60\s/);
    });

    it('encloses the blank form of each district: its subdistricts named, nothing filled in, no certified or announced mark', () => {
      const doc = files.get('enclosure-2-report-form-3801-2561-Q2.pdf')!;
      expect(missingStrings(doc.raw, ['แบบรายงานการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP', 'ไตรมาส ๒ ปีงบประมาณ พ.ศ. ๒๕๖๑ อำเภอเมืองบึงกาฬ จังหวัดบึงกาฬ', 'ตำบล', 'รวมทั้งสิ้น', ...BUENG_KAN[0]![1]])).toEqual([]);
      for (const s of ['รับรองแล้ว', 'ประกาศ', 'ข้อมูล ณ วันที่', 'สถานะการดำเนินงาน']) expect(squash(doc.raw), s).not.toContain(squash(s));
      for (const name of BUENG_KAN[0]![1]) expect(rowNumbers(doc.layout, name), name).toEqual([[]]);
      expect(rowNumbers(doc.layout, 'รวมทั้งสิ้น')).toEqual([[]]);
      // Another district's form has its own subdistricts, not these.
      const other = files.get('enclosure-2-report-form-3808-2561-Q2.pdf')!;
      expect(missingStrings(other.raw, BUENG_KAN[7]![1])).toEqual([]);
      expect(squash(other.raw)).not.toContain(squash('โนนสมบูรณ์'));
    });

    it('encloses each district’s own account sheet only, and the guidelines as a paper', () => {
      const mine = files.get('enclosure-3-accounts-3801.pdf')!;
      expect(missingStrings(mine.raw, ['ทะเบียนผู้ใช้งานโปรแกรมลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP', 'อำเภอเมืองบึงกาฬ'])).toEqual([]);
      for (const other of DISTRICTS.slice(1)) expect(squash(mine.raw), other).not.toContain(squash(other));
      const guide = files.get('enclosure-4-guidelines-2561.pdf')!;
      expect(missingStrings(guide.raw, ['แนวทางการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP ปีงบประมาณ พ.ศ. ๒๕๖๑', 'ผู้มีสิทธิ์ลงทะเบียน', 'เอกสารที่ต้องใช้', 'กลุ่มผู้ผลิตชุมชน', 'สมุนไพรที่ไม่ใช่อาหาร', 'ช่วงเวลาตามแผน'])).toEqual([]);
    });

    it('prints the activation-code sheet one district to a page: each office receives only its own', async () => {
      const rows = [0, 1, 2].map((i) => ({ username: `amphoe380${i + 1}`, districtCode: `380${i + 1}`, districtNameTh: `อำเภอ${BUENG_KAN[i]![0]}`, activationCode: `AAAAA-BBBBB-C${i}C${i}C`, expiresAt: '2017-09-14T17:00:00.000Z' }));
      const doc = readDocument(await renderPdf(accountSheetDocument(rows, { issuedAt: NOW, scopeTh: 'จังหวัดบึงกาฬ' }), { creationDate: NOW }), 'sent-account-sheet', { pngs: false });
      expect(doc.pages).toBe(3);
      rows.forEach((r, i) => {
        const page = doc.pageRaw[i] ?? '';
        expect(page).toContain(r.activationCode);
        for (const other of rows.filter((o) => o !== r)) expect(page).not.toContain(other.activationCode);
      });
    });
  });

  describe('Bangkok in its own words: เขต and แขวง', () => {
    beforeAll(async () => {
      await db.db.insert(provinces).values({ code: '10', nameTh: 'กรุงเทพมหานคร', nameEn: 'Bangkok' }).onConflictDoNothing();
      await db.db.insert(districts).values({ code: '1001', provinceCode: '10', nameTh: 'พระนคร', nameEn: 'Phra Nakhon', postalCode: '10200' }).onConflictDoNothing();
      await db.db.insert(subdistricts).values([
        { code: '100101', districtCode: '1001', nameTh: 'พระบรมมหาราชวัง', nameEn: 'Phra Borom Maha Ratchawang', postalCode: '10200' },
        { code: '100102', districtCode: '1001', nameTh: 'วังบูรพาภิรมย์', nameEn: 'Wang Burapha Phirom', postalCode: '10200' },
      ]).onConflictDoNothing();
    });

    it('names Bangkok’s units เขต and แขวง on the report forms, never อำเภอ or ตำบล', async () => {
      const district = await render('bangkok-1001', 'report-form', { districtCode: '1001', roundCode: '2561-Q1' });
      expect(missingStrings(district.raw, ['เขตพระนคร กรุงเทพมหานคร', 'แขวง', 'พระบรมมหาราชวัง', 'วังบูรพาภิรมย์'])).toEqual([]);
      const province = await render('bangkok-10', 'report-form', { provinceCode: '10', roundCode: '2561-Q1' });
      expect(missingStrings(province.raw, ['กรุงเทพมหานคร', 'เขต', 'พระนคร'])).toEqual([]);
      for (const doc of [district, province]) {
        for (const word of ['อำเภอ', 'ตำบล', 'จังหวัดกรุงเทพมหานคร']) expect(squash(doc.raw), word).not.toContain(squash(word));
      }
    });

    it('addresses Bangkok’s letter to its เขต, and its blank forms list แขวง', async () => {
      const { zip } = await letterZip(db.db, { provinceCode: '10', roundCode: '2561-Q2' }, DEPARTMENT, NOW);
      const archive = await JSZip.loadAsync(zip);
      const letter = readDocument(await archive.file('letter-10-2561-Q2.pdf')!.async('nodebuffer'), 'sent-bangkok-letter', { pngs: false });
      // Bangkok has no community-development office in each เขต: the district office's section registers.
      expect(missingStrings(letter.raw, ['เรียน ผู้อำนวยการเขตทุกเขต', 'มอบหมายให้ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม สำนักงานเขต', '(เขตละ ๑ ชุด)'])).toEqual([]);
      for (const word of ['นายอำเภอ', 'สำนักงานพัฒนาชุมชน']) expect(squash(letter.raw), word).not.toContain(squash(word));
      const form = readDocument(await archive.file('enclosure-2-report-form-1001-2561-Q2.pdf')!.async('nodebuffer'), 'sent-bangkok-form', { pngs: false });
      expect(missingStrings(form.raw, ['เขตพระนคร กรุงเทพมหานคร', 'แขวง', 'พระบรมมหาราชวัง'])).toEqual([]);
      for (const word of ['อำเภอ', 'ตำบล']) expect(squash(form.raw), word).not.toContain(squash(word));
    });

    it('signs Bangkok’s letter for the governor of Bangkok with a title left to write, from the city hall — no provincial CDD office or title', async () => {
      const { zip } = await letterZip(db.db, { provinceCode: '10', roundCode: '2561-Q2' }, DEPARTMENT, NOW);
      const letter = readDocument(await (await JSZip.loadAsync(zip)).file('letter-10-2561-Q2.pdf')!.async('nodebuffer'), 'sent-bangkok-signature', { pngs: false });
      expect(missingStrings(letter.raw, ['ปฏิบัติราชการแทนผู้ว่าราชการกรุงเทพมหานคร', 'ตำแหน่ง', 'ศาลาว่าการกรุงเทพมหานคร', 'ให้กรุงเทพมหานครทราบ'])).toEqual([]);
      for (const invented of ['พัฒนาการกรุงเทพมหานคร', 'สำนักงานพัฒนาชุมชนกรุงเทพมหานคร', 'ศาลากลางกรุงเทพมหานคร', 'ให้จังหวัดทราบ']) {
        expect(squash(letter.raw), invented).not.toContain(squash(invented));
      }
    });

    it('signs with the position the office profile names, in place of the default lines', async () => {
      const office = { provinceCode: '38', nameTh: 'สำนักงานพัฒนาชุมชนจังหวัดบึงกาฬ', address: 'ศาลากลางจังหวัดบึงกาฬ', phone: '0 4249 2311', email: 'buengkan@cdd.go.th' };
      const actor = { actor: { id: null, username: 'test' }, now: NOW };
      await setOfficeProfile(db.db, { ...office, signerPosition: 'รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน\n\nผู้ว่าราชการจังหวัดบึงกาฬ' }, actor);
      try {
        const { zip } = await letterZip(db.db, { provinceCode: '38', roundCode: '2561-Q3' }, DEPARTMENT, NOW);
        const letter = readDocument(await (await JSZip.loadAsync(zip)).file('letter-38-2561-Q3.pdf')!.async('nodebuffer'), 'sent-signer', { pngs: false });
        const lines = letter.raw.split('\n').map((l) => squash(l));
        expect(lines).toContain(squash('รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน'));
        expect(lines).toContain(squash('ผู้ว่าราชการจังหวัดบึงกาฬ'));
        expect(squash(letter.raw)).not.toContain(squash('พัฒนาการจังหวัดบึงกาฬ'));
      } finally {
        await setOfficeProfile(db.db, office, actor);
      }
      const { zip } = await letterZip(db.db, { provinceCode: '38', roundCode: '2561-Q3' }, DEPARTMENT, NOW);
      const letter = readDocument(await (await JSZip.loadAsync(zip)).file('letter-38-2561-Q3.pdf')!.async('nodebuffer'), 'sent-signer-default', { pngs: false });
      expect(missingStrings(letter.raw, ['พัฒนาการจังหวัดบึงกาฬ ปฏิบัติราชการแทน', 'ผู้ว่าราชการจังหวัดบึงกาฬ'])).toEqual([]);
    });

    it('names the registry’s district column for its rows: เขต for Bangkok, อำเภอ/เขต nationally, a Bangkok row’s level เขต', async () => {
      const bangkok = await render('accounts-bangkok', 'accounts', { provinceCode: '10' });
      expect(bangkok.raw).toContain('เขต');
      expect(squash(bangkok.raw)).not.toContain(squash('อำเภอ'));
      const nation = await render('accounts-nation', 'accounts', {});
      expect(nation.raw).toContain('อำเภอ/เขต');
      expect(nation.raw).toMatch(/พระนคร\s+-\s+เขต\s/u);
      expect(nation.raw).toMatch(/บุ่งคล้า\s+\S+\s+อำเภอ\s/u);
    });
  });
});
