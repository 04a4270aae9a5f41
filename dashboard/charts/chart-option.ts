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

/** What every builder shares: the Sarabun face, readable text colour, the aria description. */
export const BASE_OPTION = {
  textStyle: { fontFamily: 'Sarabun, "Noto Sans Thai", sans-serif', fontSize: 13, color: '#1f2937' },
  aria: { enabled: true },
  animation: false,
} satisfies ChartOption;
