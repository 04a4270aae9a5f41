import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';
import { CSRF_HEADER } from '../auth/csrf-protection.ts';

type Document = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;
type Operation = Record<string, unknown>;

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/**
 * The OpenAPI 3.1 document of the whole API: every route declared with zod schemas, plus any
 * route mounted as a plain Hono router (health, progress, reports, exports), listed from the
 * router itself so that no route can be missing from the document.
 */
export function openApiDocument(app: OpenAPIHono<AppEnv>, extra: Record<string, Record<string, Operation>> = {}): Document {
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: `Session cookie from POST /api/auth/login. State-changing requests also need the session's CSRF token in the ${CSRF_HEADER} header.`,
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerToken', {
    type: 'http',
    scheme: 'bearer',
    description:
      'Personal API token (otop_…) from POST /api/tokens: acts as its user, in the user’s scope; no CSRF header. A "read" token may only GET (403 otherwise). Invalid, expired or revoked: 401. Not with a session cookie in the same request (400). Not for sign-in, password or token routes (403).',
  });
  const doc = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'OTOP registration monitor API',
      version: '1',
      description:
        'Registration of OTOP producers: district → province → department workflow, live progress, data, uploads. Errors are RFC 9457 application/problem+json. Out-of-scope targets answer 404 exactly like missing ones; 403 means the role may never do it.',
    },
  });
  const paths = (doc.paths ?? {}) as Record<string, Record<string, unknown>>;
  for (const [path, ops] of Object.entries(extra)) paths[path] = { ...ops, ...(paths[path] ?? {}) };
  for (const route of app.routes) {
    const method = route.method.toLowerCase();
    if (!METHODS.has(method) || !route.path.startsWith('/api/')) continue;
    const path = route.path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
    const entry = (paths[path] ??= {});
    if (entry[method]) continue;
    const params = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    entry[method] = {
      summary: `${method.toUpperCase()} ${path}`,
      ...(params.length ? { parameters: params } : {}),
      security: [{ sessionCookie: [] }, { bearerToken: [] }],
      responses: {
        200: { description: 'OK' },
        default: { description: 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
    };
  }
  doc.paths = paths as Document['paths'];
  return doc;
}
