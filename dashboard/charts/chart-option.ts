import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { DisplayLocale } from '../format/display-locale.ts';
import { formatNumber } from '../format/format-number.ts';

/** The option type of exactly the chart kinds and components the dashboard registers. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
  | MarkLineComponentOption
  | MarkAreaComponentOption
  | AriaComponentOption
>;

/** How the chart is laid out: narrow is a phone (≤ 640 px), where legends stack and labels thin out. */
export interface ChartLayout {
  narrow?: boolean;
}

/** The same figures as a chart, for the "view as table" toggle: header cells and rows. */
export interface ChartTable {
  columns: string[];
  rows: (string | number)[][];
  /** Per row, where the row's first cell links to (drill-through without a pointer). */
  links?: (string | null)[];
}

/**
 * What every builder shares: the Sarabun face and readable text colour. ECharts' own aria is
 * off: its generated description replaced the Thai title with English holding "NaN", epoch
 * milliseconds and index triples; each chart gets a description written from its data instead.
 */
export const BASE_OPTION = {
  textStyle: { fontFamily: 'Sarabun, "Noto Sans Thai", sans-serif', fontSize: 13, color: '#1f2937' },
  aria: { enabled: false },
  animation: false,
} satisfies ChartOption;

/** Room under a bar chart for its value-axis name (containLabel does not count the name). */
export const AXIS_NAME_ROOM = 40;
/** Height of one legend line, for stacking legends on a phone. */
export const LEGEND_LINE = 22;

/**
 * The figures ECharts writes by itself (value-axis ticks, bar labels, tooltip values) in the
 * screen's digit style: without it a chart drew '1,000' on a screen of '๑,๐๐๐'.
 */
export function figureFormatter(locale: DisplayLocale): (value: unknown) => string {
  return (value) => {
    const v = Array.isArray(value) ? value[value.length - 1] : value && typeof value === 'object' && 'value' in value ? (value as { value: unknown }).value : value;
    return typeof v === 'number' && Number.isFinite(v) ? formatNumber(v, locale) : v === null || v === undefined ? '–' : String(v);
  };
}
