import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { changeOwnPassword } from '../auth/change-own-password.ts';
import { clientAddress } from '../auth/client-address.ts';
import { requireUser } from '../auth/require-user.ts';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../auth/session-cookie.ts';
import { createSession, deleteSession } from '../auth/session-store.ts';
import { hashToken } from '../auth/session-token.ts';
import type { SessionUser } from '../auth/session-user.ts';
import { signIn } from '../auth/sign-in.ts';
import type { AppEnv } from '../app-env.ts';
import { authedProblems, newRouter, problemResponses, SESSION_SECURITY } from '../http/openapi-common.ts';
import { LoginBodySchema, PasswordBodySchema, SessionInfoSchema } from '../schemas/auth-schemas.ts';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Sign in with a password or a one-time activation code; sets the session cookie',
  description:
    'Rotates the session (any session cookie sent along is ended). After an activation-code sign-in the user must choose a password (POST /api/auth/password) before anything else. Repeated failures per username and per address slow down and then lock (429).',
  request: { body: { required: true, ...json(LoginBodySchema) } },
  responses: {
    200: { description: 'Signed in; otop_session cookie set', ...json(SessionInfoSchema) },
    ...problemResponses(401, 403, 413, 415, 422, 429),
  },
});

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'Sign out: ends the session and clears the cookie',
  security: SESSION_SECURITY,
  responses: { 204: { description: 'Signed out' }, ...problemResponses(403) },
});

const me = createRoute({
  method: 'get',
  path: '/me',
  tags: ['auth'],
  summary: 'The signed-in user and the CSRF token of the session',
  security: SESSION_SECURITY,
  middleware: [requireUser({ allowPendingPassword: true })],
  responses: { 200: { description: 'The session', ...json(SessionInfoSchema) }, ...problemResponses(401) },
});

const password = createRoute({
  method: 'post',
  path: '/auth/password',
  tags: ['auth'],
  summary: 'Choose a new password (with the current password, or the activation code on first sign-in)',
  description: 'Ends every session of the user and opens a fresh one (new cookie and CSRF token).',
  security: SESSION_SECURITY,
  middleware: [requireUser({ allowPendingPassword: true })],
  request: { body: { required: true, ...json(PasswordBodySchema) } },
  responses: { 200: { description: 'Password set', ...json(SessionInfoSchema) }, ...authedProblems(429) },
});

async function openSession(c: Context<AppEnv>, user: SessionUser) {
  const { db, config, now } = c.get('deps');
  const at = now();
  const session = await createSession(db, {
    userId: user.id,
    now: at,
    ttlHours: config.sessionTtlHours,
    ip: clientAddress(c, config.trustProxy),
    userAgent: c.req.header('user-agent') ?? null,
  });
  setSessionCookie(c, session.token, config, session.expiresAt, at);
  return { user, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
}

export function authRoutes() {
  return newRouter()
    .openapi(login, async (c) => {
      const { db, config, now } = c.get('deps');
      const body = c.req.valid('json');
      const { user } = await signIn(db, {
        username: body.username,
        secret: body.activationCode ?? body.password ?? '',
        ip: clientAddress(c, config.trustProxy),
        now: now(),
      });
      // Session fixation: whatever session the browser came with ends here; a new token is issued.
      const previous = readSessionCookie(c);
      if (previous) await deleteSession(db, hashToken(previous));
      return c.json(await openSession(c, user), 200);
    })
    .openapi(logout, async (c) => {
      const { db, config } = c.get('deps');
      const session = c.get('session') as AppEnv['Variables']['session'] | undefined;
      if (session) await deleteSession(db, session.id);
      clearSessionCookie(c, config);
      return c.body(null, 204);
    })
    .openapi(me, (c) => {
      const session = c.get('session');
      return c.json({ user: c.get('user'), csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() }, 200);
    })
    .openapi(password, async (c) => {
      const { db, now } = c.get('deps');
      const user = c.get('user');
      await changeOwnPassword(db, user, c.req.valid('json'), now());
      return c.json(await openSession(c, { ...user, mustChangePassword: false }), 200);
    });
}
