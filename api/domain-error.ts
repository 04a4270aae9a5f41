import type { Issue, IssueCode } from '../domain/issue-codes.ts';

// A refusal by a service (scope checks, report and export planning): what was refused, in
// words of the domain, never of HTTP. The HTTP layer turns it into problem+json in one place
// (api/http/domain-problem.ts, registered in create-app.ts); the CLI prints it. Workflow acts
// and account changes have richer errors of their own (WorkflowError, AccountError).

/**
 * The pipeline's issue shape. Request checks add one code of their own, 'invalid-value', for a
 * value that is present but malformed in a way the catalogue has no code for.
 */
export type RequestIssue = Omit<Issue, 'code'> & { code: IssueCode | 'invalid-value' };

export type DomainErrorKind =
  | 'not-found' // does not exist, or lies outside the caller's scope (the same answer either way)
  | 'forbidden' // the caller's role may never do this, whatever the target
  | 'invalid-request'; // values the service cannot act on; `issues` says which

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly info: { detail?: { en: string; th: string }; issues?: RequestIssue[] } = {},
  ) {
    super(info.detail?.en ?? info.issues?.map((i) => i.message.en).join('; ') ?? kind);
    this.name = 'DomainError';
  }

  static notFound(): DomainError {
    return new DomainError('not-found');
  }

  static forbidden(detail?: { en: string; th: string }): DomainError {
    return new DomainError('forbidden', detail ? { detail } : {});
  }

  static invalid(issues: RequestIssue[]): DomainError {
    return new DomainError('invalid-request', { issues });
  }
}

/** A one-field issue in the pipeline's shape, for request checks made in code. */
export function fieldIssue(column: string, code: RequestIssue['code'], message: { en: string; th: string }): RequestIssue {
  return { row: null, column, value: null, code, severity: 'error', message };
}
