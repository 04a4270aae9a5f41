import { useMemo } from 'preact/hooks';
import type { DepartmentAttention } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { formatNumber } from '../format/format-number.ts';
import { formatQuery } from '../url-state.ts';
import { Link } from './link.tsx';
import { DataTable } from './data-table.tsx';
import type { TableColumn } from './table-columns.ts';

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
    // Province code then quarter: the order equal rows keep under any sort.
    return all.sort((a, b) => a.code.localeCompare(b.code) || a.quarter - b.quarter);
  }, [data, lang]);

  const columns: TableColumn<Row>[] = [
    {
      key: 'province',
      label: t.filters.province,
      rowHeader: true,
      sortable: true,
      value: (r) => r.name,
      cell: (r) => <Link href={`/province/${r.code}${formatQuery({ fy, q: r.quarter as 1 | 2 | 3 | 4 })}`}>{r.name}</Link>,
    },
    { key: 'quarter', label: t.attention.quarter, sortable: true, value: (r) => t.quarterShort(r.quarter), sortValue: (r) => r.quarter },
    { key: 'kind', label: t.attention.kind, sortable: true, value: (r) => (r.kind === 'awaiting' ? t.attention.awaitingAnnouncement : t.attention.lateReport), sortValue: (r) => r.kind },
    {
      key: 'days',
      label: t.attention.days,
      kind: 'integer',
      sortable: true,
      value: (r) => r.days,
      cell: (r) => (r.kind === 'awaiting' ? t.attention.daysWaiting(n(r.days)) : <span class="late-text">{t.attention.daysLate(n(r.days))}</span>),
    },
    {
      key: 'certified',
      label: t.attention.certified,
      className: 'num',
      sortable: true,
      value: (r) => `${r.districtsCertified}/${r.districts}`,
      sortValue: (r) => r.districtsCertified / Math.max(1, r.districts),
      cell: (r) => t.attention.ofTotal(n(r.districtsCertified), n(r.districts)),
    },
  ];
  return (
    <section class="card attention" aria-labelledby="dept-attention-title" data-testid="department-attention">
      <h2 id="dept-attention-title">{t.attention.departmentTitle}</h2>
      <DataTable
        columns={columns}
        state={{ rows, error: null }}
        rowKey={(r) => r.key}
        caption={t.attention.departmentTitle}
        emptyText={t.attention.departmentNone}
        initialSort={{ key: 'days', dir: -1 }}
        rowProps={(r) => ({ 'data-kind': r.kind })}
      />
    </section>
  );
}
