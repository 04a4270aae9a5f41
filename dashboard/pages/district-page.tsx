import { ACTION_LABELS, DISTRICT_ROUND_STATE_LABELS, PROVINCE_ROUND_STATE_LABELS, type DistrictRoundState } from '../../domain/round-state.ts';
import { producerTypeLabel } from '../../domain/producer-types.ts';
import { RESPONSIBLE_LABELS } from '../../domain/plan.ts';
import type { CellProgress, DistrictRoundStatus, ListPage, ProducerRow, ProductRow, ProgressResult } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { FilterBar } from '../components/filter-bar.tsx';
import { Link } from '../components/link.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { DataTable } from '../components/data-table.tsx';
import { productColumns } from '../components/product-columns.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { SearchBox } from '../components/search-box.tsx';
import { SortSelect } from '../components/sort-select.tsx';
import { Empty, ErrorState, Loading } from '../components/status.tsx';
import { SubmissionList } from '../components/submission-list.tsx';
import { DistrictActions } from '../components/workflow-actions.tsx';
import { formatDateRange, formatDateTime } from '../format/format-date.ts';
import { routeAllowed } from '../routes.ts';
import { bangkokDate } from '../../domain/timeliness.ts';
import { applyDigits } from '../format/apply-digits.ts';
import { formatNumber } from '../format/format-number.ts';
import { label } from '../i18n/messages.ts';
import { roundFocus } from '../model/current-round.ts';
import { todayIso } from '../model/today.ts';
import { navigate, useLocation } from '../router.ts';
import { formatQuery, parseQuery, patchQuery, type ViewQuery } from '../url-state.ts';
import { useFiscalYears } from '../use-fiscal-years.ts';
import { useResource } from '../use-resource.ts';
import { withQuery } from '../api/client.ts';

const PAGE_SIZE = 20;
const TABS = ['producers', 'products', 'submissions'] as const;
type Tab = (typeof TABS)[number];

/** A district's work: its round state and allowed actions, its producers, products and submissions. */
export function DistrictPage({ district }: { district: string }) {
  const { api, t, lang, me } = useApp();
  const loc = useLocation();
  const q = parseQuery(loc.search);
  const { years, fy, ready } = useFiscalYears(q.fy);
  const res = useResource(ready ? `/api/progress?fy=${fy}&district=${district}` : null, (signal) =>
    api.get<ProgressResult>('/api/progress', { fy, district }, signal),
  );
  const area = res.data?.districts.find((d) => d.code === district);
  // Until the name has loaded the heading is the page's plain name, never "อำเภอ3801".
  const name = area ? (lang === 'en' ? area.nameEn : area.nameTh) : null;
  const tab: Tab = (TABS as readonly string[]).includes(q.tab ?? '') ? (q.tab as Tab) : 'producers';

  return (
    <section class="district">
      <PageHeading title={name ? t.district.title(name) : t.nav.district}>
        {/* Only for roles that may import: the department and analysts got a forbidden page. */}
        {me && routeAllowed({ name: 'upload' }, me.user) && (
          <p class="page-links">
            <Link href={`/upload${formatQuery({ district, fy, q: q.q })}`}>{t.district.uploadFile}</Link>
            <Link href={`/register${formatQuery({ district, fy, q: q.q })}`}>{t.district.registerOne}</Link>
          </p>
        )}
      </PageHeading>
      <FilterBar fields={['fy', 'q']} years={years} fy={fy} />
      <LiveStatus fy={ready ? fy : null} district={district} />
      {res.error ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : (
        <RoundPanel progress={res.data} district={district} districtName={name ?? district} quarter={q.q} reload={res.reload} />
      )}
      <div class="tabs" role="tablist" aria-label={t.district.tabs}>
        {TABS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`tab-${k}`}
            aria-selected={tab === k}
            aria-controls={`panel-${k}`}
            tabIndex={tab === k ? 0 : -1}
            onClick={() => navigate(loc.pathname + patchQuery(loc.search, { tab: k === 'producers' ? null : k, page: 1, sort: null }))}
            onKeyDown={(e) => {
              const i = TABS.indexOf(tab);
              const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : null;
              if (next) {
                navigate(loc.pathname + patchQuery(loc.search, { tab: next === 'producers' ? null : next, page: 1, sort: null }));
                requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
              }
            }}
          >
            {t.district[k]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} class="tab-panel">
        {ready && tab === 'producers' && <ProducerList district={district} fy={fy} q={q} />}
        {ready && tab === 'products' && <ProductList district={district} fy={fy} q={q} />}
        {tab === 'submissions' && <SubmissionList district={district} />}
      </div>
    </section>
  );
}

