import { useMemo } from 'preact/hooks';
import { PROVINCE_ROUND_STATE_LABELS } from '../../domain/round-state.ts';
import type { ProgressResult, ProvinceAttention, ProvinceRoundStatus, StepProgress } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { cumulativeRegistrationsDescription, cumulativeRegistrationsOption, cumulativeRegistrationsTable } from '../charts/cumulative-registrations.ts';
import { districtStatesDescription, districtStatesOption, districtStatesTable } from '../charts/district-states.ts';
import { producersByAreaDescription, producersByAreaOption, producersByAreaTable } from '../charts/producers-by-area.ts';
import { productsByCategoryDescription, productsByCategoryOption, productsByCategoryTable } from '../charts/products-by-category.ts';
import { PRODUCT_CATEGORIES, type CategoryCode } from '../../domain/product-categories.ts';
import { categoryProductsHref } from '../components/category-link.ts';
import { CategoryProducts } from '../components/category-products.tsx';
import { AttentionPanel } from '../components/attention-panel.tsx';
import { AreaMap } from '../components/area-map.tsx';
import { Chart } from '../components/chart.tsx';
import { FilterBar } from '../components/filter-bar.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { ProgressMatrixTable } from '../components/progress-matrix-table.tsx';
import { Empty, ErrorState, Loading } from '../components/status.tsx';
import { ProvinceActions } from '../components/workflow-actions.tsx';
import { formatDate, formatDateTime } from '../format/format-date.ts';
import { applyDigits } from '../format/apply-digits.ts';
import { formatNumber, formatPercent } from '../format/format-number.ts';
import { label } from '../i18n/messages.ts';
import { headlineFigures, type HeadlineFigures } from '../model/headline-figures.ts';
import { districtMapAreas } from '../model/map-areas.ts';
import { progressMatrix } from '../model/progress-matrix.ts';
import { todayIso } from '../model/today.ts';
import { daysInclusive } from '../../domain/fiscal-year.ts';
import { navigate, useLocation } from '../router.ts';
import { formatQuery, parseQuery } from '../url-state.ts';
import { useNarrowScreen } from '../use-narrow-screen.ts';
import { useFiscalYears } from '../use-fiscal-years.ts';
import { useResource } from '../use-resource.ts';

interface Loaded {
  current: ProgressResult;
  previous: ProgressResult | null;
  /** The "needs attention" lists; null when they could not be read (the rest still shows). */
  attention: ProvinceAttention | null;
}

/** The province manager's picture: who is behind in which step of which quarter, and what to do. */
export function OverviewPage({ province }: { province: string }) {
  const { api, t, lang, locale } = useApp();
  const loc = useLocation();
  const q = parseQuery(loc.search);
  const { years, fy, ready } = useFiscalYears(q.fy);
  const key = ready ? `/api/progress?fy=${fy}&province=${province}` : null;
  const res = useResource<Loaded>(key, async (signal) => {
    const [current, previous, attention] = await Promise.all([
      api.get<ProgressResult>('/api/progress', { fy, province }, signal),
      // Last year only feeds the comparison figures; without it they read "–".
      api.get<ProgressResult>('/api/progress', { fy: fy - 1, province }, signal).catch(() => null),
      api.get<ProvinceAttention>(`/api/attention/provinces/${encodeURIComponent(province)}`, { fy }, signal).catch(() => null),
    ]);
    return { current, previous, attention };
  });

  const area = res.data?.current.provinces.find((x) => x.code === province);
  // Until the name has loaded the heading is the page's plain name, never "จังหวัด38".
  const title = area ? t.overview.title(lang === 'en' ? area.nameEn : area.nameTh) : t.nav.overview;
  return (
    <section class="overview" aria-busy={res.loading}>
      <PageHeading title={title}>
        {res.data && <p class="muted as-of">{t.overview.asOf(formatDateTime(res.data.current.asOf, locale))}</p>}
      </PageHeading>
      <FilterBar fields={['fy', 'q']} years={years} fy={fy} />
      <LiveStatus fy={ready ? fy : null} province={province} />
      {res.error ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : res.data.current.districts.length === 0 || res.data.current.rounds.length === 0 ? (
        <Empty />
      ) : (
        <OverviewBody data={res.data} fy={fy} quarter={q.q} category={q.category} province={province} reload={res.reload} />
      )}
    </section>
  );
}

