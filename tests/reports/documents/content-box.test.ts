// Nothing an officer prints runs off the page: a producer name with a long unbreakable Latin
// run, a 200-character Thai name or a 40-digit number must break inside its cell (between
// grapheme clusters when there is no better place), and no table grows past the text column.
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../../reports/typeset/render-pdf.ts';
import { certificationDocument, type CertificationInput } from '../../../reports/forms/certification-document.ts';
import { pdfWordBoxes } from '../read-pdf.ts';
import { squash } from '../thai-text-checks.ts';
import { officialPdfProblems, readDocument } from './read-document.ts';

const CM = 72 / 2.54;
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
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

describe('the content box', () => {
  it('keeps every word of a certification with adversarial names inside the page margins, and prints them whole', async () => {
    const pdf = await renderPdf(certificationDocument(adversarial()), { creationDate: new Date('2017-12-28T03:00:00Z') });
    const doc = readDocument(pdf, 'certification-adversarial');
    expect(officialPdfProblems(doc)).toEqual([]);
    const outside: string[] = [];
    for (let page = 1; page <= doc.pages; page++) {
      for (const w of pdfWordBoxes(doc.file, page)) {
        if (w.xMin < 3 * CM - 0.5 || w.xMax > PAGE_WIDTH - 2 * CM + 0.5 || w.yMin < 0 || w.yMax > PAGE_HEIGHT) {
          outside.push(`page ${page}: ${w.text.slice(0, 30)} [${w.xMin.toFixed(1)}–${w.xMax.toFixed(1)}]`);
        }
      }
    }
    expect(outside).toEqual([]);
    // Broken across lines, but nothing lost.
    const all = squash(doc.raw);
    for (const s of [LATIN_60, DIGITS_40, THAI_200]) expect(all).toContain(squash(s));
  });
});
