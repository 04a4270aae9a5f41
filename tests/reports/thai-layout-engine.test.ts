// The parts of the Thai typography engine, each against an independent oracle: pdfkit's own
// width, Intl.Segmenter's word boundaries, Unicode NFKC, the SVG ECharts writes.
import PDFDocument from 'pdfkit';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { describe, expect, it } from 'vitest';
import { chartContent, measureChartText, renderChartSvg } from '../../reports/typeset/chart-svg.ts';
import { layoutThaiDocument } from '../../reports/typeset/layout-thai-document.ts';
import { orderMarksForExtraction } from '../../reports/typeset/order-marks-for-extraction.ts';
import { sarabunFontFiles } from '../../reports/typeset/pdf-fonts.ts';
import { sarabunMetrics } from '../../reports/typeset/sarabun-metrics.ts';
import { svgWithTextOverlay } from '../../reports/typeset/svg-text-overlay.ts';
import { thaiLineBreak } from '../../reports/typeset/thai-line-break.ts';
import { toPdfText } from '../../reports/typeset/to-pdf-text.ts';
import { CATEGORIES, DISTRICTS, LETTER_PARAGRAPHS, MARK_WORDS } from './thai-fixtures.ts';
import { LINE_START_FORBIDDEN, lineStartOffsets, squash, wordBoundaries } from './thai-text-checks.ts';

const PARAGRAPH = (LETTER_PARAGRAPHS[0] as string).replace(/\s+/g, '');
type Obj = Record<string, unknown>;

describe('sarabunMetrics', () => {
  it('measures exactly what pdfkit measures (so pre-broken lines fit in pdfmake)', () => {
    const doc = new PDFDocument({ autoFirstPage: false });
    for (const bold of [false, true]) {
      doc.font(bold ? sarabunFontFiles.bold : sarabunFontFiles.normal);
      for (const size of [9, 12, 16.5]) {
        for (const s of [PARAGRAPH, ...DISTRICTS, ...CATEGORIES, ...MARK_WORDS, 'OTOP ปี ๒๕๖๐ (กอ.นตผ)'].map(toPdfText)) {
          // The font object's own widthOfString is what pdfmake calls (doc.widthOfString adds
          // a horizontal-scaling multiply that pdfmake does not).
          const font = (doc as unknown as { _font: { widthOfString(s: string, size: number): number } })._font;
          expect(sarabunMetrics.textWidth(s, { fontSize: size, bold }), s).toBe(font.widthOfString(s, size));
        }
      }
    }
  });
});

describe('thaiLineBreak', () => {
  it.each([60, 140, 300])('breaks a spaceless paragraph at word boundaries into lines that fit %i pt', (width) => {
    const lines = thaiLineBreak(PARAGRAPH, { fontSize: 12, width });
    expect(squash(lines.join(''))).toBe(squash(PARAGRAPH));
    for (const line of lines) {
      expect(line).not.toMatch(LINE_START_FORBIDDEN);
      expect(sarabunMetrics.textWidth(line, { fontSize: 12 })).toBeLessThanOrEqual(width);
    }
    const boundaries = wordBoundaries(PARAGRAPH);
    for (const b of lineStartOffsets(PARAGRAPH, lines)) expect(boundaries.has(b), PARAGRAPH.slice(b - 5, b + 5)).toBe(true);
  });

  it('cuts a word longer than the line between clusters, never before a vowel or tone mark', () => {
    const lines = thaiLineBreak('ผู้ประกอบการญี่ปุ่นน้ำตำบล', { fontSize: 12, width: 14 });
    expect(lines.length).toBeGreaterThan(5);
    expect(squash(lines.join(''))).toBe(squash('ผู้ประกอบการญี่ปุ่นน้ำตำบล'));
    for (const line of lines) expect(line).not.toMatch(LINE_START_FORBIDDEN);
    expect(lines.some((l) => /[\u0E40-\u0E44]$/u.test(l))).toBe(false); // เ แ โ ใ ไ stay with their consonant
  });

  it('keeps hard line breaks, drops break hints and the space it breaks at, keeps ๆ on its word', () => {
    expect(thaiLineBreak('บรรทัดแรก\n\nบรรทัดที่สาม', { fontSize: 12, width: 400 })).toEqual(['บรรทัดแรก', '', 'บรรทัดที่สาม']);
    const hinted = 'REGISTRATION\u200BMONITOR';
    expect(thaiLineBreak(hinted, { fontSize: 12, width: 500 })).toEqual(['REGISTRATIONMONITOR']);
    expect(thaiLineBreak(hinted, { fontSize: 12, width: sarabunMetrics.textWidth('REGISTRATIONMO', { fontSize: 12 }) })).toEqual(['REGISTRATION', 'MONITOR']);
    const lines = thaiLineBreak('ผลิตภัณฑ์ต่าง ๆ ของจังหวัด', { fontSize: 12, width: 62 });
    expect(lines.some((l) => l.startsWith('ๆ'))).toBe(false);
  });

  it('passes every printable character through unchanged, ำ included (the font reads it back)', () => {
    const text = 'เลขประจำตัว ๑๒๓๔ ABC-12/3 (ทดสอบ)';
    expect(thaiLineBreak(text, { fontSize: 12, width: 1000 })).toEqual([text]);
    expect(toPdfText('ตำบล')).toBe('ตำบล');
  });
});

