import { PRODUCER_TYPES } from '../../domain/producer-types.ts';
import type { AreaProgress } from '../api/types.ts';
import { label, messages, type Lang } from '../i18n/messages.ts';
import { BASE_OPTION, type ChartOption } from './chart-option.ts';
import { TYPE_COLORS } from '../../domain/palette.ts';

export type AreaRow = Pick<AreaProgress, 'code' | 'nameTh' | 'nameEn' | 'producersByType'>;

/**
 * Producers per area (districts of a province, or provinces side by side), one horizontal bar
 * per area stacked by producer type, areas top to bottom in the order given.
 */
export function producersByAreaOption(areas: readonly AreaRow[], lang: Lang): ChartOption {
  const t = messages(lang);
  return {
    ...BASE_OPTION,
    color: PRODUCER_TYPES.map((p) => TYPE_COLORS[p.code]),
    legend: { top: 0, data: PRODUCER_TYPES.map((p) => label(lang, p)) },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 56, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: t.chart.producers, nameLocation: 'middle', nameGap: 28, minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: areas.map((a) => (lang === 'en' ? a.nameEn : a.nameTh)) },
    series: PRODUCER_TYPES.map((p) => ({
      type: 'bar',
      name: label(lang, p),
      stack: 'producers',
      barMaxWidth: 28,
      emphasis: { focus: 'series' },
      data: areas.map((a) => a.producersByType[p.code]),
    })),
  };
}
