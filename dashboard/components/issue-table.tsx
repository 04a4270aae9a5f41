import { ISSUE_CODES, type IssueCode } from '../../domain/issue-codes.ts';
import { useApp } from '../app-context.ts';
import { formatNumber } from '../format/format-number.ts';
import { label } from '../i18n/messages.ts';
import { TableView } from './table-view.tsx';
import { tableDownload, type TableColumn } from './table-columns.ts';
import { XlsxDownload } from './xlsx-download.tsx';

const ISSUE_DOWNLOAD_MAX = 5_000;

export interface IssueLike {
  row: number | null;
  column: string | null;
  value: string | null;
  code: string;
  severity: 'error' | 'warning';
  message: { th: string; en: string };
}

/**
 * The one table for problems with rows: upload reports, form errors and API validation
 * problems all carry the pipeline's issue shape. The offending value is shown as text
 * (never markup), quoted so blanks and spaces can be seen, and as typed whatever the digit
 * setting.
 */
export function IssueTable({ issues, limit = 200, caption }: { issues: IssueLike[]; limit?: number; caption?: string }) {
  const { t, lang, locale } = useApp();
  const columns: TableColumn<IssueLike>[] = [
    { key: 'row', label: t.issues.row, kind: 'integer', value: (i) => i.row, cell: (i) => (i.row === null ? t.issues.file : formatNumber(i.row, locale)) },
    { key: 'column', label: t.issues.column, value: (i) => i.column },
    { key: 'value', label: t.issues.value, value: (i) => i.value, cell: (i) => (i.value === null ? '–' : <code class="value" data-digits="as-typed">“{i.value}”</code>) },
    {
      key: 'message',
      label: t.issues.message,
      value: (i) => `${i.severity === 'error' ? t.issues.error : t.issues.warning}: ${label(lang, i.message)}`,
      cell: (i) => (
        <>
          <span class={`badge ${i.severity}`}>{i.severity === 'error' ? t.issues.error : t.issues.warning}</span> {label(lang, i.message)}
        </>
      ),
    },
  ];
  if (issues.length === 0) return <p class="muted">{t.issues.none}</p>;
  const title = caption ?? t.issues.title;
  return (
    <>
      {/* Every issue, not only the rows shown: an officer mends the file from this list in Excel
          (the workbook route's own bound is 5,000 rows). */}
      <div class="list-tools">
        <XlsxDownload table={() => tableDownload(title, columns, issues.slice(0, ISSUE_DOWNLOAD_MAX))} />
      </div>
      <TableView
        columns={columns}
        rows={issues.slice(0, limit)}
        rowKey={(_, n) => String(n)}
        caption={title}
        showCaption
        tableClass="data issues"
        rowProps={(i) => ({ class: i.severity === 'error' ? 'sev-error' : 'sev-warning' })}
      />
      {issues.length > limit && <p class="muted">{t.issues.more(formatNumber(issues.length - limit, locale))}</p>}
    </>
  );
}

/** How many issues of each code a list holds. */
export function issueCounts(issues: readonly { code: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of issues) out[i.code] = (out[i.code] ?? 0) + 1;
  return out;
}

/** Counts per issue code, labelled from the catalogue (unknown codes shown as they are). */
export function IssueCounts({ counts }: { counts: Record<string, number> }) {
  const { t, lang, locale } = useApp();
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  if (entries.length === 0) return null;
  return (
    <div>
      <h3>{t.issues.counts}</h3>
      <ul class="issue-counts">
        {entries.map(([code, n]) => {
          const def = (ISSUE_CODES as Record<string, { th: string; en: string; severity: string } | undefined>)[code as IssueCode];
          return (
            <li key={code}>
              <span class={`badge ${def?.severity ?? 'error'}`}>{formatNumber(n, locale)}</span> {def ? label(lang, def) : code}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
