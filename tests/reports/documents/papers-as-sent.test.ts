// The papers as an officer sends them (#17): the plan as the department sent it, its check apart,
// the certification's date written one way, the letter with its four enclosures, the
// department's announcement, and Bangkok's units in its own words. Generated from the demo data
// set and read back by poppler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../../api/prepare-database.ts';
import type { SessionUser } from '../../../api/auth/session-user.ts';
import { reportPdf } from '../../../api/reports/documents/report-pdf.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../../support/test-db.ts';
import { squash } from '../thai-text-checks.ts';
import { missingStrings, officialPdfProblems, readDocument, type ReadDocument } from './read-document.ts';

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
});
