// Nothing an officer prints runs off the page: a producer name with a long unbreakable Latin
// run, a 200-character Thai name or a 40-digit number must break inside its cell (between
// grapheme clusters when there is no better place), and no table grows past the text column.
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../../reports/typeset/render-pdf.ts';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { accountRegistryDocument } from '../../../reports/forms/account-registry-document.ts';
import { accountSheetDocument } from '../../../reports/forms/account-sheet-document.ts';
import { certificationDocument, type CertificationInput } from '../../../reports/forms/certification-document.ts';
import { reportFormDocument, type ReportFormCounts, type ReportFormInput } from '../../../reports/forms/report-form-document.ts';
import { pdfWordBoxes } from '../read-pdf.ts';
import { squash } from '../thai-text-checks.ts';
import { officialPdfProblems, readDocument } from './read-document.ts';

const CM = 72 / 2.54;
const BIG = 1e39; // prints as a 40-digit number
const LATIN_60 = 'OTOPCommunityEnterpriseBuengKanSilkWeavingGroup2560ABCDEFGHIJ'.slice(0, 60);
const DIGITS_40 = '1234567890'.repeat(4);
const THAI_200 = 'วิสาหกิจชุมชนกลุ่มทอผ้าไหมบ้านหนองน้ำใสพัฒนา'.repeat(5).slice(0, 200);

function adversarial(): CertificationInput {
  const registrations = [
    { producerName: LATIN_60, producerType: 'sme' as const, subdistrictNameTh: DIGITS_40, products: [{ name: DIGITS_40, category: 'food' as const }] },
    { producerName: THAI_200, producerType: 'community-group' as const, subdistrictNameTh: 'หอคำ', products: [{ name: `${LATIN_60} ${THAI_200}`, category: 'textile' as const }] },
    { producerName: `ร้าน${LATIN_60}${DIGITS_40}`, producerType: 'single-owner' as const, subdistrictNameTh: THAI_200, products: [{ name: 'ผ้าไหม', category: 'textile' as const }] },
  ];
  return {
    provinceNameTh: 'บึงกาฬ',
    fiscalYear: 2561,
    quarter: 1,
    issuedOn: '2017-12-28',
    districts: [
      { code: '3801', nameTh: LATIN_60, certified: true, registrations },
      { code: '3802', nameTh: THAI_200, certified: true, registrations: registrations.slice(1) },
      { code: '3803', nameTh: DIGITS_40, certified: false, registrations: [] },
    ],
  };
}

function counts(n: number): ReportFormCounts {
  return {
    producersByType: { 'community-group': n, 'single-owner': n, sme: n },
    producers: n,
    productsByCategory: { food: n, beverage: n, textile: n, household: n, herbal: n },
    products: n,
    newProducers: n,
    renewedProducers: n,
    previousProducers: n,
  };
}

function adversarialReportForm(): ReportFormInput {
  const names = [THAI_200, LATIN_60, DIGITS_40, 'เมืองบึงกาฬ'];
  return {
    level: 'province',
    districtNameTh: null,
    provinceNameTh: THAI_200,
    fiscalYear: 2561,
    quarter: 1,
    asOf: new Date('2017-12-28T03:00:00Z'),
    rows: names.map((nameTh, i) => ({ code: `380${i + 1}`, nameTh, state: null, ...counts(BIG) })),
    total: counts(BIG),
    status: [],
    comparable: true,
  };
}

function adversarialAccounts(): TDocumentDefinitions[] {
  const accounts = [LATIN_60, `${LATIN_60}${DIGITS_40}`, 'district3801'].map((username, i) => ({
    username,
    role: 'district' as const,
    provinceNameTh: THAI_200,
    districtNameTh: i === 0 ? THAI_200 : LATIN_60,
    disabled: false,
    hasPassword: i === 2,
    activationPending: i !== 2,
    activationExpiresAt: '2018-01-11T17:00:00.000Z',
  }));
  const sheet = accounts.map((a, i) => ({
    username: a.username!,
    districtCode: `380${i + 1}`,
    districtNameTh: `อำเภอ${a.districtNameTh}`,
    activationCode: `${DIGITS_40}-${LATIN_60}`,
    expiresAt: '2018-01-11T17:00:00.000Z',
  }));
  return [
    accountRegistryDocument({ scopeTh: `จังหวัด${THAI_200}`, asOf: new Date('2017-12-28T03:00:00Z'), accounts }),
    accountSheetDocument(sheet, { issuedAt: new Date('2017-12-28T03:00:00Z'), scopeTh: `จังหวัด${THAI_200}` }),
  ];
}

/** Words whose box leaves the printable area of their page (the document's own margins). */
function outsideTheBox(doc: ReturnType<typeof readDocument>, margins: { left: number; right: number }): string[] {
  const outside: string[] = [];
  for (let page = 1; page <= doc.pages; page++) {
    const [width, height] = doc.sizes[page - 1]!;
    for (const w of pdfWordBoxes(doc.file, page)) {
      if (w.xMin < margins.left - 0.5 || w.xMax > width - margins.right + 0.5 || w.yMin < 0 || w.yMax > height) {
        outside.push(`page ${page}: ${w.text.slice(0, 30)} [${w.xMin.toFixed(1)}–${w.xMax.toFixed(1)}]`);
      }
    }
  }
  return outside;
}

const CREATED = { creationDate: new Date('2017-12-28T03:00:00Z') };

describe('the content box', () => {
  it('keeps every word of a certification with adversarial names inside the page margins, and prints them whole', async () => {
    const pdf = await renderPdf(certificationDocument(adversarial()), CREATED);
    const doc = readDocument(pdf, 'certification-adversarial', { pngs: false });
    expect(officialPdfProblems(doc)).toEqual([]);
    expect(outsideTheBox(doc, { left: 3 * CM, right: 2 * CM })).toEqual([]);
    // Broken across lines, but nothing lost.
    const all = squash(doc.raw);
    for (const s of [LATIN_60, DIGITS_40, THAI_200]) expect(all).toContain(squash(s));
  });

  it('keeps a report form with a 200-letter province, 60-letter districts and 40-digit counts inside its margins', async () => {
    const pdf = await renderPdf(reportFormDocument(adversarialReportForm()), CREATED);
    const doc = readDocument(pdf, 'report-form-adversarial', { pngs: false });
    expect(officialPdfProblems(doc)).toEqual([]);
    expect(outsideTheBox(doc, { left: 2 * CM, right: 2 * CM })).toEqual([]);
    const all = squash(doc.raw);
    for (const s of [LATIN_60, DIGITS_40, THAI_200]) expect(all).toContain(squash(s));
  });

  it('keeps the account registry and the activation sheet inside their margins, usernames and codes whole', async () => {
    for (const [i, definition] of adversarialAccounts().entries()) {
      const doc = readDocument(await renderPdf(definition, CREATED), `accounts-adversarial-${i}`, { pngs: false });
      expect(officialPdfProblems(doc)).toEqual([]);
      expect(outsideTheBox(doc, { left: 3 * CM, right: 2 * CM }), `document ${i}`).toEqual([]);
      const all = squash(doc.raw);
      for (const s of [LATIN_60, THAI_200]) expect(all).toContain(squash(s));
    }
  });
});
