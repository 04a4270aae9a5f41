import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ReportChartOption } from '../typeset/chart-svg.ts';
import { PRODUCER_TYPES, type ProducerTypeCode } from '../../domain/producer-types.ts';
import { PRODUCT_CATEGORIES, type CategoryCode } from '../../domain/product-categories.ts';
import {
  DISTRICT_ROUND_STATE_LABELS,
  PROVINCE_ROUND_STATE_LABELS,
  type DistrictRoundState,
  type ProvinceRoundState,
} from '../../domain/round-state.ts';
import { CATEGORY_COLORS, LINE_COLOR, STATE_COLORS, TYPE_COLORS } from '../../domain/palette.ts';
import { FORM_STYLES } from './form-styles.ts';
import { FORM_TABLE_LAYOUT } from './form-table-layout.ts';
import { formText, type FormDigits, type FormText } from './form-text.ts';
import { periodLabel } from './period-label.ts';
import type { ReportChart, ReportMap } from './report-chart.ts';
import type { AreaGeometry } from '../../domain/boundary-geometry.ts';

export interface SummaryArea {
  code: string;
  nameTh: string;
  producersByType: Readonly<Record<ProducerTypeCode, number>>;
  producers: number;
}

export type SummaryCell =
  | { kind: 'district'; state: DistrictRoundState; producers: number }
  | { kind: 'province'; state: ProvinceRoundState; producers: number; certified: number; districts: number };

export interface SummaryInput {
  level: 'district' | 'province' | 'nation';
  districtNameTh: string | null;
  provinceNameTh: string | null;
  fiscalYear: number;
  asOf: Date;
  total: {
    producers: number;
    products: number;
    productsByCategory: Readonly<Record<CategoryCode, number>>;
    newProducers: number;
    renewedProducers: number;
    lateRegistrations: number;
    previousYearProducers: number;
    targetProducers: number;
  };
  /** The plan's quarters in order, with the producers registered in each. */
  quarters: readonly { quarter: number; producers: number }[];
  /** The bars of the first chart: subdistricts of a district, districts of a province, provinces of the nation. */
  areas: readonly SummaryArea[];
  /** The progress matrix: one row per district (per province for the nation), one cell per quarter. */
  matrix: readonly { nameTh: string; cells: readonly (SummaryCell | null)[] }[];
  /** A province's districts on a map in one quarter (absent for a district or the nation). */
  map?: SummaryMap | undefined;
}

export interface SummaryMap {
  /** The quarter whose states colour the map; null when the year has no round. */
  quarter: number | null;
  areas: readonly {
    code: string;
    nameTh: string;
    state: DistrictRoundState | null;
    overdue: boolean;
    /** Null when no outline is on record: named under the map instead. */
    geometry: AreaGeometry | null;
    label: [number, number] | null;
  }[];
  /** The line the boundaries' licence requires under every map. */
  attribution: string;
}

export interface SummaryOptions {
  digits?: FormDigits;
  /** Draws the province's district map; without it the summary has no map page. */
  drawMap?: ReportMap;
}

export const SUMMARY_TITLE = 'สรุปความก้าวหน้าการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP';

/** More bars than this and the chart shows the largest areas and one bar for the rest. */
const MAX_BARS = 16;
const CHART_WIDTH = 451; // A4 portrait between the official margins

const AREA_NOUN: Record<SummaryInput['level'], string> = { district: 'ตำบล', province: 'อำเภอ', nation: 'จังหวัด' };

function areaLine(input: SummaryInput): string {
  if (input.level === 'district') return `อำเภอ${input.districtNameTh ?? ''} จังหวัด${input.provinceNameTh ?? ''}`;
  if (input.level === 'province') return `จังหวัด${input.provinceNameTh ?? ''}`;
  return 'ทั่วประเทศ';
}