function OverviewBody({ data, fy, quarter, category, province, reload }: { data: Loaded; fy: number; quarter: number | null; category: CategoryCode | null; province: string; reload: () => void }) {
  const { t, lang, locale } = useApp();
  const today = todayIso();
  const p = data.current;
  const head = useMemo(() => headlineFigures(p, data.previous, today, quarter), [p, data.previous, today, quarter]);
  const matrix = useMemo(() => progressMatrix(p), [p]);
  const focusQuarter = quarter ?? head.focus.round?.quarter ?? null;
  const narrow = useNarrowScreen();
  const charts = useMemo(() => {
    const layout = { narrow };
    const cumulativeInput = { fiscalYear: fy, rounds: p.rounds, cells: p.cells, targetProducers: p.total.targetProducers, today };
    const late = new Set(matrix.rows.flatMap((r) => r.cells.flatMap((c) => (c && (c.late || c.behindStep) ? [`${c.districtCode}|${c.quarter}`] : []))));
    const statesInput = { districts: p.districts, quarters: matrix.quarters, cells: p.cells, late };
    const districtHref = (code: string) => `/district/${code}${formatQuery({ fy })}`;
    return {
      byDistrict: {
        option: producersByAreaOption(p.districts, locale, layout),
        description: producersByAreaDescription(p.districts, locale, 'districts'),
        table: producersByAreaTable(p.districts, locale, districtHref),
      },
      byCategory: {
        option: productsByCategoryOption(p.total.productsByCategory, locale, layout),
        description: productsByCategoryDescription(p.total.productsByCategory, locale),
        // Drill-through without a pointer: each category's row opens its product list.
        table: { ...productsByCategoryTable(p.total.productsByCategory, locale), links: PRODUCT_CATEGORIES.map((c) => categoryProductsHref(province, fy, c.code, quarter)) },
      },
      cumulative: {
        option: cumulativeRegistrationsOption(cumulativeInput, locale, layout),
        description: cumulativeRegistrationsDescription(cumulativeInput, locale),
        table: cumulativeRegistrationsTable(cumulativeInput, locale),
      },
      states: {
        option: districtStatesOption(statesInput, locale, layout),
        description: districtStatesDescription(statesInput, locale),
        table: districtStatesTable(statesInput, locale, districtHref),
      },
    };
  }, [p, locale, fy, today, matrix, narrow, province, quarter]);
  // Drill-through: a district's bar opens the district; a heatmap square opens it in that quarter.
  const openDistrict = (index: number, quarter: number | null = null) => {
    const d = p.districts[index];
    if (d) navigate(`/district/${d.code}${formatQuery({ fy, q: quarter as 1 | 2 | 3 | 4 | null })}`);
  };
  const provinceArea = p.provinces.find((x) => x.code === province);
  const focusRound = head.focus.round;
  const mapAreas = useMemo(() => districtMapAreas(p, focusRound?.code ?? null), [p, focusRound?.code]);
  const focusCells = focusRound ? p.cells.filter((c) => c.roundCode === focusRound.code) : [];
  const provinceCell = focusRound ? p.provinceCells.find((c) => c.roundCode === focusRound.code && c.provinceCode === province) : undefined;
  const provinceState = provinceCell?.state ?? focusCells[0]?.provinceState ?? 'open';

  const focusSteps = provinceCell?.steps ?? [];
  return (
    <>
      {data.attention && <AttentionPanel data={data.attention} fy={fy} />}
      <Headline head={head} steps={focusSteps} />
      {focusRound && (
        <section class="card province-actions" aria-labelledby="province-actions-title">
          <h2 id="province-actions-title">{t.overview.provinceActions}</h2>
          <p>{t.overview.provinceState(t.quarterShort(focusRound.quarter), label(lang, PROVINCE_ROUND_STATE_LABELS[provinceState]))}</p>
          <ProvinceRoundActions
            provinceCode={province}
            provinceName={provinceArea ? (lang === 'en' ? provinceArea.nameEn : provinceArea.nameTh) : province}
            roundCode={focusRound.code}
            roundName={`${t.quarterShort(focusRound.quarter)} ${t.fiscalYearLabel(fy)}`}
            provinceState={provinceState}
            allCertified={focusCells.length > 0 && focusCells.every((c) => c.state === 'certified')}
            onDone={reload}
          />
        </section>
      )}
      <ProgressMatrixTable matrix={matrix} fy={fy} focusQuarter={focusQuarter} />
      <AreaMap
        province={province}
        title={t.overview.mapTitle(focusRound ? t.quarterShort(focusRound.quarter) : '')}
        areas={mapAreas}
        onOpen={(code) => navigate(`/district/${code}`)}
      />
      <h2 class="section-title">{t.overview.charts}</h2>
      <div class="chart-grid">
        <Chart
          id="chart-by-district"
          title={t.overview.chartByDistrict}
          {...charts.byDistrict}
          onSelect={(e) => openDistrict(e.dataIndex)}
          height={Math.max(240, 40 * p.districts.length + (narrow ? 150 : 100))}
        />
        <Chart
          id="chart-by-category"
          title={t.overview.chartByCategory}
          {...charts.byCategory}
          // Drill-through: a category's bar opens the province's products of that category.
          onSelect={(e) => {
            const c = PRODUCT_CATEGORIES[e.dataIndex];
            if (c) navigate(categoryProductsHref(province, fy, c.code, quarter));
          }}
          height={300}
        />
        <Chart id="chart-cumulative" title={t.overview.chartCumulative} {...charts.cumulative} height={300} />
        <Chart
          id="chart-states"
          title={t.overview.chartStates}
          {...charts.states}
          onSelect={(e) => {
            const v = e.value as number[];
            openDistrict(v[1] ?? -1, matrix.quarters[v[0] ?? -1] ?? null);
          }}
          height={Math.max(240, 34 * p.districts.length + (narrow ? 180 : 110))}
        />
      </div>
      {category && <CategoryProducts province={province} fy={fy} category={category} />}
    </>
  );
}

