// Text in = text out, for every form the system makes: each line that was typeset (the laid-out
// definition renderPdf hands to pdfmake) is found, character for character, in what
// `pdftotext -raw` extracts — no normalisation, so ำ must come back as U+0E33 and no space may
// appear inside a Thai word. The names an officer searches for (producers, districts,
// categories, อำเภอ) come back whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { prepareDatabase } from '../../../api/prepare-database.ts';
import type { SessionUser } from '../../../api/auth/session-user.ts';
import { placeNames } from '../../../api/queries/place-names.ts';
import { certificationData } from '../../../api/reports/documents/certification-data.ts';
import { reportDocument, type ReportParams, type ReportSlug } from '../../../api/reports/documents/report-document.ts';
import { reportPeriod } from '../../../api/reports/documents/report-period.ts';
import { PRODUCT_CATEGORIES } from '../../../domain/product-categories.ts';
import { accountSheetDocument } from '../../../reports/forms/account-sheet-document.ts';
import { renderPdf, typesetDocument, type RenderPdfOptions } from '../../../reports/typeset/render-pdf.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../../support/test-db.ts';
import { BUENG_KAN, DISTRICTS } from '../thai-fixtures.ts';
import { typesetLines } from '../typeset-lines.ts';
import { missingExactly, readDocument } from './read-document.ts';

const NOW = new Date('2017-12-28T03:00:00Z'); // FY2561 Q1 is being certified
const DEPARTMENT: SessionUser = { id: 'd', username: 'department', role: 'department', provinceCode: null, districtCode: null, displayName: '', mustChangePassword: false };
const FORMS: ReadonlyArray<[name: string, slug: ReportSlug, params: ReportParams]> = [
  ['plan', 'plan', { fiscalYear: 2561 }],
  ['report-form', 'report-form', { provinceCode: '38', roundCode: '2561-Q1' }],
  ['report-form-district', 'report-form', { districtCode: '3801', roundCode: '2561-Q1' }],
  ['certification', 'certification', { provinceCode: '38', roundCode: '2561-Q1' }],
  ['account-registry', 'accounts', { provinceCode: '38' }],
  ['summary', 'summary', { provinceCode: '38', fiscalYear: 2561 }],
  ['covering-letter', 'letter', { provinceCode: '38', roundCode: '2561-Q2' }],
];

interface Rendered {
  lines: string[];
  raw: string;
}

/** The typeset lines not found verbatim in the extracted text (runs of spaces count as one). */
function missingLines(r: Rendered): string[] {
  const raw = r.raw.replace(/[ \t]+/g, ' ');
  return r.lines.map((l) => l.replace(/\s+/g, ' ')).filter((l) => !raw.includes(l));
}

describe(`text in = text out, every form (${TEST_ENGINE})`, () => {
  let db: TestDb;
  const forms: Record<string, Rendered> = {};
  let producers: string[] = [];

  beforeAll(async () => {
    db = await createTestDb();
    await prepareDatabase(db.db, { demo: true });
    const render = async (name: string, doc: TDocumentDefinitions, opts: RenderPdfOptions) => {
      const lines = typesetLines(typesetDocument(doc, opts));
      const read = readDocument(await renderPdf(doc, opts), `text-layer-${name}`, { pngs: false });
      forms[name] = { lines, raw: read.raw };
    };
    const knownPhrases = await placeNames(db.db, { provinceCode: '38' });
    for (const [name, slug, params] of FORMS) {
      const { doc } = await reportDocument(db.db, slug, params, DEPARTMENT, NOW);
      await render(name, doc, { creationDate: NOW, knownPhrases });
    }
    const sheetRows = BUENG_KAN.map(([district], i) => ({
      username: `amphoe380${i + 1}`,
      districtCode: `380${i + 1}`,
      districtNameTh: `อำเภอ${district}`,
      activationCode: 'K7Q2M-X9D4P-A1B2C',
      expiresAt: '2018-01-11T17:00:00.000Z',
    }));
    await render('account-sheet', accountSheetDocument(sheetRows, { issuedAt: NOW, scopeTh: 'จังหวัดบึงกาฬ' }), { creationDate: NOW, knownPhrases });
    const period = await reportPeriod(db.db, { roundCode: '2561-Q1' }, NOW, 'certifying');
    const cert = await certificationData(db.db, '38', period.round!, NOW);
    producers = [...new Set(cert.districts.flatMap((d) => d.registrations.map((r) => r.producerName)))];
  }, 300_000);
  afterAll(async () => db.close());

  it.each(FORMS.map(([name]) => name).concat('account-sheet'))('%s: every typeset line comes out of pdftotext -raw exactly', (name) => {
    const r = forms[name]!;
    expect(r.lines.length).toBeGreaterThan(5);
    for (const l of r.lines) expect(l.normalize('NFC'), 'typeset text is NFC').toBe(l);
    expect(missingLines(r)).toEqual([]);
    expect(r.raw).not.toMatch(/\u0E4D\u0E32/u);
  });

  it('gives back every certified producer name, every district, every category label and อำเภอ', () => {
    expect(producers.length).toBeGreaterThan(50);
    expect(producers.filter((p) => p.includes('\u0E33')).length).toBeGreaterThan(0);
    expect(missingExactly(forms.certification!.raw, producers)).toEqual([]);
    const labels = PRODUCT_CATEGORIES.map((c) => c.th);
    expect(missingExactly(forms['report-form']!.raw, [...DISTRICTS, ...labels, 'อำเภอ'])).toEqual([]);
    for (const d of DISTRICTS) expect(forms['report-form']!.raw).toContain(d);
    expect(forms['report-form']!.raw).toContain('อำเภอ');
  });
});