function chartBars(input: SummaryInput, t: FormText): SummaryArea[] {
  if (input.areas.length <= MAX_BARS) return [...input.areas];
  const sorted = [...input.areas].sort((a, b) => b.producers - a.producers || a.code.localeCompare(b.code));
  const shown = sorted.slice(0, MAX_BARS - 1);
  const rest = sorted.slice(MAX_BARS - 1);
  const other: SummaryArea = {
    code: 'other',
    nameTh: `${AREA_NOUN[input.level]}อื่น ${t.d(rest.length)} ${AREA_NOUN[input.level]}`,
    producers: rest.reduce((n, a) => n + a.producers, 0),
    producersByType: Object.fromEntries(PRODUCER_TYPES.map((p) => [p.code, rest.reduce((n, a) => n + a.producersByType[p.code], 0)])) as Record<ProducerTypeCode, number>,
  };
  return [...shown, other];
}

/** Producers per area, stacked by producer type (horizontal bars, names on the left). */
export function producersByAreaChart(bars: readonly SummaryArea[], t: FormText): ReportChartOption {
  return {
    color: PRODUCER_TYPES.map((p) => TYPE_COLORS[p.code]),
    legend: { top: 0, left: 'center', itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 9 }, data: PRODUCER_TYPES.map((p) => p.th) },
    grid: { left: 4, right: 36, top: 28, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 9, formatter: (v: number) => t.n(v) } },
    yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.nameTh), axisLabel: { interval: 0, fontSize: 10 } },
    series: PRODUCER_TYPES.map((p, i) => ({
      type: 'bar' as const,
      name: p.th,
      stack: 'producers',
      barMaxWidth: 14,
      data: bars.map((b) => b.producersByType[p.code]),
      // The last stack carries the bar's total at its end.
      label:
        i === PRODUCER_TYPES.length - 1
          ? { show: true, position: 'right' as const, fontSize: 9, formatter: (x: { dataIndex: number }) => t.n(bars[x.dataIndex]?.producers ?? 0) }
          : { show: false },
    })),
  };
}

/** Products per OTOP category (horizontal bars, counts at the ends). */
export function productsByCategoryChart(counts: Readonly<Record<CategoryCode, number>>, t: FormText): ReportChartOption {
  return {
    title: { text: 'ผลิตภัณฑ์ตามประเภท (รายการ)', left: 'center', textStyle: { fontSize: 11 } },
    grid: { left: 4, right: 30, top: 28, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    // Each bar carries its count; a value axis would only crowd the narrow chart.
    xAxis: { type: 'value', minInterval: 1, axisLabel: { show: false }, splitLine: { show: false } },
    yAxis: { type: 'category', inverse: true, data: PRODUCT_CATEGORIES.map((c) => c.th), axisLabel: { interval: 0, fontSize: 9 } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 14,
        label: { show: true, position: 'right', fontSize: 9, formatter: (x: { value: unknown }) => t.n(Number((x.value as { value?: number })?.value ?? x.value)) },
        data: PRODUCT_CATEGORIES.map((c) => ({ value: counts[c.code], itemStyle: { color: CATEGORY_COLORS[c.code] } })),
      },
    ],
  };
}

/** Producers registered in each quarter (bars) and the running total (line). */
export function producersByQuarterChart(quarters: SummaryInput['quarters'], t: FormText): ReportChartOption {
  let running = 0;
  const cumulative = quarters.map((q) => (running += q.producers));
  return {
    title: { text: 'ผู้ผลิตที่ลงทะเบียนรายไตรมาส (ราย)', left: 'center', textStyle: { fontSize: 11 } },
    legend: { bottom: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 9 }, data: ['ลงทะเบียนในไตรมาส', 'สะสม'] },
    grid: { left: 4, right: 8, top: 30, bottom: 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'category', data: quarters.map((q) => `ไตรมาส ${t.d(q.quarter)}`), axisLabel: { interval: 0, fontSize: 9 } },
    yAxis: { type: 'value', minInterval: 1, splitNumber: 4, axisLabel: { fontSize: 8, formatter: (v: number) => t.n(v) } },
    series: [
      {
        type: 'bar',
        name: 'ลงทะเบียนในไตรมาส',
        barMaxWidth: 28,
        itemStyle: { color: TYPE_COLORS['community-group'] },
        label: { show: true, position: 'inside', fontSize: 8, color: '#ffffff', formatter: (x: { value: unknown }) => (Number(x.value) > 0 ? t.n(Number(x.value)) : '') },
        data: quarters.map((q) => q.producers),
      },
      {
        type: 'line',
        name: 'สะสม',
        itemStyle: { color: LINE_COLOR },
        lineStyle: { color: LINE_COLOR },
        label: { show: true, position: 'top', fontSize: 8, formatter: (x: { value: unknown }) => t.n(Number(x.value)) },
        data: cumulative,
      },
    ],
  };
}

