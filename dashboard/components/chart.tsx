import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartOption, ChartTable } from '../charts/chart-option.ts';
import type { ChartClick, ChartHost } from '../charts/chart-host.ts';
import { useApp } from '../app-context.ts';
import { formatNumber } from '../format/format-number.ts';
import { onLinkClick } from '../router.ts';
import { ScrollRegion } from './scroll-region.tsx';
import type { TableDownload } from './table-columns.ts';
import { XlsxDownload } from './xlsx-download.tsx';

/** A chart's table as a workbook: a column of numbers is an integer column, anything else text. */
export function chartTableDownload(title: string, table: ChartTable): TableDownload {
  return {
    title,
    columns: table.columns.map((label, i) => ({ label, kind: table.rows.length > 0 && table.rows.every((r) => typeof r[i] === 'number') ? 'integer' : 'text' })),
    rows: table.rows.map((r) => table.columns.map((_, i) => r[i] ?? null)),
  };
}

/**
 * A chart declared from its option: the host lives as long as the element, and a new option
 * replaces the old. The picture is named by the title and described by a sentence written
 * from the same data; "view as table" shows the same figures as a table (with links where a
 * click on the chart would drill through).
 */
export function Chart({
  option,
  title,
  description,
  table,
  onSelect,
  height = 320,
  id,
}: {
  option: ChartOption;
  title: string;
  description: string;
  table: ChartTable;
  /** A click on a bar, point or square (drill-through). */
  onSelect?: (event: ChartClick) => void;
  height?: number;
  id: string;
}) {
  const { t, locale } = useApp();
  const el = useRef<HTMLDivElement>(null);
  const host = useRef<ChartHost | null>(null);
  const shown = useRef<ChartOption | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const [asTable, setAsTable] = useState(false);
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    // ECharts is its own chunk, fetched in parallel with the page's data (and preloaded at
    // boot on chart pages): the page, its figures and tables do not wait for it.
    let gone = false;
    void import('../charts/chart-host.ts').then(({ hostChart }) => {
      if (gone || !el.current) return;
      host.current = hostChart(el.current, latest.current, (e) => select.current?.(e));
      shown.current = latest.current;
    });
    return () => {
      gone = true;
      host.current?.dispose();
      host.current = null;
    };
    // The host is created once per element; option changes go through update() below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!host.current || shown.current === option) return;
    host.current.update(option);
    shown.current = option;
  }, [option]);

  const cell = (v: string | number) => (typeof v === 'number' ? formatNumber(v, locale) : v);
  return (
    <figure class="chart" id={id} aria-labelledby={`${id}-title`}>
      <figcaption class="chart-head">
        <span id={`${id}-title`}>{title}</span>
        <button type="button" class="linklike small" aria-expanded={asTable} aria-controls={`${id}-table`} data-testid="chart-toggle" onClick={() => setAsTable(!asTable)}>
          {asTable ? t.chartText.viewChart : t.chartText.viewTable}
        </button>
      </figcaption>
      <p id={`${id}-desc`} class="chart-desc muted small">
        {description}
      </p>
      <div ref={el} class="chart-canvas" role="img" aria-label={title} aria-describedby={`${id}-desc`} hidden={asTable} style={{ height: `${height}px` }} />
      <div id={`${id}-table`} hidden={!asTable}>
        {asTable && (
          <>
            <div class="list-tools">
              <XlsxDownload table={() => chartTableDownload(title, table)} />
            </div>
            <ScrollRegion label={title}>
              <table class="data compact chart-table">
                <caption class="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    {table.columns.map((c, i) => (
                      <th scope="col" key={i} class={i > 0 && typeof table.rows[0]?.[i] === 'number' ? 'num' : undefined}>
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((r, ri) => {
                    const href = table.links?.[ri] ?? null;
                    return (
                      <tr key={ri}>
                        <th scope="row">
                          {href ? (
                            <a href={href} onClick={onLinkClick}>
                              {cell(r[0] ?? '')}
                            </a>
                          ) : (
                            cell(r[0] ?? '')
                          )}
                        </th>
                        {r.slice(1).map((v, ci) => (
                          <td key={ci} class={typeof v === 'number' ? 'num' : undefined}>
                            {cell(v)}
                          </td>
                        ))}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollRegion>
          </>
        )}
      </div>
    </figure>
  );
}
