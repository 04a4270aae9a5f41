import { useEffect, useRef } from 'preact/hooks';
import type { ChartOption } from '../charts/chart-option.ts';
import { hostChart, type ChartHost } from '../charts/chart-host.ts';

/**
 * A chart declared from its option: the host lives as long as the element, and a new option
 * replaces the old. The figure carries a text label; the data is also on the page as a table.
 */
export function Chart({ option, title, height = 320, id }: { option: ChartOption; title: string; height?: number; id?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const host = useRef<ChartHost | null>(null);
  const shown = useRef<ChartOption | null>(null);

  useEffect(() => {
    if (!el.current) return;
    host.current = hostChart(el.current, option);
    shown.current = option;
    return () => {
      host.current?.dispose();
      host.current = null;
    };
    // The host is created once per element; option changes go through update() below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (shown.current === option) return;
    host.current?.update(option);
    shown.current = option;
  }, [option]);

  return (
    <figure class="chart" id={id}>
      <figcaption>{title}</figcaption>
      <div ref={el} class="chart-canvas" role="img" aria-label={title} style={{ height: `${height}px` }} />
    </figure>
  );
}
