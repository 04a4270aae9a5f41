import { useState } from 'preact/hooks';
import { bangkokDate } from '../../domain/timeliness.ts';
import type { ListPage, SubmissionReport, SubmissionSummary } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { formatDateTime } from '../format/format-date.ts';
import { useResource } from '../use-resource.ts';
import { ErrorState, Loading } from './status.tsx';
import { DataTable } from './data-table.tsx';
import type { TableColumn } from './table-columns.ts';
import { SubmissionReportView } from './submission-report-view.tsx';

/** A district's submissions, newest first, each opening its report. */
export function SubmissionList({ district }: { district: string }) {
  const { api, t, locale } = useApp();
  const [open, setOpen] = useState<string | null>(null);
  const res = useResource(`/api/submissions?district=${district}`, (signal) =>
    api.get<ListPage<SubmissionSummary> | SubmissionSummary[]>('/api/submissions', { district }, signal),
  );
  const items = res.data ? (Array.isArray(res.data) ? res.data : res.data.items) : null;
  const columns: TableColumn<SubmissionSummary>[] = [
    { key: 'when', label: t.submissions.when, kind: 'date', value: (s) => bangkokDate(new Date(s.createdAt)), sortValue: (s) => s.createdAt, cell: (s) => formatDateTime(s.createdAt, locale) },
    {
      key: 'file',
      label: t.submissions.file,
      value: (s) => s.fileName ?? null,
      cell: (s) => (
        <>
          {s.fileName ?? '–'} {s.dryRun && <span class="badge">{t.submissions.dryRun}</span>}
        </>
      ),
    },
    { key: 'by', label: t.submissions.by, value: (s) => s.username },
    { key: 'status', label: t.submissions.status, value: (s) => t.submissions.statuses[s.status] ?? s.status },
    { key: 'rows', label: t.submissions.rows, kind: 'integer', value: (s) => s.rowsRead },
    { key: 'accepted', label: t.submissions.accepted, kind: 'integer', value: (s) => s.accepted },
    { key: 'rejected', label: t.submissions.rejected, kind: 'integer', value: (s) => s.rejected },
    {
      key: 'report',
      label: t.submissions.report,
      noExport: true,
      value: () => null,
      cell: (s) => (
        <button type="button" class="linklike" aria-expanded={open === s.id} onClick={() => setOpen(open === s.id ? null : s.id)}>
          {t.submissions.open}
        </button>
      ),
    },
  ];
  return (
    <DataTable columns={columns} state={{ rows: items, error: res.error, reload: res.reload }} rowKey={(s) => s.id} caption={t.district.submissions} testId="submission-table">
      {open && <SubmissionDetail id={open} />}
    </DataTable>
  );
}

function SubmissionDetail({ id }: { id: string }) {
  const { api } = useApp();
  const res = useResource(`/api/submissions/${id}`, (signal) => api.get<SubmissionReport>(`/api/submissions/${encodeURIComponent(id)}`, undefined, signal));
  if (res.error) return <ErrorState error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  return <SubmissionReportView report={res.data} />;
}