/** The province's actions on a round, as the workflow allows this user now (server's list). */
function ProvinceRoundActions(props: Omit<Parameters<typeof ProvinceActions>[0], 'allowed'>) {
  const { api } = useApp();
  const status = useResource(`/api/rounds/${props.roundCode}/provinces/${props.provinceCode}`, (signal) =>
    api.get<ProvinceRoundStatus>(`/api/rounds/${encodeURIComponent(props.roundCode)}/provinces/${encodeURIComponent(props.provinceCode)}`, undefined, signal),
  );
  if (status.loading && !status.data) return null;
  return (
    <ProvinceActions
      {...props}
      allowed={status.data?.allowedActions}
      uncertified={status.data?.districts.filter((d) => d.state !== 'certified')}
      onDone={() => {
        status.reload();
        props.onDone();
      }}
    />
  );
}

/**
 * The window clock: days left in the open window; else how late the round's first unfinished
 * step is; else how long until the next window; else that every step is done.
 */
function Headline({ head, steps }: { head: HeadlineFigures; steps: readonly StepProgress[] }) {
  const { t, lang, locale } = useApp();
  const n = (v: number) => formatNumber(v, locale);
  const f = head.focus;
  const stepName = (step: number) => applyDigits(lang === 'en' ? `step ${step}` : `ขั้นตอนที่ ${step}`, locale.digits);
  const today = todayIso();
  // The first step of the round in focus that is past its window and not done.
  const overdue = [...steps].sort((a, b) => a.step - b.step).find((s) => s.status === 'overdue') ?? null;
  return (
    <section aria-labelledby="headline-title">
      <h2 id="headline-title" class="visually-hidden">
        {t.overview.headline}
      </h2>
      <dl class="headline" data-testid="headline">
        <div class="figure">
          <dt>{t.overview.producers}</dt>
          <dd class="big">{n(head.producers)}</dd>
          <dd class="sub">{t.overview.vsLastYear(n(head.previousProducers))}</dd>
        </div>
        <div class="figure">
          <dt>{t.overview.products}</dt>
          <dd class="big">{n(head.products)}</dd>
          <dd class="sub">{t.overview.vsLastYear(head.previousProducts === null ? '–' : n(head.previousProducts))}</dd>
        </div>
        <div class="figure">
          <dt>{t.overview.renewal}</dt>
          <dd class="big">{formatPercent(head.renewalRate, locale)}</dd>
          <dd class="sub">{t.overview.renewalHint(n(head.renewed), n(head.previousProducers))}</dd>
        </div>
        <div class="figure">
          <dt>{t.overview.certified}</dt>
          <dd class="big" aria-label={t.attention.ofTotal(n(head.certifiedDistricts), n(head.districts))}>
            {t.attention.ofTotal(n(head.certifiedDistricts), n(head.districts))}
          </dd>
          <dd class="sub">{f.round ? t.overview.certifiedOf(n(head.certifiedDistricts), n(head.districts), t.quarterShort(f.round.quarter)) : '–'}</dd>
        </div>
        <div class="figure" data-testid="window-clock">
          <dt>{t.overview.daysLeft}</dt>
          {f.open && f.daysLeft !== null ? (
            <>
              <dd class="big">{t.overview.daysLeftValue(n(f.daysLeft))}</dd>
              <dd class="sub">{t.overview.windowOf(stepName(f.open.step), formatDate(f.open.endDate, locale))}</dd>
            </>
          ) : overdue && overdue.daysLeft !== null ? (
            <>
              <dd class="big late-text">{t.attention.daysLate(n(-overdue.daysLeft))}</dd>
              <dd class="sub">{t.attention.stepLate(stepName(overdue.step), formatDate(overdue.endDate, locale))}</dd>
            </>
          ) : f.next ? (
            <>
              <dd class="big">{t.attention.startsIn(n(daysUntil(today, f.next.startDate)))}</dd>
              <dd class="sub">{t.overview.nextWindow(formatDate(f.next.startDate, locale))}</dd>
            </>
          ) : (
            <>
              <dd class="big">{steps.length > 0 && steps.every((s) => s.status === 'done') ? t.attention.allDone : t.overview.noOpenWindow}</dd>
              <dd class="sub">{f.ended ? t.overview.yearClosed : t.overview.noOpenWindow}</dd>
            </>
          )}
        </div>
      </dl>
    </section>
  );
}

const daysUntil = (today: string, start: string) => daysInclusive(today, start) - 1;
