import { problem, type ProblemError, type ProblemIssue } from './problem.ts';

// The problems every route can answer, worded once. Out-of-scope data answers `notFound()`,
// exactly like data that does not exist, so a caller learns nothing about what lies outside
// their scope; `forbidden()` is for what the caller's role may never do.

export function notFound(): ProblemError {
  return problem(404, 'not-found', { en: 'Not found', th: 'ไม่พบสิ่งที่ขอ' });
}

export function unauthorized(): ProblemError {
  return problem(401, 'unauthorized', { en: 'Sign-in required', th: 'กรุณาเข้าสู่ระบบ' });
}

export function forbidden(detail?: { en: string; th: string }): ProblemError {
  return problem(
    403,
    'forbidden',
    { en: 'Your role may not do this', th: 'บทบาทของท่านไม่มีสิทธิ์ดำเนินการนี้' },
    detail ? { detail: detail.en, detailTh: detail.th } : {},
  );
}

export function passwordChangeRequired(): ProblemError {
  return problem(
    403,
    'password-change-required',
    { en: 'Choose a new password first', th: 'กรุณาตั้งรหัสผ่านใหม่ก่อนใช้งาน' },
    {
      detail: 'This account signed in with an activation code or a reset; set a password with POST /api/auth/password.',
      detailTh: 'บัญชีนี้เข้าสู่ระบบด้วยรหัสเปิดใช้งาน กรุณาตั้งรหัสผ่านใหม่ก่อน',
    },
  );
}

export function invalidRequest(issues: ProblemIssue[]): ProblemError {
  return problem(422, 'invalid-request', { en: 'The request has invalid values', th: 'ข้อมูลที่ส่งมาไม่ถูกต้อง' }, { issues });
}

// Routes build field issues with the same helper as services.
export { fieldIssue } from '../domain-error.ts';
