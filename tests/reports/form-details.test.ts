// Details an officer sees on paper: a row's workflow state sits on the row's baseline (not
// above it, against the rule), and a chart's value labels stay clear of its title and cover
// the gridlines behind them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formText } from '../../reports/forms/form-text.ts';
import { reportFormDocument, type ReportFormCounts } from '../../reports/forms/report-form-document.ts';
import { producersByQuarterChart } from '../../reports/forms/summary-document.ts';
import { renderChartSvg } from '../../reports/typeset/chart-svg.ts';
import { renderPdf } from '../../reports/typeset/render-pdf.ts';
import { pdfWordBoxes, type WordBox } from './read-pdf.ts';
import { DISTRICTS } from './thai-fixtures.ts';

const OUT_DIR = fileURLToPath(new URL('../../artifacts/reports/', import.meta.url));
// Sarabun's ascent and descent (em): poppler's word boxes run from ascent to descent.
const ASCENT = 1.068;
const DESCENT = 0.232;
const baseline = (w: WordBox): number => w.yMin + ((w.yMax - w.yMin) / (ASCENT + DESCENT)) * ASCENT;

function counts(n: number): ReportFormCounts {
  return {
    producersByType: { 'community-group': n, 'single-owner': n, sme: n },
    producers: 3 * n,
    productsByCategory: { food: n, beverage: n, textile: n, household: n, herbal: n },
    products: 5 * n,
    newProducers: n,
    renewedProducers: 2 * n,
    previousProducers: n,
  };
}

describe('the report form’s state column', () => {
  it('prints each row’s state on the row’s baseline, clear of the rule above', async () => {
    const pdf = await renderPdf(
      reportFormDocument({
        level: 'province',
        districtNameTh: null,
        provinceNameTh: 'บึงกาฬ',
        fiscalYear: 2561,
        quarter: 1,
        asOf: new Date('2017-12-28T03:00:00Z'),
        rows: DISTRICTS.map((nameTh, i) => ({ code: `38${String(i + 1).padStart(2, '0')}`, nameTh, state: { kind: 'district', state: 'certified' }, ...counts(i + 1) })),
        total: counts(36),
        status: [],
        comparable: true,
      }),
      { creationDate: new Date('2017-12-28T03:00:00Z') },
    );
    mkdirSync(OUT_DIR, { recursive: true });
    const file = `${OUT_DIR}state-baseline.pdf`;
    writeFileSync(file, pdf);
    const words = pdfWordBoxes(file, 1);
    // The state column is narrow (its room goes to the names and header words): the state's
    // first line is what shares the row's baseline.
    const states = words.filter((w) => w.text === 'จังหวัดรับรองแล้ว' || w.text === 'จังหวัดรับรอง');
    expect(states).toHaveLength(DISTRICTS.length);
    for (const name of DISTRICTS) {
      const row = words.find((w) => w.text === name)!;
      const state = states.find((s) => Math.abs(baseline(s) - baseline(row)) < 6)!;
      expect(state, name).toBeDefined();
      expect(Math.abs(baseline(state) - baseline(row)), name).toBeLessThan(0.3);
    }
  });
});

interface SvgText {
  text: string;
  top: number;
  bottom: number;
  x: number;
  y: number;
}

function svgTexts(svg: string): SvgText[] {
  return [...svg.matchAll(/<text[^>]*?font-size:([\d.]+)px[^>]*?(?:y="([-\d.]+)")?[^>]*?transform="translate\(([-\d.]+) ([-\d.]+)\)"[^>]*>([^<]*)<\/text>/g)].map((m) => {
    const size = Number(m[1]);
    const y = Number(m[4]) + Number(m[2] ?? 0);
    return { text: m[5] ?? '', top: y - size / 2, bottom: y + size / 2, x: Number(m[3]), y: Number(m[4]) };
  });
}

describe('chart value labels', () => {
  it('stay below the title and lie on a white ground over the gridlines, even at a round maximum', () => {
    // Cumulative 300: a round number, where the value axis would end exactly at the label's point.
    const quarters = [120, 80, 60, 40].map((producers, i) => ({ quarter: i + 1, producers }));
    const svg = renderChartSvg(producersByQuarterChart(quarters as never, formText('thai')), { width: 220, height: 160 });
    const texts = svgTexts(svg);
    const title = texts.find((t) => t.text.startsWith('ผู้ผลิตที่ลงทะเบียน'))!;
    const labels = ['๑๒๐', '๒๐๐', '๒๖๐', '๓๐๐'].map((v) => texts.filter((t) => t.text === v).at(-1)!);
    expect(labels.every((l) => l !== undefined)).toBe(true);
    for (const l of labels) {
      expect(l.top, l.text).toBeGreaterThanOrEqual(title.bottom);
      // The white ground ECharts draws behind the label (label.backgroundColor).
      expect(svg, l.text).toContain(`transform="translate(${l.x} ${l.y})" fill="#ffffff"`);
    }
  });
});
