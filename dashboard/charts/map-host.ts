import { init, registerMap, use } from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { MapOption } from './area-map.ts';

// Reached only through the map component's dynamic import: pages without a map never load the
// map series, and pages with one load it beside the charts' shared ECharts core.
use([MapChart, TooltipComponent, VisualMapPiecewiseComponent, SVGRenderer]);

/** An outline collection as ECharts' registerMap takes it: each feature's `name` is its area code. */
export interface MapGeoJson {
  type: 'FeatureCollection';
  features: Array<{ type: 'Feature'; properties: { name: string }; geometry: unknown }>;
}

export interface MapHost {
  update(option: MapOption): void;
  dispose(): void;
}

/** Registers the outlines under `mapName` and draws `option` on `el`; clicks report the area code. */
export function hostMap(el: HTMLElement, mapName: string, geo: MapGeoJson, option: MapOption, onClick: (code: string) => void): MapHost {
  registerMap(mapName, geo as unknown as Parameters<typeof registerMap>[1]);
  const chart = init(el, null, { renderer: 'svg' });
  chart.setOption(option, { notMerge: true });
  chart.on('click', (p) => {
    if (typeof p.name === 'string' && p.name) onClick(p.name);
  });
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
