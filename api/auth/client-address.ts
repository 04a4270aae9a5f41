import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';

/**
 * The client's address for throttling and the session record. X-Forwarded-For is believed
 * only when the deployment says a proxy sets it (TRUST_PROXY=1); otherwise the socket's
 * address (none under app.request() in tests: 'unknown').
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 100);
  }
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** The origin the browser sees this API under ('https://otop.example.go.th'). */
export function publicOrigin(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  if (trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
    if (host) return `${proto ?? url.protocol.replace(':', '')}://${host}`;
  }
  const host = c.req.header('host');
  return host ? `${url.protocol}//${host}` : url.origin;
}
