import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { readSessionCookie } from './session-cookie.ts';
import { findSession, touchSession } from './session-store.ts';

/**
 * Puts the signed-in user (and the session) on the context when the request carries a live
 * session cookie. It never refuses: routes say whether they need a user (`requireUser`).
 */
export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  return async function session(c, next) {
    // A bearer request is the token's user or refused; it never falls through to a session.
    if (c.get('apiToken') as AppEnv['Variables']['apiToken'] | undefined) return next();
    const token = readSessionCookie(c);
    if (token && token.length <= 200) {
      const { db, now } = c.get('deps');
      const at = now();
      const found = await findSession(db, token, at);
      if (found) {
        c.set('user', found.user);
        c.set('session', { id: found.session.id, csrfToken: found.session.csrfToken, expiresAt: found.session.expiresAt });
        if (at.getTime() - found.session.lastSeenAt.getTime() > 5 * 60_000) await touchSession(db, found.session.id, at);
      }
    }
    await next();
  };
}
