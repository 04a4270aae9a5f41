import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { connectionFailure } from '../db/connection-failure.ts';
import { AccountError } from './accounts/account-error.ts';
import { bearerTokenMiddleware } from './auth/bearer-token-middleware.ts';
import { csrfProtection } from './auth/csrf-protection.ts';
import { sessionMiddleware } from './auth/session-middleware.ts';
import { accountProblem } from './http/account-problem.ts';
import { appSecureHeaders } from './http/app-secure-headers.ts';
import { compressResponses } from './http/compress-responses.ts';
import { allowedMethods } from './http/allowed-methods.ts';
import { logInternalError } from './http/log-internal-error.ts';
import { JSON_BODY_LIMIT_BYTES, requestBodyLimit } from './http/request-body-limit.ts';
import { newRouter } from './http/openapi-common.ts';
import { openApiDocument } from './http/openapi-document.ts';
import { ProblemError, problem, sendProblem } from './http/problem.ts';
import { workflowProblem } from './http/workflow-problem.ts';
import { documentProblem } from './http/document-problem.ts';
import { domainProblem } from './http/domain-problem.ts';
import { DomainError } from './domain-error.ts';
import { DocumentRefusal } from './reports/documents/document-refusal.ts';
import { createLiveEvents } from './events/live-events.ts';
import { apiRoutes } from './routes/api-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { dashboardStatic } from './routes/dashboard-static.ts';
import { WorkflowError } from './workflow/workflow-error.ts';
import type { AppDeps, AppEnv } from './app-env.ts';

export type { AppDeps, AppEnv } from './app-env.ts';

// Routes mounted as plain Hono routers, described here for the OpenAPI document.
const UNDECLARED_ROUTE_DOCS = {
  '/api/health': { get: { summary: 'Liveness and database round-trip', tags: ['health'], responses: { 200: { description: 'OK' } } } },
  '/api/openapi.json': { get: { summary: 'This document', tags: ['health'], responses: { 200: { description: 'OpenAPI 3.1' } } } },
};

function toProblem(err: unknown): ProblemError | null {
  if (err instanceof ProblemError) return err;
  if (err instanceof DomainError) return domainProblem(err);
  if (err instanceof WorkflowError) return workflowProblem(err);
  if (err instanceof DocumentRefusal) return documentProblem(err);
  if (err instanceof AccountError) return accountProblem(err);
  if (err instanceof HTTPException) {
    // Hono's own refusals (malformed JSON, unsupported media type, payload too large): our
    // wording, never the exception's message.
    const status = err.status;
    if (status === 413) return problem(413, 'too-large', { en: 'The request is larger than allowed', th: 'ข้อมูลที่ส่งมามีขนาดใหญ่เกินกำหนด' });
    if (status === 415) return problem(415, 'unsupported-media-type', { en: 'Unsupported media type', th: 'ไม่รองรับรูปแบบข้อมูลนี้' });
    if (status >= 400 && status < 500) return problem(status, 'bad-request', { en: 'The request could not be read', th: 'ไม่สามารถอ่านคำขอได้' });
  }
  return null;
}

/** Builds the HTTP application; no port is opened here (tests call app.request()). */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const full: Required<AppDeps> = {
    now: () => new Date(),
    ...deps,
    readDb: deps.readDb ?? deps.db,
    events: deps.events ?? createLiveEvents({ db: deps.db }),
  };
  const app = newRouter();
  app.use('*', async (c, next) => {
    c.set('deps', full);
    await next();
  });
  // Before anything reads a body (sign-in is anonymous): 64 KB, except the upload, whose route
  // applies UPLOAD_LIMIT_MB once it knows who is uploading, and an office's emblem, whose route
  // applies EMBLEM_MAX_BYTES once it knows an admin is sending it, and a table's workbook (2 MB
  // once a signed-in user sends it).
  app.use('*', requestBodyLimit({ maxBytes: JSON_BODY_LIMIT_BYTES, exempt: ['POST /api/submissions', 'POST /api/tables.xlsx', /^POST \/api\/offices\/\d{2}\/emblem$/] }));
  app.use('*', compressResponses());
  app.use('*', appSecureHeaders(full.config));
  app.use('/api/*', bearerTokenMiddleware());
  app.use('/api/*', sessionMiddleware());
  app.use('/api/*', csrfProtection());
  app.use('/api/*', async (c, next) => {
    await next();
    // Answers depend on who asks: no shared cache may keep them.
    if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
  });

  app.route('/api', healthRoutes());
  app.route('/api', apiRoutes());

  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get('/api/openapi.json', (c) => c.json((document ??= openApiDocument(app, UNDECLARED_ROUTE_DOCS))));

  // The dashboard's built files and its client routes; never answers under /api.
  app.route('/', dashboardStatic());

  // A path that exists under other methods answers 405 with Allow (RFC 9110 §15.5.6), not 404.
  const allowedOn = allowedMethods(app.routes);
  app.notFound((c) => {
    const allowed = allowedOn(c.req.path);
    if (allowed.length > 0) {
      const list = allowed.join(', ');
      return sendProblem(
        c,
        problem(
          405,
          'method-not-allowed',
          { en: 'Method not allowed', th: 'ไม่รองรับวิธีการร้องขอนี้' },
          {
            detail: `${c.req.method} is not allowed on ${c.req.path}; allowed: ${list}.`,
            detailTh: `${c.req.path} ไม่รองรับ ${c.req.method} ใช้ได้เฉพาะ: ${list}`,
            instance: c.req.path,
            allowed,
          },
        ).problem,
        { allow: list },
      );
    }
    return sendProblem(c, problem(404, 'not-found', { en: 'Not found', th: 'ไม่พบสิ่งที่ขอ' }, { instance: c.req.path }).problem);
  });
  app.onError((err, c) => {
    const known = toProblem(err);
    if (known) return sendProblem(c, { instance: c.req.path, ...known.problem }, known.headers);
    if (connectionFailure(err)) {
      // The database, not the request: lost, down or refusing. Logged; the client may retry.
      logInternalError(c.req.method, c.req.path, err);
      const unavailable = problem(503, 'database-unavailable', { en: 'The database is unavailable; try again shortly', th: 'ฐานข้อมูลไม่พร้อมใช้งาน กรุณาลองใหม่อีกครั้งในอีกสักครู่' });
      return sendProblem(c, { instance: c.req.path, ...unavailable.problem }, { 'retry-after': '5' });
    }
    // Internal errors are logged here and never echoed to the client.
    logInternalError(c.req.method, c.req.path, err);
    return sendProblem(
      c,
      problem(500, 'internal', { en: 'Internal server error', th: 'ระบบขัดข้อง กรุณาลองใหม่อีกครั้ง' }, { instance: c.req.path })
        .problem,
    );
  });
  return app;
}