function cellText(c: SummaryCell | null, t: FormText): string {
  if (!c) return '';
  if (c.kind === 'district') return `${DISTRICT_ROUND_STATE_LABELS[c.state].th}\n${t.n(c.producers)} ราย`;
  return `${PROVINCE_ROUND_STATE_LABELS[c.state].th}\nรับรอง ${t.d(c.certified)}/${t.d(c.districts)} อำเภอ\n${t.n(c.producers)} ราย`;
}

function cellFill(c: SummaryCell | null): string | undefined {
  if (!c) return undefined;
  if (c.kind === 'district') return STATE_COLORS[c.state];
  return c.state === 'announced' ? STATE_COLORS.certified : c.state === 'reported' ? STATE_COLORS.submitted : STATE_COLORS.open;
}

/**
 * The managers' progress summary of a fiscal year on one or two pages: the headline figures,
 * producers per area by type, products per category and producers per quarter (ECharts,
 * drawn by the injected `chart`), then the district × quarter matrix of workflow states with
 * the producers registered (province × quarter for the nation).
 */
export function summaryDocument(input: SummaryInput, chart: ReportChart, options: SummaryOptions = {}): TDocumentDefinitions {
  const t = formText(options.digits);
  const total = input.total;
  const ratio = total.targetProducers > 0 ? `${t.d(((100 * total.producers) / total.targetProducers).toFixed(1))}%` : '-';
  const figures: [string, string][] = [
    ['ผู้ผลิตผู้ประกอบการ (ราย)', t.n(total.producers)],
    ['ผลิตภัณฑ์ (รายการ)', t.n(total.products)],
    ['รายใหม่ / รายเดิม (ราย)', `${t.n(total.newProducers)} / ${t.n(total.renewedProducers)}`],
    [`ปีงบประมาณ ${t.year(input.fiscalYear - 1)} (ราย)`, t.n(total.previousYearProducers)],
    ['เป้าหมาย (ราย)', t.n(total.targetProducers)],
    ['ร้อยละของเป้าหมาย', ratio],
    ['ลงทะเบียนหลังกำหนด (ราย)', t.n(total.lateRegistrations)],
  ];
  const bars = chartBars(input, t);
  const barsHeight = 52 + bars.length * 20;

  const quarterHeads = input.quarters.map((q) => ({ text: `ไตรมาส ${t.d(q.quarter)}`, style: 'tableHeader', fontSize: 10 }));
  const matrixBody: TableCell[][] = [[{ text: input.level === 'nation' ? 'จังหวัด' : 'อำเภอ', style: 'tableHeader', fontSize: 10 }, ...quarterHeads]];
  for (const row of input.matrix) {
    matrixBody.push([
      { text: row.nameTh },
      ...row.cells.map((c) => ({ text: cellText(c, t), fillColor: cellFill(c), alignment: 'center' as const, fontSize: 9 })),
    ]);
  }
  matrixBody.push([
    { text: 'รวม', bold: true, fillColor: '#e8e8e8' },
    ...input.quarters.map((q) => ({ text: `${t.n(q.producers)} ราย`, bold: true, alignment: 'center' as const, fillColor: '#e8e8e8', fontSize: 9 })),
  ]);

  const content: Content[] = [
    { text: SUMMARY_TITLE, style: 'title' },
    { text: `${periodLabel(input.fiscalYear, null, t)} ${areaLine(input)}`, style: 'subtitle' },
    { text: `ข้อมูล ณ วันที่ ${t.dateTime(input.asOf)}`, alignment: 'center', style: 'meta', margin: [0, 0, 0, 8] },
    {
      table: {
        widths: figures.map(() => '*'),
        body: [
          figures.map(([label]) => ({ text: label, style: 'tableHeader', fontSize: 8.5 })),
          figures.map(([, value]) => ({ text: value, alignment: 'center' as const, bold: true, fontSize: 11, noWrap: true })),
        ],
      },
      layout: FORM_TABLE_LAYOUT,
      margin: [0, 0, 0, 10],
    },
    { text: `ผู้ผลิตผู้ประกอบการราย${AREA_NOUN[input.level]} จำแนกตามประเภท (ราย)`, bold: true, alignment: 'center', fontSize: 11 },
    chart(producersByAreaChart(bars, t), { width: CHART_WIDTH, height: barsHeight }),
    {
      margin: [0, 10, 0, 0],
      columnGap: 11,
      columns: [
        { width: 220, stack: [chart(productsByCategoryChart(total.productsByCategory, t), { width: 220, height: 170 })] },
        { width: 220, stack: [chart(producersByQuarterChart(input.quarters, t), { width: 220, height: 170 })] },
      ],
    },
    { text: `สถานะการดำเนินงานราย${input.level === 'nation' ? 'จังหวัด' : 'อำเภอ'} รายไตรมาส`, bold: true, alignment: 'center', fontSize: 11, pageBreak: 'before', margin: [0, 0, 0, 6] },
    {
      table: { headerRows: 1, dontBreakRows: true, widths: ['*', ...input.quarters.map(() => 78)], body: matrixBody },
      layout: FORM_TABLE_LAYOUT,
      fontSize: 10,
    },
  ];
  if (input.map && options.drawMap) content.push(...mapSection(input.map, options.drawMap, t));
  return {
    info: { title: `${SUMMARY_TITLE} ${periodLabel(input.fiscalYear, null, t)} ${areaLine(input)}`, subject: 'OTOP registration progress summary' },
    styles: FORM_STYLES,
    content,
  };
}

