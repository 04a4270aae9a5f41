// The acceptance tests of Thai typography in PDF reports: a document with a long Thai
// paragraph without spaces, a narrow-columned table over several pages and a bar chart of the
// 8 Bueng Kan districts is rendered once, then read back by poppler (pdftotext -raw and
// -layout, pdffonts, pdfinfo) — an independent reader — and every requirement is asserted on
// what it reads. Pages are also written as PNG to artifacts/reports/ for people to look at.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { beforeAll, describe, expect, it } from 'vitest';
import { toThaiDigits } from '../../domain/thai-digits.ts';
import { chartContent, type ReportChartOption } from '../../reports/typeset/chart-svg.ts';
import { renderPdf } from '../../reports/typeset/render-pdf.ts';
import { BUENG_KAN, CATEGORIES, DISTRICTS, LETTER_PARAGRAPHS, MARK_WORDS } from './thai-fixtures.ts';
import { pdfFontsOf, pdfPageCount, pdfText, pdfTextInArea, pdfWordBoxes, renderPngs, type TextMode } from './read-pdf.ts';
import { findLinesSpelling, lineStartOffsets, linesStartingWithMark, squash, wordBoundaries } from './thai-text-checks.ts';

const OUT_DIR = fileURLToPath(new URL('../../artifacts/reports/', import.meta.url));
const PDF_FILE = `${OUT_DIR}thai-typography.pdf`;
const CREATED = new Date('2017-08-31T09:00:00+07:00');

// A4 with the official margins renderPdf applies: 3 cm left, 2 cm right.
const CONTENT_LEFT = (3 * 72) / 2.54;
const CONTENT_WIDTH = 595.28 - CONTENT_LEFT - (2 * 72) / 2.54;
const CHART = { width: Math.floor(CONTENT_WIDTH), height: 250 };

const TITLE = 'รายงานการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP ปี ๒๕๖๐ จังหวัดบึงกาฬ';
const PARAGRAPHS = LETTER_PARAGRAPHS.map((p) => p.replace(/\s+/g, '')); // Thai run on, no spaces at all
const HEADER = ['ที่', 'อำเภอ', 'ตำบล', 'ประเภทผลิตภัณฑ์', 'คำที่มีวรรณยุกต์ซ้อน', 'ปีงบประมาณ'];
const REPEATED_HEADER = 'คำที่มีวรรณยุกต์ซ้อน'; // fits its column on one line
const CHART_TITLE = 'จำนวนผู้ผลิตที่ลงทะเบียนรายอำเภอ';
const COUNTS = [412, 187, 203, 256, 131, 118, 97, 145];

const ROWS: string[][] = BUENG_KAN.flatMap(([district, tambons]) => tambons.map((tambon) => [district, tambon])).map(
  ([district, tambon], i) => [
    toThaiDigits(i + 1),
    district as string,
    tambon as string,
    CATEGORIES[i % CATEGORIES.length] as string,
    `${MARK_WORDS[i % MARK_WORDS.length]} ${MARK_WORDS[(i + 1) % MARK_WORDS.length]}`,
    i % 2 ? '๒๕๖๑' : '๒๕๖๐',
  ],
);

