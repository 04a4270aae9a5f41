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
  const title = lang === 'th' ? (problem.titleTh ?? problem.title) : problem.title;
  const detail = lang === 'th' ? (problem.detailTh ?? problem.detail) : (problem.detail ?? problem.detailTh);
  const missing = problem.status === 404 && /not-found$/.test(problem.type) && !problem.detail;
  return (
    <div class="state error" role="alert">
      <p class="problem-title">
        <strong>{problem.status === 0 ? t.state.networkError : title}</strong>
        {problem.status > 0 && <span class="muted"> ({problem.status})</span>}
      </p>
      {missing && <p>{t.state.notAvailable}</p>}
      {detail && <p>{detail}</p>}
      {problem.issues && problem.issues.length > 0 && <IssueTable issues={problem.issues} />}
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
