import { problemText } from '../format/problem-text.ts';
import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api/client.ts';
import type { Problem } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { IssueTable } from './issue-table.tsx';

export function Loading({ label }: { label?: string }) {
  const { t } = useApp();
  return (
    <p class="state loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {label ?? t.state.loading}
    </p>
  );
}

export function Empty({ children }: { children?: ComponentChildren }) {
  const { t } = useApp();
  return <p class="state empty">{children ?? t.state.empty}</p>;
}

/**
 * A problem+json as a person reads it: the title in the chosen language, the detail, and the
 * row issues when there are any. A missing route (404 from /api) says the feature is not
 * there yet, rather than pretending there is no data.
 */
export function ProblemMessage({ problem, onRetry }: { problem: Problem; onRetry?: () => void }) {
  const { t, lang } = useApp();
  const { title, detail } = problemText(problem, lang);
  const missing = problem.status === 404 && /not-found$/.test(problem.type) && !problem.detail;
  // Rows of a file go in the issue table; a request's own fields (row null) are plain sentences,
  // not "row: whole file". The HTTP status is for the log, not for the person reading.
  const issues = problem.issues ?? [];
  const fileIssues = issues.filter((i) => i.row !== null);
  const fieldIssues = issues.filter((i) => i.row === null);
  return (
    <div class="state error" role="alert">
      <p class="problem-title">
        <strong>{problem.status === 0 ? t.state.networkError : title}</strong>
      </p>
      {missing && <p>{t.state.notAvailable}</p>}
      {detail && <p>{detail}</p>}
      {fileIssues.length > 0 && <IssueTable issues={fileIssues} />}
      {fieldIssues.length > 0 && (
        <ul class="field-issues">
          {fieldIssues.map((i, k) => (
            <li key={k}>{lang === 'en' ? i.message.en : i.message.th}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" class="secondary" onClick={onRetry}>
          {t.state.retry}
        </button>
      )}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return <ProblemMessage problem={error.problem} onRetry={onRetry} />;
}