function districtChart(): ReportChartOption {
  return {
    title: { text: CHART_TITLE, left: 'center', textStyle: { fontSize: 15 } },
    grid: { left: 44, right: 12, top: 52, bottom: 36 },
    // interval 0: every district gets its label; with Sarabun's real widths they do not collide.
    xAxis: { type: 'category', data: [...DISTRICTS], axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', data: COUNTS, label: { show: true, position: 'top' } }],
  };
}

function typographyDocument(): TDocumentDefinitions {
  return {
    info: { title: 'ทดสอบการจัดวางข้อความภาษาไทย' },
    content: [
      { text: TITLE, bold: true, fontSize: 16, margin: [0, 0, 0, 8] },
      ...PARAGRAPHS.map((text) => ({ text, leadingIndent: 36, margin: [0, 0, 0, 6] as [number, number, number, number] })),
      { text: [{ text: 'คำที่วางสระและวรรณยุกต์ซ้อนกัน: ', bold: true }, MARK_WORDS.join(' ')], margin: [0, 0, 0, 10] },
      chartContent(districtChart(), CHART),
      {
        margin: [0, 10, 0, 0],
        table: {
          headerRows: 1,
          dontBreakRows: true,
          // narrow fixed columns, one '*' and one 'auto': all resolved by the Thai layout
          widths: [22, 46, 56, 62, '*', 'auto'],
          body: [HEADER.map((text) => ({ text, bold: true })), ...ROWS],
        },
      },
    ],
  };
}

let pdf: Buffer;
let pages: number;
const text: Record<TextMode, string> = { raw: '', layout: '' };
// pageText[mode][p - 1]: the text of page p
const pageText: Record<TextMode, string[]> = { raw: [], layout: [] };
const pageNumbers = (): number[] => Array.from({ length: pages }, (_, i) => i + 1);

beforeAll(async () => {
  pdf = await renderPdf(typographyDocument(), { creationDate: CREATED });
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(PDF_FILE, pdf);
  renderPngs(PDF_FILE, `${OUT_DIR}thai-typography`);
  pages = pdfPageCount(PDF_FILE);
  text.raw = pdfText(PDF_FILE, 'raw');
  text.layout = pdfText(PDF_FILE, 'layout');
  for (const mode of ['raw', 'layout'] as const) pageText[mode] = pageNumbers().map((p) => pdfText(PDF_FILE, mode, p));
});

describe('Thai typography in a rendered report', () => {
  it('embeds Sarabun regular and bold', () => {
    const fonts = pdfFontsOf(PDF_FILE);
    expect(fonts.filter((f) => f.name === 'Sarabun-Regular' && f.embedded)).not.toHaveLength(0);
    expect(fonts.filter((f) => f.name === 'Sarabun-Bold' && f.embedded)).not.toHaveLength(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
  });

  it.each(['raw', 'layout'] as const)('extracts no box, no U+200B, no U+FFFD and no line opening with a mark (%s)', (mode) => {
    expect(text[mode]).not.toMatch(/[\u200B\uFFFD]/u);
    expect(linesStartingWithMark(text[mode])).toEqual([]);
  });

  it.each(['raw', 'layout'] as const)('gives back the paragraphs, title and stacked-mark words up to NFKC (%s)', (mode) => {
    const all = squash(text[mode]);
    for (const expected of [TITLE, ...PARAGRAPHS, ...MARK_WORDS, CHART_TITLE, ...DISTRICTS]) {
      expect(all, expected).toContain(squash(expected));
    }
  });

  it('gives back every table cell, in order, up to NFKC (raw)', () => {
    const all = squash(text.raw);
    let at = 0;
    for (const cell of [...HEADER, ...ROWS.flat()]) {
      const found = all.indexOf(squash(cell), at);
      expect(found, `cell "${cell}" after offset ${at}`).toBeGreaterThanOrEqual(0);
      at = found + squash(cell).length;
    }
  });

  it('wraps the spaceless paragraphs only at Thai word boundaries, on the lines it was given', () => {
    for (const paragraph of PARAGRAPHS) {
      const lines = findLinesSpelling(text.raw, paragraph);
      expect(lines, 'paragraph found as consecutive lines').not.toBeNull();
      expect((lines ?? []).length).toBeGreaterThan(3); // it did wrap
      const boundaries = wordBoundaries(paragraph);
      const breaks = lineStartOffsets(paragraph, lines ?? []);
      const bad = breaks.filter((b) => !boundaries.has(b)).map((b) => `${paragraph.slice(b - 6, b)}|${paragraph.slice(b, b + 6)}`);
      expect(bad).toEqual([]);
    }
  });

  it('wraps narrow table cells at word boundaries', () => {
    // Read the district column alone on every page the table is on (its header word gives
    // the left edge, the next header word the right): names wider than the 46 pt column must
    // come out as whole words, one part per line.
    let column = '';
    for (const p of pageNumbers()) {
      const words = pdfWordBoxes(PDF_FILE, p);
      const left = words.find((w) => squash(w.text) === squash(HEADER[1] as string));
      const right = words.find((w) => squash(w.text) === squash(HEADER[2] as string));
      if (!left || !right) continue;
      column += pdfTextInArea(PDF_FILE, 'raw', p, { x: left.xMin - 1, y: 0, width: right.xMin - left.xMin - 4, height: 842 });
    }
    for (const district of ['เมืองบึงกาฬ', 'บึงโขงหลง']) {
      const lines = findLinesSpelling(column, district);
      expect(lines, district).not.toBeNull();
      expect((lines ?? []).length, district).toBe(2);
      for (const b of lineStartOffsets(district, lines ?? [])) expect(wordBoundaries(district).has(b), district).toBe(true);
    }
  });

  it('paginates the table over at least three pages with its header on each', () => {
    expect(pages).toBeGreaterThanOrEqual(3);
    const tablePages = pageNumbers().filter((p) => ROWS.some((row) => squash(pageText.raw[p - 1] ?? '').includes(squash(row[2] ?? ''))));
    expect(tablePages.length).toBeGreaterThanOrEqual(3);
    for (const p of tablePages) expect(squash(pageText.layout[p - 1] ?? ''), `page ${p}`).toContain(squash(REPEATED_HEADER));
  });

  it("numbers every page 'หน้า x/y' in Thai digits", () => {
    for (const p of pageNumbers()) expect(pageText.raw[p - 1]).toContain(`หน้า ${toThaiDigits(p)}/${toThaiDigits(pages)}`);
  });

  it('draws all 8 district labels of the chart as text, inside the chart and apart', () => {
    const page = pageNumbers().find((p) => squash(pageText.raw[p - 1] ?? '').includes(squash(CHART_TITLE)));
    expect(page).toBeDefined();
    const words = pdfWordBoxes(PDF_FILE, page ?? 1);
    const labels = DISTRICTS.map((d) => words.find((w) => squash(w.text) === squash(d)));
    expect(labels.map((l) => l?.text.normalize('NFKC'))).toEqual(DISTRICTS.map((d) => d.normalize('NFKC')));
    const boxes = labels.flatMap((l) => (l ? [l] : [])).sort((a, b) => a.xMin - b.xMin);
    for (const box of boxes) {
      expect(box.xMin).toBeGreaterThanOrEqual(CONTENT_LEFT - 0.5);
      expect(box.xMax).toBeLessThanOrEqual(CONTENT_LEFT + CHART.width + 0.5);
    }
    boxes.slice(1).forEach((box, i) => expect(box.xMin, box.text).toBeGreaterThan((boxes[i] as { xMax: number }).xMax));
  });

  it('renders byte-identical output for a fixed creation date', async () => {
    const again = await renderPdf(typographyDocument(), { creationDate: CREATED });
    expect(again.equals(pdf)).toBe(true);
  });

  it("offers ASCII page numbers ('หน้า 1/1')", async () => {
    const file = `${OUT_DIR}thai-typography-ascii.pdf`;
    writeFileSync(file, await renderPdf({ content: 'ตำบลบุ่งคล้า' }, { pageNumbers: 'ascii', creationDate: CREATED }));
    expect(pdfText(file, 'raw')).toContain('หน้า 1/1');
  });
});
