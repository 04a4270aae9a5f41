import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { problem } from '../http/problem.ts';
import { publicOrigin } from './client-address.ts';
import { sameToken } from './session-token.ts';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Signing in replaces whatever session the browser holds, and a sign-in page may not have that
// session's token: it needs no token (the Origin check still applies).
const TOKEN_EXEMPT = new Set(['/api/auth/login']);

/**
 * State-changing requests (POST, PUT, PATCH, DELETE): a browser-sent Origin must be this
 * API's own, and a request made with a session must carry that session's CSRF token in the
 * x-csrf-token header (returned by /api/auth/login and /api/me). Requests without a session
 * pass here and are refused (401) by routes that need a user; sign-in needs no token. Requests
 * made with an API token (Authorization: Bearer) are not checked here.
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async function csrf(c, next) {
    if (SAFE_METHODS.has(c.req.method)) return next();
    // Bearer requests: a browser never attaches the Authorization header on its own, so there is
    // no ambient credential to forge (the bearer middleware already vetted the token).
    if (c.get('apiToken') as AppEnv['Variables']['apiToken'] | undefined) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== publicOrigin(c, c.get('deps').config.trustProxy)) {
      throw problem(403, 'cross-origin', {
        en: 'Cross-origin request refused',
        th: 'ปฏิเสธคำขอที่มาจากเว็บไซต์อื่น',
      });
    }
    const session = c.get('session') as AppEnv['Variables']['session'] | undefined;
    if (session && !TOKEN_EXEMPT.has(c.req.path)) {
      const sent = c.req.header(CSRF_HEADER);
      if (!sent || !sameToken(sent, session.csrfToken)) {
        throw problem(
          403,
          'csrf-token',
          { en: 'Missing or invalid CSRF token', th: 'ไม่พบหรือไม่ถูกต้อง: รหัสป้องกันการปลอมคำขอ (CSRF)' },
          {
            detail: `Send the token from /api/me in the ${CSRF_HEADER} header.`,
            detailTh: `กรุณาส่งรหัสจาก /api/me ในส่วนหัว ${CSRF_HEADER}`,
          },
        );
      }
    }
    await next();
  };
}
