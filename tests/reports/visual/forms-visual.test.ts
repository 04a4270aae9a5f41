// Visual regression of the official forms: page 1 of each form, rendered from the demo data at
// 30 dpi in gray, must match its reviewed reference (tests/reports/visual/<form>.png) within a
// small share of pixels. A change that moves a table, drops a rule or reflows a paragraph
// shows here even when every string is still in the text layer.
//
// After a deliberate change: `npm run test:visual:update` rewrites the references (and the
// 70 dpi pictures of docs/forms/ the README shows); look at them before committing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../api/auth/session-user.ts';
import { prepareDatabase } from '../../../api/prepare-database.ts';
import { placeNames } from '../../../api/queries/place-names.ts';
import { reportDocument, type ReportParams, type ReportSlug } from '../../../api/reports/documents/report-document.ts';
import { accountSheetDocument } from '../../../reports/forms/account-sheet-document.ts';
import { renderPdf } from '../../../reports/typeset/render-pdf.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../../support/test-db.ts';
import { BUENG_KAN } from '../thai-fixtures.ts';
import { pixelDifference, readGrayPng } from './gray-png.ts';

const REFERENCE_DIR = fileURLToPath(new URL('./', import.meta.url));
const DOCS_DIR = fileURLToPath(new URL('../../../docs/forms/', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('../../../artifacts/reports/visual/', import.meta.url));
const UPDATE = process.env.UPDATE_VISUAL === '1';
// Share of pixels that may differ: anti-aliasing across poppler builds, not a moved line (a
// line of text moved one row changes several per cent of a page).
const TOLERANCE = 0.004;

const NOW = new Date('2017-12-28T03:00:00Z');
const DEPARTMENT: SessionUser = { id: 'd', username: 'department', role: 'department', provinceCode: null, districtCode: null, displayName: '', mustChangePassword: false };
const FORMS: ReadonlyArray<[name: string, slug: ReportSlug, params: ReportParams]> = [
  ['plan', 'plan', { fiscalYear: 2561 }],
  ['report-form', 'report-form', { provinceCode: '38', roundCode: '2561-Q1' }],
  ['certification', 'certification', { provinceCode: '38', roundCode: '2561-Q1' }],
  ['account-registry', 'accounts', { provinceCode: '38' }],
  ['summary', 'summary', { provinceCode: '38', fiscalYear: 2561 }],
  ['covering-letter', 'letter', { provinceCode: '38', roundCode: '2561-Q2' }],
];
const NAMES = [...FORMS.map(([n]) => n), 'account-sheet'];

function pagePng(pdf: string, dpi: number, prefix: string): Buffer {
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, prefix]);
  return readFileSync(`${prefix}.png`);
}

describe(`visual regression of the forms (${TEST_ENGINE})`, () => {
  let db: TestDb;
  const pages: Record<string, Buffer> = {};

  beforeAll(async () => {
    db = await createTestDb();
    await prepareDatabase(db.db, { demo: true });
    mkdirSync(OUT_DIR, { recursive: true });
    const knownPhrases = await placeNames(db.db, { provinceCode: '38' });
    const render = async (name: string, doc: TDocumentDefinitions) => {
      const file = `${OUT_DIR}${name}.pdf`;
      writeFileSync(file, await renderPdf(doc, { creationDate: NOW, knownPhrases }));
      pages[name] = pagePng(file, 30, `${OUT_DIR}${name}`);
      if (UPDATE) {
        writeFileSync(`${REFERENCE_DIR}${name}.png`, pages[name]!);
        mkdirSync(DOCS_DIR, { recursive: true });
        pagePng(file, 70, `${DOCS_DIR}${name}`);
      }
    };
    for (const [name, slug, params] of FORMS) await render(name, (await reportDocument(db.db, slug, params, DEPARTMENT, NOW)).doc);
    const rows = BUENG_KAN.map(([district], i) => ({
      username: `amphoe380${i + 1}`,
      districtCode: `380${i + 1}`,
      districtNameTh: `อำเภอ${district}`,
      activationCode: 'K7Q2M-X9D4P-A1B2C',
      expiresAt: '2018-01-11T17:00:00.000Z',
    }));
    await render('account-sheet', accountSheetDocument(rows, { issuedAt: NOW, scopeTh: 'จังหวัดบึงกาฬ' }));
  }, 300_000);
  afterAll(async () => db.close());

  it.each(NAMES)('%s: page 1 matches its reviewed reference', (name) => {
    const reference = readGrayPng(readFileSync(`${REFERENCE_DIR}${name}.png`));
    const now = readGrayPng(pages[name]!);
    expect([now.width, now.height]).toEqual([reference.width, reference.height]);
    expect(pixelDifference(now, reference)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('notices a change: the reference against another form, and against itself shifted by a line', () => {
    const plan = readGrayPng(readFileSync(`${REFERENCE_DIR}certification.png`));
    const letter = readGrayPng(readFileSync(`${REFERENCE_DIR}covering-letter.png`));
    expect(pixelDifference(plan, letter)).toBeGreaterThan(TOLERANCE);
    const shifted = { ...plan, pixels: new Uint8Array(plan.pixels.length).fill(255) };
    shifted.pixels.set(plan.pixels.subarray(0, plan.pixels.length - plan.width * 5), plan.width * 5);
    expect(pixelDifference(plan, shifted)).toBeGreaterThan(TOLERANCE);
  });
});
