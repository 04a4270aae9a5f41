import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config.ts';

export const SESSION_COOKIE = 'otop_session';

// SameSite=Lax rather than Strict: with Strict, following a link to the dashboard from an
// e-mail or the department's portal arrives without the cookie and looks signed out. Lax
// still keeps the cookie off cross-site POSTs, and every state-changing request also needs
// the x-csrf-token header.
function cookieOptions(config: Config) {
  return { path: '/', httpOnly: true, sameSite: 'Lax', secure: config.secureCookies } as const;
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function setSessionCookie(c: Context, token: string, config: Config, expiresAt: Date, now: Date): void {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  setCookie(c, SESSION_COOKIE, token, { ...cookieOptions(config), maxAge });
}

export function clearSessionCookie(c: Context, config: Config): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(config));
}