describe('layoutThaiDocument', () => {
  const doc = (): TDocumentDefinitions => ({
    pageSize: 'A4',
    pageMargins: 40,
    defaultStyle: { font: 'Sarabun', fontSize: 12 },
    header: (page: number) => ({ text: `หัวกระดาษหน้า ${page} ${PARAGRAPH}` }),
    content: [
      { text: PARAGRAPH },
      { table: { widths: [40, '*', 'auto'], body: [[DISTRICTS[0] as string, PARAGRAPH, 'ปีงบประมาณ']] } },
      { columns: [{ width: 100, text: PARAGRAPH }, { text: 'ตำบล' }], columnGap: 10 },
    ],
  });

  it('leaves the input alone and resolves table and column widths to points', () => {
    const input = doc();
    const before = JSON.stringify(input);
    const out = layoutThaiDocument(input);
    expect(JSON.stringify(input)).toBe(before);
    const content = out.content as unknown as Obj[];
    const table = (content[1] as Obj).table as Obj;
    const widths = table.widths as number[];
    expect(widths.every((w) => typeof w === 'number')).toBe(true);
    // A4 minus 2 × 40 margin, minus 3 × 8 padding and 4 × 1 border.
    expect((widths[0] ?? 0) + (widths[1] ?? 0) + (widths[2] ?? 0)).toBeCloseTo(595.28 - 80 - 24 - 4, 6);
    expect(widths[2]).toBeCloseTo(sarabunMetrics.textWidth('ปีงบประมาณ', { fontSize: 12 }), 6);
    const columns = (content[2] as Obj).columns as Obj[];
    expect(columns.map((c) => c.width)).toEqual([100, 595.28 - 80 - 10 - 100]);
  });

  it('writes each line as noWrap inlines separated by newlines, no wider than the cell', () => {
    const out = layoutThaiDocument(doc());
    const table = ((out.content as unknown as Obj[])[1] as Obj).table as Obj;
    const cell = ((table.body as unknown[][])[0] as Obj[])[1] as Obj;
    const width = (table.widths as number[])[1] ?? 0;
    const inlines = cell.text as Obj[];
    const lines = inlines.filter((i) => i.text !== '\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) {
      expect(line.noWrap).toBe(true);
      expect(sarabunMetrics.textWidth(String(line.text), { fontSize: 12 })).toBeLessThanOrEqual(width);
    }
  });

  it('lays out header functions per page at the page width', () => {
    const out = layoutThaiDocument(doc());
    const header = out.header as (page: number, count: number, size: { width: number; height: number }) => Content;
    const node = header(3, 5, { width: 595.28, height: 841.89 }) as unknown as Obj;
    const lines = (node.text as Obj[]).filter((i) => i.text !== '\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(String(lines[0]?.text)).toContain('หัวกระดาษหน้า 3');
  });

  it('refuses a font it cannot measure and a table layout it does not know', () => {
    expect(() => layoutThaiDocument({ content: { text: 'ก', font: 'Roboto' } })).toThrow(/Sarabun/);
    expect(() => layoutThaiDocument({ defaultStyle: { font: 'Sarabun' }, content: { table: { body: [['ก']] }, layout: 'fancy' } })).toThrow(/fancy/);
  });
});

describe('orderMarksForExtraction', () => {
  it('puts stacked marks in reading order left of the next consonant, by a hair', () => {
    // bold ที่: consonant, sara ii at +9, mai ek at +9, then the next consonant at the pen (0)
    const positions = [
      { xAdvance: 678, xOffset: 0 },
      { xAdvance: 0, xOffset: 9 },
      { xAdvance: 0, xOffset: 9 },
      { xAdvance: 650, xOffset: 0 },
    ];
    orderMarksForExtraction(positions, 1000);
    const [, vowel, tone] = positions;
    expect(vowel?.xOffset).toBeLessThan(tone?.xOffset ?? 0);
    expect(tone?.xOffset).toBeLessThan(0);
    expect(9 - (vowel?.xOffset ?? 0)).toBeLessThanOrEqual(10.5); // moved by about 1/100 em at most
  });

  it('leaves a tone mark that sits well left of its vowel alone (ปั้น)', () => {
    const positions = [
      { xAdvance: 655, xOffset: 0 },
      { xAdvance: 0, xOffset: 0 },
      { xAdvance: 0, xOffset: -163 },
      { xAdvance: 637, xOffset: 0 },
    ];
    orderMarksForExtraction(positions, 1000);
    expect(positions.map((p) => p.xOffset)).toEqual([0, 0, -163, 0]);
  });
});

describe('charts', () => {
  const option = {
    xAxis: { type: 'category' as const, data: [...DISTRICTS], axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: { type: 'value' as const },
    series: [{ type: 'bar' as const, data: [1, 2, 3, 4, 5, 6, 7, 8] }],
  };

  it('measures Thai chart text with Sarabun, marks taking no width', () => {
    expect(measureChartText('เมืองบึงกาฬ', '12px sans-serif').width).toBe(sarabunMetrics.textWidth('เมืองบึงกาฬ', { fontSize: 12 }));
    expect(measureChartText('บึง', 'bold 12px sans-serif').width).toBe(measureChartText('บง', 'bold 12px sans-serif').width);
  });

  it('renders every district label, and hands them to pdfmake as text, not as SVG text', () => {
    const svg = renderChartSvg(option, { width: 453, height: 240 });
    for (const d of DISTRICTS) expect(svg).toContain(`>${d}<`);
    const node = chartContent(option, { width: 453, height: 240 }) as unknown as Obj;
    const [image, ...labels] = node.stack as Obj[];
    expect(String(image?.svg)).not.toContain('<text');
    const texts = labels.map((l) => l.text);
    for (const d of DISTRICTS) expect(texts).toContain(toPdfText(d));
    for (const l of labels) expect(l.relativePosition).toBeDefined();
  });

  it('refuses rotated text rather than drawing it somewhere else', () => {
    const svg = '<svg width="100" height="50"><text transform="rotate(45)" x="0" y="0">เซกา</text></svg>';
    expect(() => svgWithTextOverlay(svg, { width: 100, height: 50 })).toThrow(/rotated/);
  });
});

describe('the layout vocabulary', () => {
  const doc = (content: unknown): TDocumentDefinitions => ({ content: content as Content, defaultStyle: { font: 'Sarabun' } });

  it('lays out what the forms use: text, stack, columns, table, canvas and their styling', () => {
    expect(() =>
      layoutThaiDocument(
        doc([
          { text: [{ text: 'อำเภอ', bold: true }, ' เมืองบึงกาฬ'], alignment: 'center', margin: [0, 0, 0, 4] },
          { columns: [{ width: '40%', text: '' }, { width: '*', stack: ['ประกาศ', { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 10, y2: 0 }] }] }] },
          { table: { headerRows: 1, widths: ['auto', '*'], body: [['ที่', { text: 'ชื่อ', colSpan: 1, fillColor: '#eee' }]] }, layout: 'noBorders', pageBreak: 'before' },
        ]),
      ),
    ).not.toThrow();
  });

  it.each([
    ['a list', { ul: ['หนึ่ง', 'สอง'] }, /no known kind \(ul\)/],
    ['a table of contents', { toc: { title: { text: 'สารบัญ' } } }, /no known kind/],
    ['a QR code', { qr: 'https://example.org' }, /no known kind/],
    ['an unknown property', { text: 'อำเภอ', boldness: true }, /property "boldness" at content\[0\]/],
    ['an unknown inline property', { text: [{ text: 'อำเภอ', weight: 700 }] }, /inline property "weight"/],
    ['an unknown table property', { table: { body: [['ก']], widths: ['*'], rowHeights: 3 } }, /table property "rowHeights"/],
    ['two kinds in one node', { text: 'ก', stack: ['ข'] }, /both text and stack/],
  ])('refuses %s with an error that names it and where it is', (_name, node, message) => {
    expect(() => layoutThaiDocument(doc([node]))).toThrow(message);
  });

  it('names the place of a refused node deep inside a table', () => {
    const table = { table: { widths: ['*', '*'], body: [['ก', { ol: ['ข'] }]] } };
    expect(() => layoutThaiDocument(doc([{ stack: [table] }]))).toThrow(/content\[0\]\.stack\[0\]\.table\.body\[0\]\[1\]/);
  });
});
