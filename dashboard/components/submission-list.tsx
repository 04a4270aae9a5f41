import { useState } from 'preact/hooks';
import type { ListPage, SubmissionReport, SubmissionSummary } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { formatDateTime } from '../format/format-date.ts';
import { formatNumber } from '../format/format-number.ts';
import { useResource } from '../use-resource.ts';
import { Empty, ErrorState, Loading } from './status.tsx';
import { SubmissionReportView } from './submission-report-view.tsx';
import { ScrollRegion } from './scroll-region.tsx';

/** A district's submissions, newest first, each opening its report. */
export function SubmissionList({ district }: { district: string }) {
  const { api, t, lang, locale } = useApp();
  const [open, setOpen] = useState<string | null>(null);
  const res = useResource(`/api/submissions?district=${district}`, (signal) =>
    api.get<ListPage<SubmissionSummary> | SubmissionSummary[]>('/api/submissions', { district }, signal),
  );
  if (res.error) return <ErrorState error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  const items = Array.isArray(res.data) ? res.data : res.data.items;
  if (items.length === 0) return <Empty />;
  const n = (v: number) => formatNumber(v, locale);
  return (
    <div>
      <ScrollRegion label={t.district.submissions}>
        <table class="data" data-testid="submission-table">
          <caption class="visually-hidden">{t.district.submissions}</caption>
          <thead>
            <tr>
              <th scope="col">{t.submissions.when}</th>
              <th scope="col">{t.submissions.file}</th>
              <th scope="col">{t.submissions.by}</th>
              <th scope="col">{t.submissions.status}</th>
              <th scope="col" class="num">{t.submissions.rows}</th>
              <th scope="col" class="num">{t.submissions.accepted}</th>
              <th scope="col" class="num">{t.submissions.rejected}</th>
              <th scope="col">{t.submissions.report}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id}>
                <td>{formatDateTime(s.createdAt, locale)}</td>
                <td>
                  {s.fileName ?? '–'} {s.dryRun && <span class="badge">{t.submissions.dryRun}</span>}
                </td>
                <td>{s.username}</td>
                <td>{t.submissions.statuses[s.status] ?? s.status}</td>
                <td class="num">{n(s.rowsRead)}</td>
                <td class="num">{n(s.accepted)}</td>
                <td class="num">{n(s.rejected)}</td>
                <td>
                  <button type="button" class="linklike" aria-expanded={open === s.id} onClick={() => setOpen(open === s.id ? null : s.id)}>
                    {t.submissions.open}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {open && <SubmissionDetail id={open} />}
    </div>
  );
}

function SubmissionDetail({ id }: { id: string }) {
  const { api } = useApp();
  const res = useResource(`/api/submissions/${id}`, (signal) => api.get<SubmissionReport>(`/api/submissions/${encodeURIComponent(id)}`, undefined, signal));
  if (res.error) return <ErrorState error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  return <SubmissionReportView report={res.data} />;
}
