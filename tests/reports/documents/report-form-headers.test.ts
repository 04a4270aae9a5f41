// Header cells keep their words whole, and the name column keeps the longest district names
// whole, on every variant of the report form — with the real names of the provinces whose
// districts are named longest (Bangkok's 50 เขต, Nakhon Si Thammarat, Prachuap Khiri Khan).
// Read back from the laid-out definition (which line each word landed on) and from
// `pdftotext -raw` of the rendered PDF. Pure: no database, so the same on both engines.
import { describe, expect, it } from 'vitest';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { PRODUCER_TYPES } from '../../../domain/producer-types.ts';
import { PRODUCT_CATEGORIES } from '../../../domain/product-categories.ts';
import { reportFormDocument, type ReportFormCounts, type ReportFormInput, type ReportFormRow } from '../../../reports/forms/report-form-document.ts';
import { HEADER_FONT_FLOOR, layoutThaiDocument } from '../../../reports/typeset/layout-thai-document.ts';
import { renderPdf, typesetDocument } from '../../../reports/typeset/render-pdf.ts';
import { BANGKOK_KHET, NAKHON_SI_THAMMARAT_AMPHOE, PRACHUAP_KHIRI_KHAN_AMPHOE } from '../long-place-names.ts';
import { BUENG_KAN } from '../thai-fixtures.ts';
import { readDocument } from './read-document.ts';

const NOW = new Date('2018-10-05T03:00:00Z');
// The words of the type and category labels a reader sees as one word each.
const LABEL_WORDS = [
  'กลุ่ม', 'เจ้าของรายเดียว', 'วิสาหกิจ', 'ขนาดกลาง', 'ขนาดย่อม',
  'อาหาร', 'เครื่องดื่ม', 'เครื่องแต่งกาย', 'ของใช้', 'ของตกแต่ง', 'ของที่ระลึก', 'สมุนไพร',
  'รายใหม่', 'รายเดิม', 'ต่ออายุ',
];

function counts(n: number): ReportFormCounts {
  return {
    producersByType: Object.fromEntries(PRODUCER_TYPES.map((p) => [p.code, n])) as ReportFormCounts['producersByType'],
    producers: 3 * n,
    productsByCategory: Object.fromEntries(PRODUCT_CATEGORIES.map((c) => [c.code, 2 * n])) as ReportFormCounts['productsByCategory'],
    products: 10 * n,
    newProducers: n,
    renewedProducers: 2 * n,
    previousProducers: 2 * n,
  };
}

const row = (code: string, nameTh: string, n: number): ReportFormRow => ({ code, nameTh, state: { kind: 'rounds', action: 'certified', done: 4, of: 4 }, ...counts(n) });

function provinceForm(provinceCode: string, provinceNameTh: string, districts: readonly string[]): ReportFormInput {
  return {
    level: 'province', provinceCode, provinceNameTh, districtNameTh: null, fiscalYear: 2561, quarter: null, asOf: NOW,
    rows: districts.map((d, i) => row(`${provinceCode}${String(i + 1).padStart(2, '0')}`, d, 123)),
    total: counts(1_234), status: [],
  };
}

const PROVINCES: ReadonlyArray<[code: string, name: string, districts: readonly string[]]> = [
  ['10', 'กรุงเทพมหานคร', BANGKOK_KHET],
  ['80', 'นครศรีธรรมราช', NAKHON_SI_THAMMARAT_AMPHOE],
  ['77', 'ประจวบคีรีขันธ์', PRACHUAP_KHIRI_KHAN_AMPHOE],
  ['38', 'บึงกาฬ', BUENG_KAN.map(([d]) => d)],
];
const KNOWN = PROVINCES.flatMap(([, p, ds]) => [p, ...ds]);

const FORMS: ReadonlyArray<[name: string, input: ReportFormInput]> = [
  ...PROVINCES.map(([code, name, ds]): [string, ReportFormInput] => [`province-${code}`, provinceForm(code, name, ds)]),
  ['province-80-blank', { ...provinceForm('80', 'นครศรีธรรมราช', NAKHON_SI_THAMMARAT_AMPHOE), blank: true }],
  ['district-3801', {
    level: 'district', provinceCode: '38', provinceNameTh: 'บึงกาฬ', districtNameTh: 'เมืองบึงกาฬ', fiscalYear: 2561, quarter: 1, asOf: NOW,
    rows: (BUENG_KAN[0]?.[1] ?? []).map((s, i) => ({ ...row(`3801${i}`, s, 12), state: null })), total: counts(144), status: [],
  }],
  ['nation-districts', {
    level: 'nation', provinceCode: null, provinceNameTh: null, districtNameTh: null, fiscalYear: 2561, quarter: null, asOf: NOW, rows: [],
    groups: PROVINCES.map(([code, name, ds]) => ({ ...row(code, name, 1_234), rows: ds.map((d, i) => row(`${code}${i}`, d, 123)) })),
    total: counts(31_000), status: [],
  }],
];