function RoundPanel({ progress, district, districtName, quarter, reload }: { progress: ProgressResult; district: string; districtName: string; quarter: number | null; reload: () => void }) {
  const { t, locale } = useApp();
  const focus = roundFocus(progress.rounds, todayIso());
  const round = (quarter !== null ? progress.rounds.find((r) => r.quarter === quarter) : null) ?? focus.round;
  if (!round) return <Empty />;
  const cell: CellProgress | undefined = progress.cells.find((c) => c.roundCode === round.code && c.districtCode === district);
  if (!cell) return <Empty />;
  const roundName = `${t.quarterShort(round.quarter)} ${t.fiscalYearLabel(progress.fiscalYear)}`;
  const n = (v: number) => formatNumber(v, locale);
  return <RoundStatus progressCell={cell} district={district} districtName={districtName} roundCode={round.code} roundName={roundName} reloadProgress={reload} n={n} />;
}

function RoundStatus({
  progressCell: cell,
  district,
  districtName,
  roundCode,
  roundName,
  reloadProgress,
  n,
}: {
  progressCell: CellProgress;
  district: string;
  districtName: string;
  roundCode: string;
  roundName: string;
  reloadProgress: () => void;
  n: (v: number) => string;
}) {
  const { api, t, lang, locale } = useApp();
  // The workflow's own view of the round: the actions this user may take now and the history.
  const status = useResource(`/api/rounds/${roundCode}/districts/${district}`, (signal) =>
    api.get<DistrictRoundStatus>(`/api/rounds/${encodeURIComponent(roundCode)}/districts/${encodeURIComponent(district)}`, undefined, signal),
  );
  const reload = () => {
    reloadProgress();
    status.reload();
  };
  const returned = status.data?.history.find((h) => h.toState === 'returned' && h.reason);
  return (
    <section class="card round-panel" aria-labelledby="round-title" data-testid="round-panel" data-state={cell.state}>
      <h2 id="round-title">
        {t.district.round}: {roundName}
      </h2>
      <p class="round-state">
        <span class={`state-pill state-${cell.state}`}>{label(lang, DISTRICT_ROUND_STATE_LABELS[cell.state])}</span>{' '}
        <span class="muted">{label(lang, PROVINCE_ROUND_STATE_LABELS[cell.provinceState])}</span>
      </p>
      <p>
        {t.overview.producers} {n(cell.producers)} · {t.overview.products} {n(cell.products)}
        {cell.lateRegistrations > 0 && <> · {t.overview.lateRegistrations(n(cell.lateRegistrations))}</>}
      </p>
      <ol class="steps">
        {cell.steps.map((s) => (
          <li key={s.step} class={`step step-${s.status}`}>
            <strong>{applyDigits(lang === 'en' ? `Step ${s.step}` : `ขั้นตอนที่ ${s.step}`, locale.digits)}</strong> ({label(lang, RESPONSIBLE_LABELS[s.responsible])}):{' '}
            {formatDateRange(s.startDate, s.endDate, locale)} —{' '}
            <span class={`step-status ${s.status}`}>{stepStatusText(s.status, lang)}</span>
            {s.doneAt && <> {formatDateTime(s.doneAt, locale)}</>}
            {s.timeliness === 'late' && <span class="cell-flag"> ⚑ {t.overview.late}</span>}
          </li>
        ))}
      </ol>
      {cell.state === 'returned' && returned?.reason && (
        <p class="notice" role="status" data-testid="returned-reason">
          {t.workflow.returnedBecause(applyDigits(returned.reason, locale.digits))}
        </p>
      )}
      <h3>{t.district.actions}</h3>
      {status.error && status.error.status !== 404 && <ErrorState error={status.error} onRetry={status.reload} />}
      {status.loading && !status.data ? (
        <Loading />
      ) : (
        <DistrictActions
          districtCode={district}
          districtName={districtName}
          roundCode={roundCode}
          roundName={roundName}
          state={status.data?.state ?? cell.state}
          provinceState={status.data?.provinceState ?? cell.provinceState}
          allowed={status.data?.allowedActions}
          onDone={reload}
        />
      )}
      {status.data && status.data.history.length > 0 && <History entries={status.data.history} />}
    </section>
  );
}

function stepStatusText(status: string, lang: 'th' | 'en'): string {
  const th: Record<string, string> = { upcoming: 'ยังไม่ถึงกำหนด', open: 'อยู่ในช่วงเวลา', overdue: 'เกินกำหนด', done: 'เสร็จแล้ว' };
  const en: Record<string, string> = { upcoming: 'upcoming', open: 'open now', overdue: 'overdue', done: 'done' };
  return (lang === 'en' ? en : th)[status] ?? status;
}

