import { DISTRICT_ROUND_STATES, DISTRICT_ROUND_STATE_LABELS, type DistrictRoundState } from '../../domain/round-state.ts';
import type { CellProgress } from '../api/types.ts';
import { escapeHtml } from '../format/escape-html.ts';
import { label, messages, type Lang } from '../i18n/messages.ts';
import { BASE_OPTION, type ChartOption } from './chart-option.ts';
import { STATE_COLORS } from '../../domain/palette.ts';

export interface DistrictStatesInput {
  districts: readonly { code: string; nameTh: string; nameEn: string }[];
  quarters: readonly number[];
  cells: readonly Pick<CellProgress, 'districtCode' | 'quarter' | 'state'>[];
}

/**
 * The state of each district in each quarter as a heatmap: quarters across, districts down,
 * one colour per workflow state (value = the state's index in DISTRICT_ROUND_STATES).
 */
export function districtStatesOption(input: DistrictStatesInput, lang: Lang): ChartOption {
  const t = messages(lang);
  const row = new Map(input.districts.map((d, i) => [d.code, i]));
  const col = new Map(input.quarters.map((q, i) => [q, i]));
  const data: [number, number, number][] = [];
  for (const c of input.cells) {
    const y = row.get(c.districtCode);
    const x = col.get(c.quarter);
    if (x === undefined || y === undefined) continue;
    data.push([x, y, DISTRICT_ROUND_STATES.indexOf(c.state)]);
  }
  const stateName = (i: number) => label(lang, DISTRICT_ROUND_STATE_LABELS[DISTRICT_ROUND_STATES[i] as DistrictRoundState]);
  return {
    ...BASE_OPTION,
    tooltip: {
      formatter: (p: unknown) => {
        const v = (p as { value: [number, number, number] }).value;
        const d = input.districts[v[1]];
        // ECharts renders a formatter's string as HTML: the names come from imported data.
        return escapeHtml(`${d ? (lang === 'en' ? d.nameEn : d.nameTh) : ''} ${t.quarterShort(input.quarters[v[0]] ?? 0)}: ${stateName(v[2])}`);
      },
    },
    grid: { left: 8, right: 8, top: 8, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: input.quarters.map((q) => t.quarterShort(q)), splitArea: { show: true } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: input.districts.map((d) => (lang === 'en' ? d.nameEn : d.nameTh)),
      splitArea: { show: true },
    },
    visualMap: {
      type: 'piecewise',
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      dimension: 2,
      pieces: DISTRICT_ROUND_STATES.map((s, i) => ({ value: i, label: label(lang, DISTRICT_ROUND_STATE_LABELS[s]), color: STATE_COLORS[s] })),
    },
    series: [
      {
        type: 'heatmap',
        name: t.overview.chartStates,
        data,
        itemStyle: { borderColor: '#ffffff', borderWidth: 2 },
        label: { show: false },
      },
    ],
  };
}
