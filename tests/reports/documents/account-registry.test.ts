// The printed account registry is the list a province officer checks for who is still missing:
// every district of the scope is on it, with "ยังไม่มีบัญชี" where no account exists yet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../api/auth/session-user.ts';
import { prepareDatabase } from '../../../api/prepare-database.ts';
import { reportPdf } from '../../../api/reports/documents/report-pdf.ts';
import { districts, users } from '../../../db/schema/index.ts';
import { eq } from 'drizzle-orm';
import { createTestDb, TEST_ENGINE, type TestDb } from '../../support/test-db.ts';
import { DISTRICTS } from '../thai-fixtures.ts';
import { missingExactly, officialPdfProblems, readDocument } from './read-document.ts';

const NOW = new Date('2017-12-28T03:00:00Z');
const DEPARTMENT: SessionUser = { id: 'd', username: 'department', role: 'department', provinceCode: null, districtCode: null, displayName: '', mustChangePassword: false };
const NEW_DISTRICT = 'ทดสอบ';

describe(`account registry (${TEST_ENGINE})`, () => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb();
    await prepareDatabase(t.db, { demo: true });
    // A district created after the accounts were issued: nobody may sign in for it yet.
    await t.db.insert(districts).values({ code: '3899', provinceCode: '38', nameTh: NEW_DISTRICT, nameEn: 'Test New', postalCode: '38000' });
  }, 120_000);
  afterAll(async () => t.close());

  it('lists every district of the province, and says which have no account yet', async () => {
    const { pdf } = await reportPdf(t.db, 'accounts', { provinceCode: '38' }, DEPARTMENT, NOW);
    const doc = readDocument(pdf, 'accounts-38-missing');
    expect(officialPdfProblems(doc)).toEqual([]);
    expect(missingExactly(doc.raw, [...DISTRICTS, NEW_DISTRICT, 'ยังไม่มีบัญชี'])).toEqual([]);
    const line = doc.layout.split('\n').find((l) => l.includes(NEW_DISTRICT))!;
    expect(line).toContain('ยังไม่มีบัญชี');
    // Every district with an account still shows its status, not "no account".
    const withAccounts = await t.db.select({ code: users.districtCode }).from(users).where(eq(users.role, 'district'));
    expect(withAccounts.length).toBeGreaterThan(0);
    expect(doc.layout.split('\n').filter((l) => l.includes('ยังไม่มีบัญชี') && !l.includes('แห่ง'))).toHaveLength(
      DISTRICTS.length + 1 - new Set(withAccounts.map((w) => w.code?.trim())).size,
    );
  });
});
