import { PRODUCER_TYPES } from '../../domain/producer-types.ts';
import type { AreaProgress } from '../api/types.ts';
import { formatNumber } from '../format/format-number.ts';
import type { DisplayLocale } from '../format/display-locale.ts';
import { localMessages } from '../i18n/local-messages.ts';
import { label, type Lang } from '../i18n/messages.ts';
import { AXIS_NAME_ROOM, BASE_OPTION, figureFormatter, LEGEND_LINE, type ChartLayout, type ChartOption, type ChartTable } from './chart-option.ts';
import { TYPE_COLORS } from '../../domain/palette.ts';

export type AreaRow = Pick<AreaProgress, 'code' | 'nameTh' | 'nameEn' | 'producersByType'>;

const areaName = (a: AreaRow, lang: Lang) => (lang === 'en' ? a.nameEn : a.nameTh);
const areaTotal = (a: AreaRow) => PRODUCER_TYPES.reduce((s, p) => s + a.producersByType[p.code], 0);

/**
 * Producers per area (districts of a province, or provinces side by side), one horizontal bar
 * per area stacked by producer type, areas top to bottom in the order given. On a phone the
 * legend stacks one type per line above the bars (it covered the first bar when it wrapped).
 */
export function producersByAreaOption(areas: readonly AreaRow[], locale: DisplayLocale, layout: ChartLayout = {}): ChartOption {
  const t = localMessages(locale);
  const legendHeight = layout.narrow ? PRODUCER_TYPES.length * LEGEND_LINE : LEGEND_LINE;
  const figure = figureFormatter(locale);
  return {
    ...BASE_OPTION,
    color: PRODUCER_TYPES.map((p) => TYPE_COLORS[p.code]),
    legend: layout.narrow
      ? { top: 0, left: 0, orient: 'vertical', itemGap: 6, data: PRODUCER_TYPES.map((p) => label(locale.lang, p)) }
      : { top: 0, data: PRODUCER_TYPES.map((p) => label(locale.lang, p)) },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: figure },
    grid: { left: 8, right: 24, top: legendHeight + 24, bottom: AXIS_NAME_ROOM, containLabel: true },
    xAxis: { type: 'value', name: t.chart.producers, nameLocation: 'middle', nameGap: 28, minInterval: 1, axisLabel: { formatter: figure }, ...(layout.narrow ? { splitNumber: 3 } : {}) },
    yAxis: {
      type: 'category',
      inverse: true,
      data: areas.map((a) => areaName(a, locale.lang)),
      axisLabel: { width: layout.narrow ? 88 : 160, overflow: 'truncate' },
    },
    series: PRODUCER_TYPES.map((p) => ({
      type: 'bar',
      name: label(locale.lang, p),
      stack: 'producers',
      barMaxWidth: 28,
      cursor: 'pointer',
      emphasis: { focus: 'series' },
      data: areas.map((a) => a.producersByType[p.code]),
    })),
  };
}

/** The chart in one sentence: the total, the areas, the most and the fewest producers. */
export function producersByAreaDescription(areas: readonly AreaRow[], locale: DisplayLocale, unit: 'districts' | 'provinces'): string {
  const t = localMessages(locale);
  const n = (v: number) => formatNumber(v, locale);
  if (areas.length === 0) return t.chartText.noData;
  const sorted = [...areas].sort((a, b) => areaTotal(b) - areaTotal(a));
  const most = sorted[0]!;
  const fewest = sorted[sorted.length - 1]!;
  return t.chartText.byArea(
    n(areas.reduce((s, a) => s + areaTotal(a), 0)),
    n(areas.length),
    t.chartText[unit],
    t.chartText.areaCount(areaName(most, locale.lang), n(areaTotal(most))),
    t.chartText.areaCount(areaName(fewest, locale.lang), n(areaTotal(fewest))),
  );
}

/** The same figures as a table: one row per area, one column per producer type and the total. */
export function producersByAreaTable(areas: readonly AreaRow[], locale: DisplayLocale, href: (code: string) => string | null = () => null): ChartTable {
  const t = localMessages(locale);
  return {
    columns: [t.chartText.area, ...PRODUCER_TYPES.map((p) => label(locale.lang, p)), t.chartText.total],
    rows: areas.map((a) => [areaName(a, locale.lang), ...PRODUCER_TYPES.map((p) => a.producersByType[p.code]), areaTotal(a)]),
    links: areas.map((a) => href(a.code)),
  };
}
