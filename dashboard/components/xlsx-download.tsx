import { problemText } from '../format/problem-text.ts';
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { useApp } from '../app-context.ts';
import type { TableDownload } from './table-columns.ts';

/**
 * "Download Excel" for a table. A server-backed list links to its own GET route (the whole
 * list under the same filters and scope checks, not just the page shown); a table computed on
 * screen posts its columns and rows to POST /api/tables.xlsx and saves the answer.
 */
export function XlsxDownload({ href, table, label }: { href?: string; table?: () => TableDownload; label?: string }) {
  const { api, t, lang } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const text = label ?? t.attention.downloadXlsx;
  const problem = error ? problemText(error.problem, lang) : null;
  if (href) {
    return (
      <a class="button secondary small" href={href} download data-testid="xlsx-download">
        {text}
      </a>
    );
  }
  if (!table) return null;
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = table();
      const blob = await api.download('/api/tables.xlsx', body);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${body.title.replace(/[\\/:*?"<>|]/g, ' ').trim() || 'table'}.xlsx`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError({ type: 'about:blank', status: 0, title: String(err), titleTh: String(err) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class="secondary small" data-testid="xlsx-download" disabled={busy} aria-busy={busy} onClick={() => void save()}>
        {busy ? t.attention.downloading : text}
      </button>
      {/* Title and detail only (not status.tsx's ProblemMessage): the issue table, which that
          shows, has this button itself. */}
      {error && problem && (
        <p class="state error" role="alert">
          <strong>{error.problem.status === 0 ? t.state.networkError : problem.title}</strong>
          {problem.detail && <> {problem.detail}</>}
        </p>
      )}
    </>
  );
}
