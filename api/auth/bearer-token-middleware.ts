import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { problem, type ProblemError } from '../http/problem.ts';
import { findApiToken, touchApiToken } from './api-token-store.ts';
import { readSessionCookie } from './session-cookie.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Signing in, the password, the session's CSRF token and the tokens themselves: only a person
// with a session manages these, so a leaked token cannot mint longer-lived tokens or take over
// the account.
const SESSION_ONLY = /^\/api\/(auth\/|me$|tokens(\/|$)|admin\/users\/[^/]+\/tokens(\/|$))/;

function invalidToken(): ProblemError {
  return problem(
    401,
    'invalid-token',
    { en: 'Invalid, expired or revoked API token', th: 'โทเค็น API ไม่ถูกต้อง หมดอายุ หรือถูกเพิกถอนแล้ว' },
    {
      detail: 'Send a live personal token as "Authorization: Bearer otop_…"; create one with POST /api/tokens while signed in.',
      detailTh: 'กรุณาส่งโทเค็นส่วนบุคคลที่ยังใช้ได้ในส่วนหัว "Authorization: Bearer otop_…" สร้างโทเค็นได้ที่ POST /api/tokens ขณะเข้าสู่ระบบ',
    },
    { 'www-authenticate': 'Bearer error="invalid_token"' },
  );
}

/**
 * Authenticates `Authorization: Bearer otop_…` requests as the token's user. A bearer request
 * never falls back to a session: a bad, expired or revoked token, or a disabled user, is 401.
 * A request carrying both a bearer token and a session cookie is refused (400): which identity
 * acts would otherwise be a guess. A read token may only GET (403 otherwise). Runs before the
 * session middleware and the CSRF check, which both step aside for bearer requests (a browser
 * never attaches an Authorization header by itself, so there is nothing to forge).
 */
export function bearerTokenMiddleware(): MiddlewareHandler<AppEnv> {
  return async function bearerToken(c, next) {
    const header = c.req.header('authorization');
    if (header === undefined) return next();
    const match = /^Bearer +(\S{1,200}) *$/i.exec(header);
    if (!match) throw invalidToken();
    if (readSessionCookie(c) !== undefined) {
      throw problem(
        400,
        'ambiguous-credentials',
        { en: 'Send a bearer token or a session cookie, not both', th: 'กรุณาส่งโทเค็นหรือคุกกี้เซสชันอย่างใดอย่างหนึ่ง ไม่ใช่ทั้งสองอย่าง' },
        {
          detail: 'The request carries an Authorization header and the otop_session cookie; scripts should send the token only.',
          detailTh: 'คำขอนี้มีทั้งส่วนหัว Authorization และคุกกี้ otop_session สคริปต์ควรส่งเฉพาะโทเค็น',
        },
      );
    }
    if (SESSION_ONLY.test(c.req.path)) {
      throw problem(
        403,
        'session-required',
        { en: 'This needs a signed-in session, not an API token', th: 'ต้องเข้าสู่ระบบด้วยเซสชัน ใช้โทเค็น API ไม่ได้' },
        {
          detail: `${c.req.path}: sign-in, passwords and API tokens are managed only from a signed-in session.`,
          detailTh: `${c.req.path}: การเข้าสู่ระบบ รหัสผ่าน และโทเค็น API จัดการได้เฉพาะเมื่อเข้าสู่ระบบด้วยเซสชัน`,
        },
      );
    }
    const { db, now } = c.get('deps');
    const at = now();
    const found = await findApiToken(db, match[1]!, at);
    if (!found) throw invalidToken();
    if (found.token.access === 'read' && !SAFE_METHODS.has(c.req.method)) {
      throw problem(
        403,
        'read-only-token',
        { en: 'This API token may only read', th: 'โทเค็น API นี้ใช้อ่านข้อมูลได้อย่างเดียว' },
        {
          detail: `${c.req.method} ${c.req.path} changes data; the token was created with access "read".`,
          detailTh: `${c.req.method} ${c.req.path} เป็นการแก้ไขข้อมูล แต่โทเค็นนี้สร้างด้วยสิทธิ์ "read" (อ่านอย่างเดียว)`,
        },
      );
    }
    c.set('user', found.user);
    c.set('apiToken', { id: found.token.id, access: found.token.access });
    if (!found.token.lastUsedAt || at.getTime() - found.token.lastUsedAt.getTime() > 60_000) await touchApiToken(db, found.token.id, at);
    await next();
  };
}
