import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import { validationHook } from './validation-hook.ts';

/** Every router is built here, so request validation answers the same 422 problem everywhere. */
export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

export const IssueSchema = z
  .object({
    row: z.number().int().nullable(),
    column: z.string().nullable(),
    value: z.string().nullable(),
    code: z.string(),
    severity: z.enum(['error', 'warning']),
    message: z.object({ th: z.string(), en: z.string() }),
  })
  .openapi('Issue');

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://otop-monitor.example/problems/not-found' }),
    title: z.string(),
    titleTh: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    detailTh: z.string().optional(),
    instance: z.string().optional(),
    issues: z.array(IssueSchema).optional(),
  })
  .loose()
  .openapi('Problem', { description: 'RFC 9457 problem details (application/problem+json)' });

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  401: 'Not signed in, or the API token is invalid, expired or revoked',
  403: 'The role may not do this, the password must be changed first, the CSRF token is missing, or a read-only API token tried to write',
  404: 'Not found, or outside the caller’s scope (the two are indistinguishable)',
  409: 'Not allowed in the current state (the body carries the current state)',
  413: 'The body is larger than the limit (64 KB; an upload UPLOAD_LIMIT_MB)',
  415: 'Unsupported media type',
  422: 'Invalid request values (issues in the pipeline’s shape)',
  429: 'Too many requests: failed sign-ins, dry runs, table workbooks or open event streams (Retry-After header)',
};

/** Problem responses for a route's OpenAPI entry. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: PROBLEM_DESCRIPTIONS[s] ?? 'Problem', content: { 'application/problem+json': { schema: ProblemSchema } } },
    ]),
  );
}

/** The usual problems of a route that needs a signed-in user (plus any given). */
export function authedProblems(...more: number[]) {
  return problemResponses(401, 403, 422, ...more);
}

/** Either a session (cookie + CSRF header) or a personal API token (Authorization: Bearer). */
export const SECURITY: Record<string, string[]>[] = [{ sessionCookie: [] as string[] }, { bearerToken: [] as string[] }];
/** Routes an API token may not call (sign-in, password, token management). */
export const SESSION_SECURITY: Record<string, string[]>[] = [{ sessionCookie: [] as string[] }];

export const RoundCode = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/)
  .openapi({ example: '2561-Q1', description: 'Round code: BE fiscal year and quarter' });
export const DistrictCode = z.string().regex(/^\d{4}$/).openapi({ example: '3801' });
export const ProvinceCode = z.string().regex(/^\d{2}$/).openapi({ example: '38' });
export const SubdistrictCode = z.string().regex(/^\d{6}$/).openapi({ example: '380101' });
export const FiscalYear = z.coerce.number().int().min(2500).max(2700).openapi({ example: 2561, description: 'Buddhist-Era fiscal year' });

export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: 'Page size (at most 200)' }),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};

export function pageSchema<T extends z.ZodTypeAny>(item: T, name: string) {
  return z
    .object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
    .openapi(name);
}
