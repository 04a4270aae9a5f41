import { RESPONSIBLE_LABELS } from '../../domain/plan.ts';
import { PRODUCER_TYPES } from '../../domain/producer-types.ts';
import { PRODUCT_CATEGORIES } from '../../domain/product-categories.ts';
import { PRODUCT_STANDARDS } from '../../domain/product-standards.ts';
import { GUIDELINES_DOCUMENTS, GUIDELINES_SECTIONS, GUIDELINES_WHO } from '../../domain/registration-guidelines.ts';
import { applyDigits } from '../format/apply-digits.ts';
import type { PlanRounds } from '../api/types.ts';

type PlanRow = { r: PlanRounds['rounds'][number]; w: PlanRounds['rounds'][number]['windows'][number] };
import { useApp } from '../app-context.ts';
import { FilterBar } from '../components/filter-bar.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { Loading } from '../components/status.tsx';
import { DataTable } from '../components/data-table.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { formatDateRange } from '../format/format-date.ts';
import { formatNumber } from '../format/format-number.ts';
import { label } from '../i18n/messages.ts';
import { useLocation } from '../router.ts';
import { parseQuery } from '../url-state.ts';
import { useFiscalYears } from '../use-fiscal-years.ts';
import { useResource } from '../use-resource.ts';

/**
 * แนวทางการลงทะเบียน (enclosure 4): who, which documents, the vocabularies, and the plan's dates —
 * the same text the printed enclosure sets (domain/registration-guidelines.ts), in either language.
 */
export function GuidelinesPage() {
  const { t, lang, locale } = useApp();
  const loc = useLocation();
  const q = parseQuery(loc.search);
  const { years, fy, ready } = useFiscalYears(q.fy);
  return (
    <article class="guidelines">
      <PageHeading title={t.guidelines.title}>
        <p class="muted">{t.guidelines.subtitle}</p>
      </PageHeading>
      <div class="grid-2">
        <section class="card">
          <h2>{label(lang, GUIDELINES_SECTIONS.who)}</h2>
          <ul>
            {GUIDELINES_WHO.map((s) => (
              <li key={s.th}>{applyDigits(label(lang, s), locale.digits)}</li>
            ))}
          </ul>
        </section>
        <section class="card">
          <h2>{label(lang, GUIDELINES_SECTIONS.documents)}</h2>
          <ul>
            {GUIDELINES_DOCUMENTS.map((s) => (
              <li key={s.th}>{applyDigits(label(lang, s), locale.digits)}</li>
            ))}
          </ul>
        </section>
        <section class="card">
          <h2>{label(lang, GUIDELINES_SECTIONS.types)}</h2>
          <ol>
            {PRODUCER_TYPES.map((p) => (
              <li key={p.code}>{label(lang, p)}</li>
            ))}
          </ol>
        </section>
        <section class="card">
          <h2>{label(lang, GUIDELINES_SECTIONS.categories)}</h2>
          <ol>
            {PRODUCT_CATEGORIES.map((c) => (
              <li key={c.code}>{label(lang, c)}</li>
            ))}
          </ol>
          <h3>{label(lang, GUIDELINES_SECTIONS.standards)}</h3>
          <p>{PRODUCT_STANDARDS.map((s) => label(lang, s)).join(' · ')}</p>
        </section>
      </div>
      <section class="card">
        <h2>
          {label(lang, GUIDELINES_SECTIONS.plan)} {t.fiscalYearLabel(fy)}
        </h2>
        <FilterBar fields={['fy']} years={years} fy={fy} />
        {ready ? <PlanTable fy={fy} /> : <Loading />}
      </section>
    </article>
  );
}

function PlanTable({ fy }: { fy: number }) {
  const { api, t, lang, locale } = useApp();
  // The plan itself (GET /api/rounds: every signed-in role, the administrator too; the
  // progress read it used to come from answered the administrator with a 403 box).
  const res = useResource(`/api/rounds?fy=${fy}`, (signal) => api.get<PlanRounds>('/api/rounds', { fy }, signal));
  const rows: PlanRow[] | null = res.data ? [...res.data.rounds].sort((a, b) => a.quarter - b.quarter).flatMap((r) => r.windows.map((w) => ({ r, w }))) : null;
  const columns: TableColumn<PlanRow>[] = [
    { key: 'quarter', label: t.guidelines.quarter, value: ({ r }) => t.quarterShort(r.quarter) },
    { key: 'step', label: t.guidelines.step, value: ({ w }) => `${formatNumber(w.step, locale)}. ${t.guidelines.stepText[w.step]}` },
    { key: 'dates', label: t.guidelines.dates, value: ({ w }) => formatDateRange(w.startDate, w.endDate, locale) },
    { key: 'days', label: t.guidelines.days, kind: 'integer', value: ({ w }) => w.statedDays },
    { key: 'responsible', label: t.guidelines.responsible, value: ({ w }) => label(lang, RESPONSIBLE_LABELS[w.responsible]) },
  ];
  return (
    <DataTable
      columns={columns}
      state={{ rows, error: res.error, reload: res.reload }}
      rowKey={({ r, w }) => `${r.code}-${w.step}`}
      caption={`${label(lang, GUIDELINES_SECTIONS.plan)} ${t.fiscalYearLabel(fy)}`}
      testId="plan-table"
    />
  );
}
