import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh unguessable token (256 bits, base64url): cookie tokens and CSRF tokens. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** sessions.id: the SHA-256 of the cookie token, so a leaked table hands out no live session. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time string comparison (CSRF tokens). */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
