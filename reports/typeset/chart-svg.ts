// Charts for PDF reports: ECharts 6 rendered server-side to SVG, with Sarabun's real metrics.
//
// Without a canvas, zrender estimates text width itself and counts every non-ASCII UTF-16 unit
// as one em, Thai vowel and tone marks included, so Thai labels come out up to twice as wide
// as they are; the category axis then hides most of them as "overlapping" (2 of 8 Bueng Kan
// districts were left). setPlatformAPI({ measureText }) makes zrender measure with the
// Sarabun font that the PDF embeds, through the same function pdfmake's widths are checked
// against. The SVG's texts are then drawn as PDF text (svg-text-overlay.ts explains why).
//
// Rules for chart option builders:
//   - Use only what is registered below (ReportChartOption says so at compile time).
//   - Labels horizontal: rotated or skewed text cannot become PDF text and is refused.
//   - A category axis shows every label only with axisLabel.interval: 0 — ECharts' 'auto'
//     leaves room for 1.3 × the widest label per category, so 8 district names need about
//     600 pt at 11 pt; with real widths interval 0 no longer makes them collide on A4.
//   - Do not let ECharts wrap Thai: overflow 'break' takes a spaceless Thai run for one word
//     and cuts it between UTF-16 units once it is too long, 'breakAll' cuts anywhere. Wrap
//     long labels with thaiLineBreak() and join the lines with '\n'.
import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  VisualMapComponent,
} from 'echarts/components';
import type {
  DatasetComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import { init, setPlatformAPI, use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { Content } from 'pdfmake/interfaces';
import { SARABUN } from './pdf-fonts.ts';
import { sarabunMetrics } from './sarabun-metrics.ts';
import { svgWithTextOverlay, type SvgSize } from './svg-text-overlay.ts';
import { toPdfText } from './to-pdf-text.ts';

/** The chart option report builders may use: only what is registered below. */
export type ReportChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | VisualMapComponentOption
  | DatasetComponentOption
>;

use([BarChart, LineChart, PieChart, HeatmapChart, GridComponent, LegendComponent, TitleComponent, VisualMapComponent, DatasetComponent, SVGRenderer]);

/** zrender's CSS font shorthand ("bold 12px sans-serif", "normal normal 14px Sarabun") → size and weight. */
function parseCssFont(font: string | undefined): { fontSize: number; bold: boolean; italics: boolean } {
  const f = font ?? '';
  const size = f.match(/([\d.]+)px/);
  return {
    fontSize: size ? parseFloat(size[1] as string) : 12,
    bold: /\b(bold|bolder|[6-9]00)\b/.test(f),
    italics: /\b(italic|oblique)\b/.test(f),
  };
}

/**
 * Width of `text` in `font` as the PDF will draw it (every chart text is drawn in Sarabun,
 * whatever family the option names). Characters Sarabun lacks count one em, like the
 * fallback font a browser would use: zrender takes the width of '国' as its line height.
 */
export function measureChartText(text: string, font?: string): { width: number } {
  const style = parseCssFont(font);
  let missing = 0;
  let drawn = '';
  for (const ch of text) {
    if (sarabunMetrics.hasGlyph(ch.codePointAt(0) ?? 0, style.bold, style.italics) || ch === '\n') drawn += ch;
    else missing++;
  }
  return { width: sarabunMetrics.textWidth(toPdfText(drawn), style) + missing * style.fontSize };
}

// zrender keeps one platform API per process; every chart rendered here wants these metrics.
setPlatformAPI({ measureText: measureChartText });

type Loose = Record<string, unknown>;
const asList = (v: unknown): Loose[] => (Array.isArray(v) ? (v as Loose[]) : v && typeof v === 'object' ? [v as Loose] : []);

/**
 * Room for value labels. A label above the highest point of a value axis (a line's or a bar's
 * 'top' label) sits above the plot area, over the title; one beside a bar crosses the
 * gridlines. So a value axis under 'top' labels gets 15 % headroom (the labels stay inside the
 * grid, below the title), and every label outside its bar gets a white ground that covers the
 * gridline behind it.
 */
export function withLabelRoom(option: ReportChartOption): ReportChartOption {
  const series = asList(option.series);
  const outside = (s: Loose): boolean => {
    const label = s.label as Loose | undefined;
    return label?.show === true && label.position !== 'inside' && label.position !== 'insideTop' && s.type !== 'pie';
  };
  const above = series.some((s) => outside(s) && ((s.label as Loose).position ?? 'top') === 'top');
  const withHeadroom = (axis: unknown): unknown => {
    if (!above) return axis;
    const list = asList(axis).map((a) => (a.type === 'value' && a.max === undefined ? { ...a, boundaryGap: [0, '15%'] } : a));
    return Array.isArray(axis) ? list : list[0];
  };
  return {
    ...option,
    ...(option.yAxis !== undefined ? { yAxis: withHeadroom(option.yAxis) as ReportChartOption['yAxis'] } : {}),
    series: series.map((s) =>
      outside(s) ? { ...s, label: { backgroundColor: '#ffffff', padding: [0, 1], ...(s.label as Loose) } } : s,
    ) as ReportChartOption['series'],
  };
}

/**
 * Renders `option` to an SVG string of `width` × `height` user units (1 unit = 1 pt in the PDF).
 * Animation is off and every text is set in Sarabun. The ECharts instance lives only here.
 */
export function renderChartSvg(option: ReportChartOption, size: SvgSize): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    const textStyle = (option.textStyle ?? {}) as Record<string, unknown>;
    chart.setOption({ ...withLabelRoom(option), animation: false, textStyle: { ...textStyle, fontFamily: SARABUN } });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** pdfmake content for a chart: the SVG with its Thai labels as real, extractable PDF text. */
export function chartContent(option: ReportChartOption, size: SvgSize): Content {
  return svgWithTextOverlay(renderChartSvg(option, size), size);
}