type Obj = Record<string, unknown>;
const lines = (cell: Obj): string[] => (Array.isArray(cell.text) ? cell.text.map((i: Obj) => String(i.text)).join('') : String(cell.text ?? '')).split('\n');

function table(doc: TDocumentDefinitions): Obj {
  return (doc.content as unknown as Obj[]).find((c) => c.table !== undefined)!.table as Obj;
}

describe('report form: whole words in the header, whole names in the rows', () => {
  it.each(FORMS)('%s: no label word is split across the header cell lines, and no header is set under 7 pt', (_name, input) => {
    const laid = typesetDocument(reportFormDocument(input), { knownPhrases: KNOWN, creationDate: NOW });
    const header = (table(laid).body as Obj[][]).slice(0, 2).flat().filter((c) => c.text !== undefined);
    for (const cell of header) {
      const ls = lines(cell);
      for (const word of LABEL_WORDS) if (ls.join('').includes(word)) expect(ls.some((l) => l.includes(word)), `${word} in ${ls.join('|')}`).toBe(true);
      expect(Number(cell.fontSize ?? 8.5)).toBeGreaterThanOrEqual(HEADER_FONT_FLOOR);
    }
  });

  it.each(FORMS)('%s: every area name fits its line in the laid-out table', (_name, input) => {
    const laid = typesetDocument(reportFormDocument(input), { knownPhrases: KNOWN, creationDate: NOW });
    const names = (table(laid).body as Obj[][]).slice(2, -1).map((r) => lines(r[1] as Obj));
    for (const n of names) expect(n, n.join('|')).toHaveLength(1);
  });

  it.each(FORMS.filter(([n]) => !n.endsWith('blank')))('%s: pdftotext -raw gives back every label word, district name and number whole', async (name, input) => {
    const pdf = await renderPdf(reportFormDocument(input), { knownPhrases: KNOWN, creationDate: NOW });
    const raw = readDocument(pdf, `report-form-headers-${name}`, { pngs: false }).raw;
    for (const word of LABEL_WORDS) expect(raw, word).toContain(word);
    const names = input.groups ? input.groups.flatMap((g) => [g.nameTh, ...g.rows.map((r) => r.nameTh)]) : input.rows.map((r) => r.nameTh);
    for (const n of names) expect(raw, n).toMatch(new RegExp(`(^|\\s)${n}(\\s|$)`, 'mu'));
  });

  it('layout engine: a narrow header column keeps its word by shrinking that cell only, down to the floor; with room it widens instead', () => {
    const doc = (widths: (number | string)[]): TDocumentDefinitions => ({
      pageSize: 'A4', pageMargins: 40, defaultStyle: { font: 'Sarabun', fontSize: 10 },
      content: [{ table: { headerRows: 1, widths, body: [[{ text: 'ชื่อ' }, { text: 'เครื่องดื่ม', fontSize: 8.5, bold: true }, { text: 'อาหาร', fontSize: 8.5, bold: true }], ['บึงโขงหลง', '๑', '๒']] } }],
    });
    const header = (d: TDocumentDefinitions) => ((table(layoutThaiDocument(d)).body as Obj[][])[0] ?? []);
    // With room: the column grows to the word, the font stays.
    const roomy = header(doc(['*', 24, 24]));
    expect(lines(roomy[1]!)).toEqual(['เครื่องดื่ม']);
    expect(roomy[1]!.fontSize).toBe(8.5);
    // No room (the name column needs all the rest): the word shrinks to fit, its neighbour keeps 8.5 pt.
    const tight = layoutThaiDocument({ ...doc([435, 24, 24]), pageMargins: [40, 40, 40, 40] });
    const cells = (table(tight).body as Obj[][])[0]!;
    expect(lines(cells[1]!)).toEqual(['เครื่องดื่ม']);
    expect(Number(cells[1]!.fontSize)).toBeLessThan(8.5);
    expect(Number(cells[1]!.fontSize)).toBeGreaterThanOrEqual(HEADER_FONT_FLOOR);
    expect(cells[2]!.fontSize).toBe(8.5);
  });
});
