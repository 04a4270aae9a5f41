import { PRODUCT_CATEGORIES, type CategoryCode } from '../../domain/product-categories.ts';
import { formatNumber } from '../format/format-number.ts';
import type { DisplayLocale } from '../format/display-locale.ts';
import { localMessages } from '../i18n/local-messages.ts';
import { label } from '../i18n/messages.ts';
import { AXIS_NAME_ROOM, BASE_OPTION, figureFormatter, type ChartLayout, type ChartOption, type ChartTable } from './chart-option.ts';
import { CATEGORY_COLORS } from '../../domain/palette.ts';

/** Products per OTOP category: five horizontal bars in the catalogue's order, values labelled. */
export function productsByCategoryOption(counts: Readonly<Record<CategoryCode, number>>, locale: DisplayLocale, layout: ChartLayout = {}): ChartOption {
  const t = localMessages(locale);
  const figure = figureFormatter(locale);
  return {
    ...BASE_OPTION,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: figure },
    grid: { left: 8, right: 48, top: 16, bottom: AXIS_NAME_ROOM, containLabel: true },
    xAxis: { type: 'value', name: t.chart.products, nameLocation: 'middle', nameGap: 28, minInterval: 1, axisLabel: { formatter: figure }, ...(layout.narrow ? { splitNumber: 3 } : {}) },
    yAxis: {
      type: 'category',
      inverse: true,
      data: PRODUCT_CATEGORIES.map((c) => label(locale.lang, c)),
      axisLabel: { width: layout.narrow ? 96 : 180, overflow: 'break' },
    },
    series: [
      {
        type: 'bar',
        name: t.chart.products,
        barMaxWidth: 28,
        cursor: 'pointer',
        label: { show: true, position: 'right', formatter: (p: { value: unknown }) => figure(p.value) },
        data: PRODUCT_CATEGORIES.map((c) => ({ value: counts[c.code], itemStyle: { color: CATEGORY_COLORS[c.code] } })),
      },
    ],
  };
}

/** The chart in one sentence: the total and each category's count. */
export function productsByCategoryDescription(counts: Readonly<Record<CategoryCode, number>>, locale: DisplayLocale): string {
  const t = localMessages(locale);
  const n = (v: number) => formatNumber(v, locale);
  const total = PRODUCT_CATEGORIES.reduce((s, c) => s + counts[c.code], 0);
  return t.chartText.byCategory(n(total), PRODUCT_CATEGORIES.map((c) => `${label(locale.lang, c)} ${n(counts[c.code])}`).join(', '));
}

export function productsByCategoryTable(counts: Readonly<Record<CategoryCode, number>>, locale: DisplayLocale): ChartTable {
  const t = localMessages(locale);
  return {
    columns: [t.chartText.category, t.chartText.products],
    rows: PRODUCT_CATEGORIES.map((c) => [label(locale.lang, c), counts[c.code]]),
  };
}
