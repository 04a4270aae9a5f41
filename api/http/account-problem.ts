import type { AccountError } from '../accounts/account-error.ts';
import { problem, type ProblemError } from './problem.ts';
import { fieldIssue, invalidRequest, notFound } from './standard-problems.ts';

/** A refused account change as an HTTP problem. */
export function accountProblem(err: AccountError): ProblemError {
  switch (err.kind) {
    case 'not-found':
      return notFound();
    case 'username-taken':
      return problem(409, 'username-taken', { en: 'The username is taken', th: 'ชื่อผู้ใช้นี้มีผู้ใช้แล้ว' });
    case 'self':
      return problem(409, 'own-account', { en: err.problems[0]?.en ?? 'Not on your own account', th: err.problems[0]?.th ?? 'ทำกับบัญชีของตนเองไม่ได้' });
    case 'invalid':
      return invalidRequest(err.problems.map((p) => fieldIssue(p.column, 'invalid-value', { en: p.en, th: p.th })));
  }
}