const NO_STATE_FILL = '#f3f4f6';

/** The map page: districts filled by the quarter's state, overdue ones outlined, a legend, the districts without an outline, the attribution. */
function mapSection(map: SummaryMap, draw: ReportMap, t: FormText): Content[] {
  const drawn = map.areas.filter((a) => a.geometry !== null && a.label !== null);
  const missing = map.areas.filter((a) => a.geometry === null || a.label === null);
  const states = Object.keys(DISTRICT_ROUND_STATE_LABELS) as DistrictRoundState[];
  const out: Content[] = [
    {
      text: `แผนที่สถานะการดำเนินงานรายอำเภอ${map.quarter === null ? '' : ` ไตรมาส ${t.d(map.quarter)}`}`,
      bold: true, alignment: 'center', fontSize: 11, pageBreak: 'before', margin: [0, 0, 0, 6],
    },
  ];
  if (drawn.length > 0) {
    out.push(draw({
      areas: drawn.map((a) => ({
        code: a.code, nameTh: a.nameTh, fill: a.state ? STATE_COLORS[a.state] : NO_STATE_FILL, overdue: a.overdue,
        geometry: a.geometry!, label: a.label!,
      })),
      fontSize: drawn.length > 20 ? 7 : 9,
    }, { width: CHART_WIDTH, height: 420 }));
  }
  out.push({
    margin: [0, 6, 0, 0],
    table: {
      widths: states.flatMap(() => [10, 'auto']).concat(map.areas.some((a) => a.overdue) ? [14, 'auto'] : []),
      body: [[
        ...states.flatMap((s) => [{ text: '', fillColor: STATE_COLORS[s] }, { text: DISTRICT_ROUND_STATE_LABELS[s].th, fontSize: 9 }]),
        ...(map.areas.some((a) => a.overdue) ? [{ text: '', fillColor: '#b91c1c' }, { text: 'ขอบสีแดง: เลยกำหนด', fontSize: 9 }] : []),
      ]],
    },
    layout: 'noBorders',
  });
  if (missing.length > 0) {
    out.push({ text: `อำเภอที่ไม่มีขอบเขตในข้อมูลแผนที่ (ไม่แสดงบนแผนที่): ${missing.map((a) => a.nameTh).join(' ')}`, fontSize: 9, margin: [0, 6, 0, 0] });
  }
  out.push({ text: map.attribution, fontSize: 7, color: '#4b5563', margin: [0, 8, 0, 0] });
  return out;
}
