import { DISTRICT_ROUND_STATES, DISTRICT_ROUND_STATE_LABELS, type DistrictRoundState } from '../../domain/round-state.ts';
import type { CellProgress } from '../api/types.ts';
import { applyDigits } from '../format/apply-digits.ts';
import { escapeHtml } from '../format/escape-html.ts';
import { formatNumber } from '../format/format-number.ts';
import type { DisplayLocale } from '../format/display-locale.ts';
import { localMessages } from '../i18n/local-messages.ts';
import { label } from '../i18n/messages.ts';
import { BASE_OPTION, LEGEND_LINE, type ChartLayout, type ChartOption, type ChartTable } from './chart-option.ts';
import { STATE_COLORS } from '../../domain/palette.ts';

export interface DistrictStatesInput {
  districts: readonly { code: string; nameTh: string; nameEn: string }[];
  quarters: readonly number[];
  cells: readonly Pick<CellProgress, 'districtCode' | 'quarter' | 'state'>[];
  /** Cells flagged late or overdue in the matrix, as `${districtCode}|${quarter}`: drawn with ⚑. */
  late?: ReadonlySet<string>;
}

const lateKey = (district: string, quarter: number) => `${district}|${quarter}`;

/**
 * The state of each district in each quarter as a heatmap: quarters across, districts down,
 * one colour per workflow state (value = the state's index in DISTRICT_ROUND_STATES), and the
 * matrix's late flag (⚑) on the cells that have one. On a phone the legend stacks.
 */
export function districtStatesOption(input: DistrictStatesInput, locale: DisplayLocale, layout: ChartLayout = {}): ChartOption {
  const t = localMessages(locale);
  const row = new Map(input.districts.map((d, i) => [d.code, i]));
  const col = new Map(input.quarters.map((q, i) => [q, i]));
  const data: [number, number, number, number][] = [];
  for (const c of input.cells) {
    const y = row.get(c.districtCode);
    const x = col.get(c.quarter);
    if (x === undefined || y === undefined) continue;
    data.push([x, y, DISTRICT_ROUND_STATES.indexOf(c.state), input.late?.has(lateKey(c.districtCode, c.quarter)) ? 1 : 0]);
  }
  const stateName = (i: number) => label(locale.lang, DISTRICT_ROUND_STATE_LABELS[DISTRICT_ROUND_STATES[i] as DistrictRoundState]);
  const legendHeight = layout.narrow ? DISTRICT_ROUND_STATES.length * LEGEND_LINE : LEGEND_LINE;
  return {
    ...BASE_OPTION,
    tooltip: {
      formatter: (p: unknown) => {
        const v = (p as { value: [number, number, number, number?] }).value;
        const d = input.districts[v[1]];
        // ECharts renders a formatter's string as HTML: the names come from imported data.
        return escapeHtml(
          `${d ? (locale.lang === 'en' ? d.nameEn : d.nameTh) : ''} ${t.quarterShort(input.quarters[v[0]] ?? 0)}: ${stateName(v[2])}${v[3] ? ` ⚑ ${t.chartText.lateFlag}` : ''}`,
        );
      },
    },
    grid: { left: 8, right: 8, top: 8, bottom: legendHeight + 40, containLabel: true },
    xAxis: { type: 'category', data: input.quarters.map((q) => (layout.narrow ? applyDigits(`Q${q}`, locale.digits) : t.quarterShort(q))), splitArea: { show: true } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: input.districts.map((d) => (locale.lang === 'en' ? d.nameEn : d.nameTh)),
      splitArea: { show: true },
      axisLabel: { width: layout.narrow ? 88 : 160, overflow: 'truncate' },
    },
    visualMap: {
      type: 'piecewise',
      orient: layout.narrow ? 'vertical' : 'horizontal',
      left: layout.narrow ? 0 : 'center',
      bottom: 0,
      dimension: 2,
      pieces: DISTRICT_ROUND_STATES.map((s, i) => ({ value: i, label: label(locale.lang, DISTRICT_ROUND_STATE_LABELS[s]), color: STATE_COLORS[s] })),
    },
    series: [
      {
        type: 'heatmap',
        name: t.overview.chartStates,
        data,
        cursor: 'pointer',
        itemStyle: { borderColor: '#ffffff', borderWidth: 2 },
        label: { show: true, color: '#7f1d1d', fontWeight: 'bold', formatter: (p: unknown) => ((p as { value: number[] }).value[3] ? '⚑' : '') },
      },
    ],
  };
}

/** The chart in one sentence: per quarter, how many districts are in each state. */
export function districtStatesDescription(input: DistrictStatesInput, locale: DisplayLocale): string {
  const t = localMessages(locale);
  if (input.cells.length === 0) return t.chartText.noData;
  const parts = input.quarters.map((q) => {
    const counts = DISTRICT_ROUND_STATES.map((s) => [s, input.cells.filter((c) => c.quarter === q && c.state === s).length] as const).filter(([, n]) => n > 0);
    return `${t.quarterShort(q)} ${counts.map(([s, n]) => t.chartText.statePart(label(locale.lang, DISTRICT_ROUND_STATE_LABELS[s]), formatNumber(n, locale))).join(', ')}`;
  });
  return t.chartText.statesText(parts.join('; '));
}

export function districtStatesTable(input: DistrictStatesInput, locale: DisplayLocale, href: (code: string) => string | null = () => null): ChartTable {
  const t = localMessages(locale);
  return {
    columns: [t.chartText.area, ...input.quarters.map((q) => t.quarterShort(q))],
    rows: input.districts.map((d) => [
      locale.lang === 'en' ? d.nameEn : d.nameTh,
      ...input.quarters.map((q) => {
        const c = input.cells.find((x) => x.districtCode === d.code && x.quarter === q);
        if (!c) return '–';
        return `${label(locale.lang, DISTRICT_ROUND_STATE_LABELS[c.state])}${input.late?.has(lateKey(d.code, q)) ? ` ⚑ ${t.chartText.lateFlag}` : ''}`;
      }),
    ]),
    links: input.districts.map((d) => href(d.code)),
  };
}
