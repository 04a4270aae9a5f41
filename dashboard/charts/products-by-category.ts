import { PRODUCT_CATEGORIES, type CategoryCode } from '../../domain/product-categories.ts';
import { label, messages, type Lang } from '../i18n/messages.ts';
import { BASE_OPTION, type ChartOption } from './chart-option.ts';
import { CATEGORY_COLORS } from '../../domain/palette.ts';

/** Products per OTOP category: five horizontal bars in the catalogue's order, values labelled. */
export function productsByCategoryOption(counts: Readonly<Record<CategoryCode, number>>, lang: Lang): ChartOption {
  const t = messages(lang);
  return {
    ...BASE_OPTION,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: t.chart.products, nameLocation: 'middle', nameGap: 28, minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: PRODUCT_CATEGORIES.map((c) => label(lang, c)) },
    series: [
      {
        type: 'bar',
        name: t.chart.products,
        barMaxWidth: 28,
        label: { show: true, position: 'right' },
        data: PRODUCT_CATEGORIES.map((c) => ({ value: counts[c.code], itemStyle: { color: CATEGORY_COLORS[c.code] } })),
      },
    ],
  };
}
