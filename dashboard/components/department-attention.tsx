import { useMemo, useState } from 'preact/hooks';
import type { DepartmentAttention } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { formatNumber } from '../format/format-number.ts';
import { formatQuery } from '../url-state.ts';
import { Link } from './link.tsx';
import { ScrollRegion } from './scroll-region.tsx';

type SortKey = 'province' | 'quarter' | 'kind' | 'days' | 'certified';

interface Row {
  key: string;
  code: string;
  name: string;
  quarter: number;
  kind: 'awaiting' | 'late';
  days: number;
  daysLate: number | null;
  districts: number;
  districtsCertified: number;
}

/**
 * The department's to-do list: provinces that reported and wait for the announcement, and
 * provinces late to report — one table for up to 77 × 4 rows, sortable by any column
 * (most days first by default), each province a link to its overview.
 */
export function DepartmentAttentionTable({ data, fy }: { data: DepartmentAttention; fy: number }) {
  const { t, lang, locale } = useApp();
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'days', dir: -1 });
  const n = (v: number) => formatNumber(v, locale);
  const rows = useMemo(() => {
    const all: Row[] = [
      ...data.awaitingAnnouncement.map((p) => ({
        key: `a-${p.roundCode}-${p.code}`,
        code: p.code,
        name: lang === 'en' ? p.nameEn : p.nameTh,
        quarter: p.quarter,
        kind: 'awaiting' as const,
        days: p.daysWaiting,
        daysLate: p.daysLate,
        districts: p.districts,
        districtsCertified: p.districtsCertified,
      })),
      ...data.late.map((p) => ({
        key: `l-${p.roundCode}-${p.code}`,
        code: p.code,
        name: lang === 'en' ? p.nameEn : p.nameTh,
        quarter: p.quarter,
        kind: 'late' as const,
        days: p.daysLate,
        daysLate: p.daysLate,
        districts: p.districts,
        districtsCertified: p.districtsCertified,
      })),
    ];
    const value = (r: Row): number | string =>
      sort.key === 'province' ? r.name : sort.key === 'quarter' ? r.quarter : sort.key === 'kind' ? r.kind : sort.key === 'days' ? r.days : r.districtsCertified / Math.max(1, r.districts);
    const collator = new Intl.Collator(lang === 'en' ? 'en' : 'th');
    return all.sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
      return c * sort.dir || a.code.localeCompare(b.code) || a.quarter - b.quarter;
    });
  }, [data, sort, lang]);

  const columns: { key: SortKey; label: string; num?: boolean }[] = [
    { key: 'province', label: t.filters.province },
    { key: 'quarter', label: t.attention.quarter },
    { key: 'kind', label: t.attention.kind },
    { key: 'days', label: t.attention.days, num: true },
    { key: 'certified', label: t.attention.certified, num: true },
  ];
  return (
    <section class="card attention" aria-labelledby="dept-attention-title" data-testid="department-attention">
      <h2 id="dept-attention-title">{t.attention.departmentTitle}</h2>
      {rows.length === 0 ? (
        <p class="muted">{t.attention.departmentNone}</p>
      ) : (
        <ScrollRegion label={t.attention.departmentTitle}>
          <table class="data">
            <caption class="visually-hidden">{t.attention.departmentTitle}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th
                    key={c.key}
                    scope="col"
                    class={c.num ? 'num' : undefined}
                    aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined}
                  >
                    <button
                      type="button"
                      class="sort-button"
                      data-sort={c.key}
                      onClick={() => setSort((s) => ({ key: c.key, dir: s.key === c.key ? (s.dir === 1 ? -1 : 1) : c.num ? -1 : 1 }))}
                    >
                      {c.label}
                      <span aria-hidden="true">{sort.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-kind={r.kind}>
                  <th scope="row">
                    <Link href={`/province/${r.code}${formatQuery({ fy, q: r.quarter as 1 | 2 | 3 | 4 })}`}>{r.name}</Link>
                  </th>
                  <td>{t.quarterShort(r.quarter)}</td>
                  <td>{r.kind === 'awaiting' ? t.attention.awaitingAnnouncement : t.attention.lateReport}</td>
                  <td class="num">
                    {r.kind === 'awaiting' ? t.attention.daysWaiting(n(r.days)) : <span class="late-text">{t.attention.daysLate(n(r.days))}</span>}
                  </td>
                  <td class="num">{t.attention.ofTotal(n(r.districtsCertified), n(r.districts))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
