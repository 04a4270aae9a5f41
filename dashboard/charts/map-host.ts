import { registerMap, use } from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { MapOption } from './area-map.ts';
import type { ChartOption } from './chart-option.ts';
import { hostChart } from './chart-host.ts';

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

/** Registers the outlines under `mapName` and draws `option` on `el` (hostChart's life cycle); clicks report the area code. */
export function hostMap(el: HTMLElement, mapName: string, geo: MapGeoJson, option: MapOption, onClick: (code: string) => void): MapHost {
  registerMap(mapName, geo as unknown as Parameters<typeof registerMap>[1]);
  // The map's option is its own ComposeOption (map series); ECharts takes it on the same instance.
  const host = hostChart(el, option as unknown as ChartOption, (e) => {
    if (e.name) onClick(e.name);
  });
  return {
    update: (next) => host.update(next as unknown as ChartOption),
    dispose: () => host.dispose(),
  };
}