/** The round's workflow history, newest first, with the province's reasons for returning data. */
function History({ entries }: { entries: DistrictRoundStatus['history'] }) {
  const { t, lang, locale } = useApp();
  return (
    <details class="audit">
      <summary>{t.district.history}</summary>
      <ul>
        {entries.map((a) => (
          <li key={a.id}>
            {formatDateTime(a.at, locale)} · {a.username} · {ACTION_NAMES[a.action] ? label(lang, ACTION_NAMES[a.action]!) : a.action}
            {a.toState && DISTRICT_ROUND_STATE_LABELS[a.toState as DistrictRoundState] ? ` → ${label(lang, DISTRICT_ROUND_STATE_LABELS[a.toState as DistrictRoundState])}` : ''}
            {a.timeliness === 'late' && <span class="cell-flag"> ⚑ {t.overview.late}</span>}
            {a.reason ? <q>{applyDigits(a.reason, locale.digits)}</q> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}

const ACTION_NAMES: Record<string, { th: string; en: string } | undefined> = ACTION_LABELS;

function useList<T>(path: string, district: string, fy: number, q: ViewQuery, fallbackSort: string) {
  const { api } = useApp();
  const sort = q.sort ?? fallbackSort;
  const query = {
    district,
    fy,
    round: q.q ? `${fy}-Q${q.q}` : null,
    q: q.search || null,
    producerType: q.type,
    category: q.category,
    sort: sort.replace(/^-/, ''),
    order: sort.startsWith('-') ? 'desc' : 'asc',
    limit: PAGE_SIZE,
    offset: (q.page - 1) * PAGE_SIZE,
  };
  const key = `${path}${JSON.stringify(query)}`;
  const res = useResource(key, (signal) => api.get<ListPage<T>>(path, query, signal));
  // The same listing as an Excel workbook (every page, same filters and sort): the server's XLSX route.
  const { limit: _limit, offset: _offset, ...filters } = query;
  return { ...res, xlsxHref: withQuery(`${path}.xlsx`, filters) };
}

function ProducerList({ district, fy, q }: { district: string; fy: number; q: ViewQuery }) {
  const { t, lang } = useApp();
  const res = useList<ProducerRow>('/api/producers', district, fy, q, 'name');
  const columns: TableColumn<ProducerRow>[] = [
    { key: 'name', label: t.district.name, value: (p) => p.name },
    { key: 'thaiId', label: t.district.thaiId, value: (p) => p.thaiId, cell: (p) => <span data-digits="as-typed">{p.thaiId}</span>, className: 'mono' },
    { key: 'type', label: t.district.type, value: (p) => producerTypeLabel(p.producerType, lang) },
    { key: 'subdistrict', label: t.district.subdistrict, value: (p) => p.subdistrictNameTh },
    { key: 'members', label: t.district.members, kind: 'integer', value: (p) => p.members },
    // The registration day in Bangkok, not the upload's date and time.
    { key: 'registeredAt', label: t.district.registeredAt, kind: 'date', value: (p) => (p.registeredAt ? bangkokDate(new Date(p.registeredAt)) : null) },
  ];
  return (
    <DataTable
      columns={columns}
      state={{ rows: res.data?.items ?? null, error: res.error, reload: res.reload }}
      rowKey={(p) => String(p.id)}
      caption={t.district.producers}
      testId="producer-table"
      filtered={!!(q.search || q.type || q.category)}
      pager={res.data ? { page: q.page, pageSize: PAGE_SIZE, total: res.data.total } : undefined}
      download={res.xlsxHref}
      tools={
        <>
          <SearchBox id="producer-search" />
          <FilterBar fields={['type']} years={[]} fy={fy} />
          <SortSelect
            id="producer-sort"
            fallback="name"
            options={[
              { value: 'name', label: t.district.name },
              { value: 'subdistrict', label: t.district.subdistrict },
              { value: 'producerType', label: t.district.type },
              { value: '-updatedAt', label: t.district.registeredAt },
            ]}
          />
        </>
      }
    />
  );
}

function ProductList({ district, fy, q }: { district: string; fy: number; q: ViewQuery }) {
  const { t, lang } = useApp();
  const res = useList<ProductRow>('/api/products', district, fy, q, 'name');
  return (
    <DataTable
      columns={productColumns(t, lang)}
      state={{ rows: res.data?.items ?? null, error: res.error, reload: res.reload }}
      rowKey={(p) => String(p.id)}
      caption={t.district.products}
      testId="product-table"
      filtered={!!(q.search || q.type || q.category)}
      pager={res.data ? { page: q.page, pageSize: PAGE_SIZE, total: res.data.total } : undefined}
      download={res.xlsxHref}
      tools={
        <>
          <SearchBox id="product-search" />
          <FilterBar fields={['category']} years={[]} fy={fy} />
          <SortSelect
            id="product-sort"
            fallback="name"
            options={[
              { value: 'name', label: t.district.productName },
              { value: 'producerName', label: t.district.producer },
              { value: 'category', label: t.district.category },
              { value: '-stars', label: t.district.stars },
            ]}
          />
        </>
      }
    />
  );
}
