import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RequestIssue } from '../domain-error.ts';

/** The pipeline's issue shape (with 'invalid-value' for request checks): api/domain-error.ts. */
export type ProblemIssue = RequestIssue;

/**
 * RFC 9457 problem details. `type` is a stable URI per kind of problem; `title` is English and
 * `titleTh` Thai, so the dashboard can show either. Validation problems carry the pipeline's
 * issue list unchanged.
 */
export interface Problem {
  type: string;
  title: string;
  titleTh: string;
  status: number;
  detail?: string;
  detailTh?: string;
  instance?: string;
  issues?: ProblemIssue[];
  [extension: string]: unknown;
}

export const PROBLEM_BASE = 'https://otop-monitor.example/problems/';

export class ProblemError extends Error {
  constructor(
    readonly problem: Problem,
    /** Extra response headers (Retry-After on 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.title);
  }
}

export function problem(
  status: number,
  slug: string,
  title: { en: string; th: string },
  extra: Partial<Problem> = {},
  headers: Record<string, string> = {},
): ProblemError {
  return new ProblemError({ type: `${PROBLEM_BASE}${slug}`, title: title.en, titleTh: title.th, status, ...extra }, headers);
}

export function sendProblem(c: Context, p: Problem, headers: Record<string, string> = {}): Response {
  return c.body(JSON.stringify(p), p.status as ContentfulStatusCode, {
    ...headers,
    'content-type': 'application/problem+json; charset=utf-8',
  });
}
