import type { DomainError } from '../domain-error.ts';
import type { ProblemError } from './problem.ts';
import { forbidden, invalidRequest, notFound } from './standard-problems.ts';

/** A service's refusal as an HTTP problem: 404, 403 or 422 with the issues. */
export function domainProblem(err: DomainError): ProblemError {
  switch (err.kind) {
    case 'not-found':
      return notFound();
    case 'forbidden':
      return forbidden(err.info.detail);
    case 'invalid-request':
      return invalidRequest(err.info.issues ?? []);
  }
}
