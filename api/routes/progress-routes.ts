import { createRoute } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import type { ProgressResult } from '../queries/progress.ts';
import { requireRole } from '../auth/require-user.ts';
import { scopedFilter } from '../auth/scope.ts';
import { DATA_ROLES } from '../auth/session-user.ts';
import { authedProblems, newRouter, SECURITY } from '../http/openapi-common.ts';
import { notFound } from '../http/standard-problems.ts';
import { createProgressCache } from '../progress-cache.ts';
import { acceptsGzip } from '../http/accepts-gzip.ts';
import { latestFiscalYear } from '../queries/latest-fiscal-year.ts';
import { ProgressQuerySchema, ProgressSchema } from '../schemas/progress-schemas.ts';

const progressRoute = createRoute({
  method: 'get',
  path: '/progress',
  tags: ['progress'],
  summary: 'Registration progress of a fiscal year in the caller’s scope, live',
  description:
    'Per district × round (within a province or district) and province × round: producers by type, products by category, new vs renewed, late registrations, workflow state, and each step’s status against the plan (Bangkok time); roll-ups per district, province and scope against a target (default: last year’s producers). A province or district outside the caller’s scope answers 404.',
  security: SECURITY,
  middleware: [requireRole(...DATA_ROLES)],
  request: { query: ProgressQuerySchema },
  responses: {
    200: { description: 'Progress', content: { 'application/json': { schema: ProgressSchema } } },
    ...authedProblems(404),
  },
});

/** Whether an If-None-Match header names the tag (weak comparison, RFC 9110 §13.1.2). */
function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

export function progressRoutes() {
  const cache = createProgressCache();
  // The first request hooks the cache to the committed changes this process hears of (any
  // process's writes, through LISTEN/NOTIFY), so answers of a changed province are let go.
  let hooked = false;
  return newRouter().openapi(progressRoute, async (c) => {
    if (!hooked) {
      hooked = true;
      c.get('deps').events.subscribe({ event: (e) => cache.invalidate(e.provinceCode), refresh: () => cache.invalidate(null), close: () => {} });
    }
    // Every read here goes to the read handle (the replica when READ_DATABASE_URL is set): the
    // scope's district lookup, the default fiscal year, and the cache's version and figures —
    // one source, so the version a cached answer is filed under is the replica's own. Only the
    // caller (role and area) comes from the primary, via the session.
    const { readDb, now } = c.get('deps');
    const q = c.req.valid('query');
    const scope = await scopedFilter(readDb, c.get('user'), { provinceCode: q.province, districtCode: q.district });
    const at = now();
    const fiscalYear = q.fy ?? (await latestFiscalYear(readDb, at));
    if (fiscalYear === null) throw notFound();
    const gzip = acceptsGzip(c.req.header('accept-encoding'));
    const body = await cache.getBody(readDb, { fiscalYear, ...scope, ...(q.detail ? { detail: q.detail } : {}) }, at, { gzip });
    // A poll whose figures have not changed (the dashboard's fallback when event streams are
    // blocked) gets 304 and no body.
    const validators = { etag: body.etag, 'cache-control': 'private, no-store', vary: 'accept-encoding' };
    if (ifNoneMatch(c.req.header('if-none-match'), body.etag)) {
      return c.body(null, 304, validators) as unknown as TypedResponse<ProgressResult, 200, 'json'>;
    }
    // Already JSON bytes (the cache keeps the serialised, and compressed, answer): sent as they
    // are, typed for the client. A slow connection gets the national view in ≈ 13 KB, not 310 KB.
    return c.body(body.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/json; charset=utf-8',
      ...validators,
      ...(body.encoding ? { 'content-encoding': body.encoding } : {}),
    }) as unknown as TypedResponse<ProgressResult, 200, 'json'>;
  });
}
