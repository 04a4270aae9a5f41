import { useMemo } from 'preact/hooks';
import { PROVINCE_ROUND_STATE_LABELS } from '../../domain/round-state.ts';
import type { DepartmentAttention, ProgressResult } from '../api/types.ts';
import { label } from '../i18n/messages.ts';
import { useApp } from '../app-context.ts';
import { producersByAreaDescription, producersByAreaOption, producersByAreaTable } from '../charts/producers-by-area.ts';
import { AreaMap } from '../components/area-map.tsx';
import { PROVINCE_STATE_SCALE } from '../charts/area-map.ts';
import { Chart } from '../components/chart.tsx';
import { DepartmentAttentionTable } from '../components/department-attention.tsx';
import { FilterBar } from '../components/filter-bar.tsx';
import { Link } from '../components/link.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { Empty, ErrorState, Loading } from '../components/status.tsx';
import { formatNumber, formatPercent } from '../format/format-number.ts';
import { roundFocus } from '../model/current-round.ts';
import { provinceMapAreas } from '../model/map-areas.ts';
import { todayIso } from '../model/today.ts';
import { navigate, useLocation } from '../router.ts';
import { useNarrowScreen } from '../use-narrow-screen.ts';
import { formatQuery, parseQuery } from '../url-state.ts';
import { useFiscalYears } from '../use-fiscal-years.ts';
import { useResource } from '../use-resource.ts';
import { ScrollRegion } from '../components/scroll-region.tsx';

/** Provinces side by side; each drills into its own overview. */
export function DepartmentPage() {
  const { api, t, lang, locale } = useApp();
  const loc = useLocation();
  const q = parseQuery(loc.search);
  const { years, fy, ready } = useFiscalYears(q.fy);
  const res = useResource(ready ? `/api/progress?fy=${fy}` : null, (signal) => api.get<ProgressResult>('/api/progress', { fy }, signal));
  // Fetched beside the progress, not after it; a failure leaves the rest of the page.
  const attention = useResource(ready ? `/api/attention/department?fy=${fy}` : null, (signal) =>
    api.get<DepartmentAttention>('/api/attention/department', { fy }, signal),
  );
  const narrow = useNarrowScreen();
  const chart = useMemo(
    () =>
      res.data
        ? {
            option: producersByAreaOption(res.data.provinces, locale, { narrow }),
            description: producersByAreaDescription(res.data.provinces, locale, 'provinces'),
            table: producersByAreaTable(res.data.provinces, locale, (code) => `/province/${code}${formatQuery({ fy, q: q.q })}`),
          }
        : null,
    [res.data, locale, narrow, fy, q.q],
  );
  const n = (v: number) => formatNumber(v, locale);
  const p = res.data;
  const round = p ? ((q.q !== null ? p.rounds.find((r) => r.quarter === q.q) : null) ?? roundFocus(p.rounds, todayIso()).round) : null;
  const mapAreas = useMemo(() => (p ? provinceMapAreas(p, round?.code ?? null) : []), [p, round?.code]);
  return (
    <section class="department">
      <PageHeading title={t.department.title} />
      <FilterBar fields={['fy', 'q']} years={years} fy={fy} />
      <LiveStatus fy={ready ? fy : null} />
      {res.error ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : !p ? (
        <Loading />
      ) : p.provinces.length === 0 ? (
        <Empty />
      ) : (
        <>
          {attention.data && <DepartmentAttentionTable data={attention.data} fy={fy} />}
          <ScrollRegion label={t.department.provinces}>
            <table class="data" data-testid="province-table">
              <caption>{t.department.provinces}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.filters.province}</th>
                  <th scope="col" class="num">{t.overview.producers}</th>
                  <th scope="col" class="num">{t.overview.products}</th>
                  <th scope="col" class="num">{t.department.target}</th>
                  <th scope="col" class="num">{t.department.ratio}</th>
                  <th scope="col" class="num">
                    {t.department.certifiedDistricts}
                    {round ? ` (${t.quarterShort(round.quarter)})` : ''}
                  </th>
                  {p.rounds.map((r) => (
                    <th scope="col" key={r.code}>
                      {t.quarterShort(r.quarter)}
                    </th>
                  ))}
                  <th scope="col">
                    <span class="visually-hidden">{t.department.drill}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.provinces.map((a) => (
                  <tr key={a.code}>
                    <th scope="row">{lang === 'en' ? a.nameEn : a.nameTh}</th>
                    <td class="num">{n(a.producers)}</td>
                    <td class="num">{n(a.products)}</td>
                    <td class="num">{n(a.targetProducers)}</td>
                    <td class="num">{formatPercent(a.targetRatio, locale)}</td>
                    <td class="num">
                      {t.attention.ofTotal(n(round ? (a.certifiedByRound[round.code] ?? 0) : 0), n(a.districts))}
                    </td>
                    {p.rounds.map((r) => {
                      const cell = p.provinceCells.find((c) => c.roundCode === r.code && c.provinceCode === a.code);
                      return (
                        <td key={r.code} class={cell ? `province-state pstate-${cell.state}` : undefined}>
                          {cell ? (
                            <>
                              <span class="cell-state">{label(lang, PROVINCE_ROUND_STATE_LABELS[cell.state])}</span>
                              <span class="small">
                                {' '}
                                {n(cell.districtsCertified)}/{n(cell.districts)}
                              </span>
                            </>
                          ) : (
                            '–'
                          )}
                        </td>
                      );
                    })}
                    <td>
                      <Link href={`/province/${a.code}${formatQuery({ fy, q: q.q })}`}>{t.department.drill}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <AreaMap
            title={t.department.mapTitle(round ? t.quarterShort(round.quarter) : '')}
            areas={mapAreas}
            scale={PROVINCE_STATE_SCALE}
            onOpen={(code) => navigate(`/province/${code}${formatQuery({ fy, q: q.q })}`)}
          />
          {chart && (
            <Chart
              id="chart-provinces"
              title={t.department.chart}
              {...chart}
              // Drill-through: a province's bar opens its overview.
              onSelect={(e) => {
                const a = p.provinces[e.dataIndex];
                if (a) navigate(`/province/${a.code}${formatQuery({ fy, q: q.q })}`);
              }}
              height={Math.max(240, 40 * p.provinces.length + (narrow ? 150 : 100))}
            />
          )}
        </>
      )}
    </section>
  );
}
