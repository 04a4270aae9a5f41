import { init, use } from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartOption } from './chart-option.ts';

// Only what the builders use; this module is reached through the chart pages' dynamic
// imports, so none of it is in the first script a browser loads.
use([
  BarChart,
  LineChart,
  HeatmapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
  MarkLineComponent,
  MarkAreaComponent,
  SVGRenderer,
]);

/** What a click on a bar, point or heatmap square tells (ECharts' event, the parts we use). */
export interface ChartClick {
  /** The item's name (a map region's area code). */
  name: string;
  dataIndex: number;
  seriesIndex: number;
  value: unknown;
}

export interface ChartHost {
  /** Replaces the whole option (no merging: the option is the chart). */
  update(option: ChartOption): void;
  dispose(): void;
}

/**
 * The one owner of an ECharts instance's life: init on the element, follow its size, take
 * new options, and dispose of the instance and the observer together.
 */
export function hostChart(el: HTMLElement, option: ChartOption, onClick?: (event: ChartClick) => void): ChartHost {
  const chart = init(el, null, { renderer: 'svg' });
  chart.setOption(option, { notMerge: true });
  if (onClick) chart.on('click', (e) => onClick({ name: typeof e.name === 'string' ? e.name : '', dataIndex: e.dataIndex, seriesIndex: e.seriesIndex ?? 0, value: e.value }));
  let frame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => chart.resize());
  });
  observer.observe(el);
  return {
    update(next) {
      chart.setOption(next, { notMerge: true });
    },
    dispose() {
      cancelAnimationFrame(frame);
      observer.disconnect();
      chart.dispose();
    },
  };
}
