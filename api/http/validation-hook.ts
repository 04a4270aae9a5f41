import type { Context } from 'hono';
import type { z } from 'zod';
import { sendProblem, type ProblemIssue } from './problem.ts';
import { invalidRequest } from './standard-problems.ts';

type ZodIssue = z.core.$ZodIssue;

/**
 * Maps a zod issue to the pipeline's issue shape. The submitted value is never echoed: a field
 * may hold a citizen ID or a password.
 */
export function requestIssue(issue: ZodIssue, target: string): ProblemIssue {
  const column = [target, ...issue.path.map(String)].join('.');
  const at = issue.path.length > 0 ? issue.path.map(String).join('.') : target;
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return { row: null, column, value: null, code: 'missing-value', severity: 'error', message: { en: `${at} is required`, th: `ไม่ได้ระบุ ${at}` } };
  }
  if (issue.code === 'invalid_type' && issue.expected === 'number') {
    return { row: null, column, value: null, code: 'invalid-number', severity: 'error', message: { en: `${at} must be a number`, th: `${at} ต้องเป็นตัวเลข` } };
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    return {
      row: null,
      column,
      value: null,
      code: 'out-of-range',
      severity: 'error',
      message: { en: `${at}: ${issue.message}`, th: `${at} อยู่นอกช่วงที่กำหนด` },
    };
  }
  return {
    row: null,
    column,
    value: null,
    code: 'invalid-value',
    severity: 'error',
    message: { en: `${at}: ${issue.message}`, th: `ค่าของ ${at} ไม่ถูกต้อง` },
  };
}

type HookResult = { success: true } | { success: false; error: { issues: readonly ZodIssue[] }; target?: string };

/** The default hook of every OpenAPI router: a failed request schema answers 422 problem+json. */
export function validationHook(result: HookResult, c: Context): Response | undefined {
  if (result.success) return undefined;
  const target = result.target ?? 'request';
  const err = invalidRequest(result.error.issues.map((i) => requestIssue(i, target)));
  return sendProblem(c, { instance: c.req.path, ...err.problem });
}
