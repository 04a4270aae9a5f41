import type { SubmissionReport } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { formatNumber } from '../format/format-number.ts';
import { IssueCounts, IssueTable, issueCounts } from './issue-table.tsx';

/** What a dry run or a load did with a file: counts, issues by kind, and every row issue. */
export function SubmissionReportView({ report }: { report: SubmissionReport }) {
  const { t, locale } = useApp();
  const n = (v: number) => formatNumber(v, locale);
  const statusText = t.submissions.statuses[report.status] ?? report.status;
  return (
    <section class="report" aria-labelledby="report-title" data-testid="submission-report" data-status={report.status}>
      <h2 id="report-title">
        {report.dryRun ? t.upload.report : t.upload.committed}: <span class={`status status-${report.status}`}>{statusText}</span>
      </h2>
      {report.dryRun && <p class="notice">{t.upload.dryRunNote}</p>}
      <dl class="counts">
        <div>
          <dt>{t.upload.rowsRead}</dt>
          <dd data-testid="rows-read">{n(report.rowsRead)}</dd>
        </div>
        <div>
          <dt>{t.upload.created}</dt>
          <dd>{n(report.accepted.created)}</dd>
        </div>
        <div>
          <dt>{t.upload.updated}</dt>
          <dd>{n(report.accepted.updated)}</dd>
        </div>
        <div>
          <dt>{t.upload.unchanged}</dt>
          <dd>{n(report.accepted.unchanged)}</dd>
        </div>
        <div class={report.rejected > 0 ? 'bad' : undefined}>
          <dt>{t.upload.rejected}</dt>
          <dd data-testid="rows-rejected">{n(report.rejected)}</dd>
        </div>
        <div>
          <dt>{t.upload.warnings}</dt>
          <dd>{n(report.warnings)}</dd>
        </div>
      </dl>
      <IssueCounts counts={issueCounts(report.issues)} />
      <IssueTable issues={report.issues} />
      {report.issuesTotal > report.issues.length && <p class="muted">{t.issues.more(n(report.issuesTotal - report.issues.length))}</p>}
      {!report.dryRun && report.rejected > 0 && report.submissionId && (
        <p>
          <a class="button secondary" href={`/api/submissions/${encodeURIComponent(report.submissionId)}/rejected.csv`} download>
            {t.upload.downloadRejected}
          </a>
        </p>
      )}
    </section>
  );
}
