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
import { formatNumber } from '../format/format-number.ts';
import { roundFocus } from '../model/current-round.ts';
import { provinceMapAreas } from '../model/map-areas.ts';
import { todayIso } from '../model/today.ts';
import { navigate, useLocation } from '../router.ts';
import { useNarrowScreen } from '../use-narrow-screen.ts';
import { formatQuery, parseQuery } from '../url-state.ts';
import { useFiscalYears } from '../use-fiscal-years.ts';
import { useResource } from '../use-resource.ts';
import { DataTable } from '../components/data-table.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import type { Messages } from '../i18n/messages.ts';
import type { DisplayLocale } from '../format/display-locale.ts';

/** Provinces side by side; each drills into its own overview. */
export function DepartmentPage() {
  const { api, t, locale } = useApp();
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
          <DataTable
            columns={provinceColumns(p, round, fy, q.q, t, locale)}
            state={{ rows: p.provinces, error: null }}
            rowKey={(a) => a.code}
            caption={t.department.provinces}
            showCaption
            testId="province-table"
          />
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

type ProvinceArea = ProgressResult['provinces'][number];

/** The province comparison's columns: figures, certified districts of the round in view, each quarter's state, the drill link. */
function provinceColumns(p: ProgressResult, round: ProgressResult['rounds'][number] | null, fy: number, quarter: number | null, t: Messages, locale: DisplayLocale): TableColumn<ProvinceArea>[] {
  const { lang } = locale;
  const n = (v: number) => formatNumber(v, locale);
  const certified = (a: ProvinceArea) => (round ? (a.certifiedByRound[round.code] ?? 0) : 0);
  return [
    { key: 'name', label: t.filters.province, rowHeader: true, value: (a) => (lang === 'en' ? a.nameEn : a.nameTh) },
    { key: 'producers', label: t.overview.producers, kind: 'integer', value: (a) => a.producers },
    { key: 'products', label: t.overview.products, kind: 'integer', value: (a) => a.products },
    { key: 'target', label: t.department.target, kind: 'integer', value: (a) => a.targetProducers },
    { key: 'ratio', label: t.department.ratio, kind: 'percent', value: (a) => a.targetRatio },
    {
      key: 'certified',
      label: `${t.department.certifiedDistricts}${round ? ` (${t.quarterShort(round.quarter)})` : ''}`,
      className: 'num',
      value: (a) => `${certified(a)}/${a.districts}`,
      cell: (a) => t.attention.ofTotal(n(certified(a)), n(a.districts)),
    },
    ...p.rounds.map((r): TableColumn<ProvinceArea> => {
      const cellOf = (a: ProvinceArea) => p.provinceCells.find((c) => c.roundCode === r.code && c.provinceCode === a.code);
      return {
        key: r.code,
        label: t.quarterShort(r.quarter),
        cellClass: (a) => {
          const cell = cellOf(a);
          return cell ? `province-state pstate-${cell.state}` : undefined;
        },
        value: (a) => {
          const cell = cellOf(a);
          return cell ? `${label(lang, PROVINCE_ROUND_STATE_LABELS[cell.state])} ${cell.districtsCertified}/${cell.districts}` : null;
        },
        cell: (a) => {
          const cell = cellOf(a);
          return cell ? (
            <>
              <span class="cell-state">{label(lang, PROVINCE_ROUND_STATE_LABELS[cell.state])}</span>
              <span class="small">
                {' '}
                {n(cell.districtsCertified)}/{n(cell.districts)}
              </span>
            </>
          ) : (
            '–'
          );
        },
      };
    }),
    {
      key: 'drill',
      label: t.department.drill,
      hiddenLabel: true,
      noExport: true,
      value: () => null,
      cell: (a) => <Link href={`/province/${a.code}${formatQuery({ fy, q: quarter as 1 | 2 | 3 | 4 | null })}`}>{t.department.drill}</Link>,
    },
  ];
}
