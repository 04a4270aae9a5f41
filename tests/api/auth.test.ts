import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions, loginThrottle, auditLog } from '../../db/schema/index.ts';
import { hashToken } from '../../api/auth/session-token.ts';
import { THROTTLE_POLICY } from '../../api/auth/login-throttle.ts';
import { createApp } from '../../api/create-app.ts';
import { loadConfig } from '../../api/config.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { ACCOUNTS, Client, createApiFixture, signIn, type ApiFixture } from './support/api-fixture.ts';

type Problem = { type: string; title: string; titleTh: string; status: number; detail?: string; detailTh?: string; issues?: { column: string; code: string }[] };
const problemOf = async (res: Response) => {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as Problem;
};

describe(`accounts and sessions (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture();
  });
  afterAll(async () => f.close());

  describe('sign-in and the session cookie', () => {
    it('signs in with the password: 200, the user, a CSRF token, and an HttpOnly SameSite=Lax cookie without Secure over HTTP', async () => {
      const client = new Client(f.app);
      const res = await client.login('district3801', ACCOUNTS.district3801.password);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { user: Record<string, unknown>; csrfToken: string; expiresAt: string };
      expect(body.user).toMatchObject({ username: 'district3801', role: 'district', districtCode: '3801', provinceCode: '38', mustChangePassword: false });
      expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^otop_session=[A-Za-z0-9_-]{40,};/);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Secure/i);
      // Only the hash of the token is in the database.
      const [row] = await f.t.db.select().from(sessions).where(eq(sessions.id, hashToken(client.cookie!)));
      expect(row?.userId).toBe(f.userIds.district3801);
      expect(await f.t.db.select().from(sessions).where(eq(sessions.id, client.cookie!))).toHaveLength(0);
    });

    it('marks the cookie Secure and sends HSTS when SECURE_COOKIES=1', async () => {
      const app = createApp({ db: f.t.db, engine: f.t.engine, config: loadConfig({ SECURE_COOKIES: '1' }), now: () => f.clock.now });
      const res = await new Client(app).login('analyst', ACCOUNTS.analyst.password);
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    });

    it('answers a wrong password and an unknown username alike: 401 problem+json, no hint which', async () => {
      const a = await new Client(f.app).login('analyst', 'wrong-password-here', { 'x-forwarded-for': '10.9.0.1' });
      const b = await new Client(f.app).login('nobody-like-this', 'wrong-password-here', { 'x-forwarded-for': '10.9.0.1' });
      expect(a.status).toBe(401);
      expect(b.status).toBe(401);
      const pa = await problemOf(a);
      const pb = await problemOf(b);
      expect(pa.type).toMatch(/\/invalid-credentials$/);
      expect({ ...pa, instance: undefined }).toEqual({ ...pb, instance: undefined });
      expect(JSON.stringify(pa)).not.toContain('wrong-password-here');
      expect(a.headers.get('set-cookie')).toBeNull();
    });

    it('refuses a malformed sign-in with 422 and the issue list', async () => {
      const res = await new Client(f.app).post('/api/auth/login', { username: 'x' });
      expect(res.status).toBe(422);
      const p = await problemOf(res);
      expect(p.issues?.[0]).toMatchObject({ column: 'json.password' });
    });

    it('GET /api/me: 401 without a session, 200 with the user and the CSRF token with one', async () => {
      expect((await new Client(f.app).get('/api/me')).status).toBe(401);
      const client = await signIn(f.app, 'province38');
      const res = await client.get('/api/me');
      expect(res.status).toBe(200);
      const body = (await res.json()) as { user: { username: string; role: string }; csrfToken: string };
      expect(body.user).toMatchObject({ username: 'province38', role: 'province' });
      expect(body.csrfToken).toBe(client.csrf);
    });

    it('a forged or expired cookie is no session', async () => {
      const forged = new Client(f.app);
      forged.cookie = 'x'.repeat(43);
      expect((await forged.get('/api/me')).status).toBe(401);
      const client = await signIn(f.app, 'analyst');
      f.clock.advance(f.config.sessionTtlHours * 3_600_000 + 1000);
      try {
        expect((await client.get('/api/me')).status).toBe(401);
      } finally {
        f.clock.advance(-(f.config.sessionTtlHours * 3_600_000 + 1000));
      }
    });

    it('rotates the session on sign-in (fixation): a cookie planted before sign-in is dead afterwards', async () => {
      const victim = await signIn(f.app, 'district3802');
      const planted = victim.cookie!;
      victim.csrf = undefined; // a sign-in page need not know the old session's token
      const res = await victim.login('district3802', ACCOUNTS.district3802.password);
      expect(res.status).toBe(200);
      expect(victim.cookie).toBeDefined();
      expect(victim.cookie).not.toBe(planted);
      const attacker = new Client(f.app);
      attacker.cookie = planted;
      expect((await attacker.get('/api/me')).status).toBe(401);
      expect((await victim.get('/api/me')).status).toBe(200);
    });

    it('signs out: 204, cookie cleared, the session is gone from the database', async () => {
      const client = await signIn(f.app, 'department');
      const token = client.cookie!;
      const res = await client.post('/api/auth/logout');
      expect(res.status).toBe(204);
      expect(res.headers.get('set-cookie')).toMatch(/otop_session=;.*Max-Age=0/i);
      expect(await f.t.db.select().from(sessions).where(eq(sessions.id, hashToken(token)))).toHaveLength(0);
      const stale = new Client(f.app);
      stale.cookie = token;
      expect((await stale.get('/api/me')).status).toBe(401);
    });
  });

  describe('CSRF and origin', () => {
    it('refuses a state-changing request with a session but without the CSRF token: 403', async () => {
      const client = await signIn(f.app, 'district3801');
      const res = await client.post('/api/auth/logout', undefined, { noCsrf: true });
      expect(res.status).toBe(403);
      expect((await problemOf(res)).type).toMatch(/\/csrf-token$/);
      expect((await client.get('/api/me')).status).toBe(200);
    });

    it('refuses a wrong CSRF token and another session’s token', async () => {
      const a = await signIn(f.app, 'district3801');
      const b = await signIn(f.app, 'province38');
      const wrong = await a.post('/api/auth/logout', undefined, { noCsrf: true, headers: { 'x-csrf-token': b.csrf! } });
      expect(wrong.status).toBe(403);
      expect((await a.get('/api/me')).status).toBe(200);
    });

    it('refuses a cross-origin POST even with the token, and accepts the same origin', async () => {
      const client = await signIn(f.app, 'analyst');
      const cross = await client.post('/api/auth/logout', undefined, { headers: { origin: 'https://evil.example' } });
      expect(cross.status).toBe(403);
      expect((await problemOf(cross)).type).toMatch(/\/cross-origin$/);
      const same = await client.post('/api/auth/logout', undefined, { headers: { origin: 'http://localhost' } });
      expect(same.status).toBe(204);
    });

    it('refuses a cross-origin sign-in (login CSRF)', async () => {
      const res = await new Client(f.app).login('analyst', ACCOUNTS.analyst.password, { origin: 'https://evil.example' });
      expect(res.status).toBe(403);
    });
  });

  describe('response headers', () => {
    it('sends CSP, frame, sniffing and referrer protections, and no-store on API answers', async () => {
      const res = await f.app.request('/api/health');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    });
  });

  describe('login throttling', () => {
    it('slows a username down after 5 failures and locks it for 15 minutes at 10, with Retry-After and a Thai and English message', async () => {
      const start = f.clock.now;
      const attempt = (password: string, ip = '10.1.0.1') => new Client(f.app).login('district3801', password, { 'x-forwarded-for': ip });
      try {
        for (let i = 1; i <= THROTTLE_POLICY.user.delayFrom - 1; i++) expect((await attempt('bad-password')).status).toBe(401);
        // The 5th failure starts the delay (1 s): the next attempt, even with the right password, waits.
        expect((await attempt('bad-password')).status).toBe(401);
        const slowed = await attempt(ACCOUNTS.district3801.password);
        expect(slowed.status).toBe(429);
        expect(slowed.headers.get('retry-after')).toBe('1');
        const p = await problemOf(slowed);
        expect(p.type).toMatch(/\/login-throttled$/);
        expect(p.detailTh).toContain('กรุณารอ');
        expect(p.detail).toContain('1 second');
        // Delays grow: 2 s after the 6th failure.
        f.clock.advance(1000);
        expect((await attempt('bad-password')).status).toBe(401);
        expect((await attempt('bad-password')).headers.get('retry-after')).toBe('2');
        // Keep failing (waiting out each delay) until the 10th failure locks the account for 15 minutes.
        for (let i = 7; i <= THROTTLE_POLICY.user.lockAt; i++) {
          f.clock.advance(60_000);
          const res = await attempt('bad-password');
          expect(res.status).toBe(i === THROTTLE_POLICY.user.lockAt ? 429 : 401);
        }
        const locked = await attempt(ACCOUNTS.district3801.password, '10.1.0.99');
        expect(locked.status).toBe(429);
        expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60);
        const lp = await problemOf(locked);
        expect(lp.type).toMatch(/\/login-locked$/);
        expect(lp.detailTh).toContain('15 นาที');
        expect(lp.detail).toContain('15 minute');
        // Still locked a second before the end; open (and reset) after.
        f.clock.advance(15 * 60_000 - 1000);
        expect((await attempt(ACCOUNTS.district3801.password)).status).toBe(429);
        f.clock.advance(1000);
        expect((await attempt(ACCOUNTS.district3801.password)).status).toBe(200);
        expect(await f.t.db.select().from(loginThrottle).where(eq(loginThrottle.key, 'user:district3801'))).toHaveLength(0);
      } finally {
        f.clock.set(start.toISOString());
      }
    });

    it('slows down one address trying many usernames, and not another address', async () => {
      const ip = '10.2.0.1';
      for (let i = 0; i < THROTTLE_POLICY.ip.delayFrom; i++) {
        expect((await new Client(f.app).login(`guess${i}`, 'bad-password', { 'x-forwarded-for': ip })).status).toBe(401);
      }
      const blocked = await new Client(f.app).login('analyst', ACCOUNTS.analyst.password, { 'x-forwarded-for': ip });
      expect(blocked.status).toBe(429);
      const elsewhere = await new Client(f.app).login('analyst', ACCOUNTS.analyst.password, { 'x-forwarded-for': '10.2.0.2' });
      expect(elsewhere.status).toBe(200);
    });
  });

  describe('activation codes, first sign-in, admin', () => {
    it('admin creates an account with a one-time code; first sign-in forces a password; the code then dies', async () => {
      const admin = await signIn(f.app, 'admin');
      const created = await admin.post('/api/admin/users', { username: 'District3803', role: 'district', scope: '3803', displayName: 'สพอ.โซ่พิสัย' });
      expect(created.status).toBe(201);
      const issued = (await created.json()) as { account: { id: string; username: string; provinceCode: string; activationPending: boolean; hasPassword: boolean }; activationCode: string };
      expect(issued.account).toMatchObject({ username: 'district3803', provinceCode: '38', activationPending: true, hasPassword: false });
      expect(issued.activationCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
      expect(JSON.stringify(await (await admin.get(`/api/admin/users/${issued.account.id}`)).json())).not.toContain(issued.activationCode);

      const officer = new Client(f.app);
      // Codes are typed by hand: case and separators do not matter.
      const first = await officer.post('/api/auth/login', { username: 'district3803', activationCode: issued.activationCode.toLowerCase().replace(/-/g, ' ') });
      expect(first.status).toBe(200);
      officer.csrf = ((await first.json()) as { csrfToken: string; user: { mustChangePassword: boolean } }).csrfToken;
      expect((await officer.get('/api/me')).status).toBe(200);
      const blocked = await officer.get('/api/producers');
      expect(blocked.status).toBe(403);
      expect((await problemOf(blocked)).type).toMatch(/\/password-change-required$/);
      expect((await officer.post('/api/rounds/2561-Q1/districts/3803/submit')).status).toBe(403);

      const wrong = await officer.post('/api/auth/password', { activationCode: 'AAAAA-AAAAA-AAAAA', newPassword: 'a-good-new-password' });
      expect(wrong.status).toBe(403);
      const short = await officer.post('/api/auth/password', { activationCode: issued.activationCode, newPassword: 'short' });
      expect(short.status).toBe(422);
      expect((await problemOf(short)).issues?.[0]?.column).toBe('newPassword');
      const oldCookie = officer.cookie;
      const set = await officer.post('/api/auth/password', { activationCode: issued.activationCode, newPassword: 'a-good-new-password' });
      expect(set.status).toBe(200);
      const after = (await set.json()) as { csrfToken: string; user: { mustChangePassword: boolean } };
      expect(after.user.mustChangePassword).toBe(false);
      expect(officer.cookie).not.toBe(oldCookie);
      officer.csrf = after.csrfToken;
      expect((await officer.get('/api/producers')).status).toBe(200);

      expect((await new Client(f.app).post('/api/auth/login', { username: 'district3803', activationCode: issued.activationCode })).status).toBe(401);
      expect((await new Client(f.app).login('district3803', 'a-good-new-password')).status).toBe(200);
      const trail = await f.t.db.select().from(auditLog).where(eq(auditLog.action, 'user.password'));
      expect(trail.some((r) => (r.details as { target: string }).target === 'district3803')).toBe(true);
    });

    it('changing a password needs the current one and ends the other sessions', async () => {
      const a = await signIn(f.app, 'district3802');
      const b = await signIn(f.app, 'district3802');
      expect((await a.post('/api/auth/password', { currentPassword: 'not-it-at-all', newPassword: 'district-3802-new-pass' })).status).toBe(403);
      const ok = await a.post('/api/auth/password', { currentPassword: ACCOUNTS.district3802.password, newPassword: 'district-3802-new-pass' });
      expect(ok.status).toBe(200);
      a.csrf = ((await ok.json()) as { csrfToken: string }).csrfToken;
      expect((await b.get('/api/me')).status).toBe(401);
      expect((await a.get('/api/me')).status).toBe(200);
      const back = await a.post('/api/auth/password', { currentPassword: 'district-3802-new-pass', newPassword: ACCOUNTS.district3802.password });
      expect(back.status).toBe(200);
    });

    it('disable ends the sessions and refuses sign-in; enable restores; reset issues a new code and kills the password', async () => {
      const admin = await signIn(f.app, 'admin');
      const analyst = await signIn(f.app, 'analyst');
      const id = f.userIds.analyst;
      expect((await admin.post(`/api/admin/users/${id}/disable`)).status).toBe(200);
      expect((await analyst.get('/api/me')).status).toBe(401);
      const refused = await new Client(f.app).login('analyst', ACCOUNTS.analyst.password);
      expect(refused.status).toBe(403);
      expect((await problemOf(refused)).type).toMatch(/\/account-disabled$/);
      expect((await admin.post(`/api/admin/users/${id}/enable`)).status).toBe(200);
      expect((await new Client(f.app).login('analyst', ACCOUNTS.analyst.password)).status).toBe(200);

      const reset = await admin.post(`/api/admin/users/${f.userIds.district3802}/reset`);
      expect(reset.status).toBe(200);
      const { activationCode } = (await reset.json()) as { activationCode: string };
      expect((await new Client(f.app).login('district3802', ACCOUNTS.district3802.password)).status).toBe(401);
      const viaCode = new Client(f.app);
      const res = await viaCode.post('/api/auth/login', { username: 'district3802', password: activationCode });
      expect(res.status).toBe(200);
      viaCode.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
      expect((await viaCode.post('/api/auth/password', { activationCode, newPassword: ACCOUNTS.district3802.password })).status).toBe(200);
    });

    it('admin cannot disable itself; creating a taken username is 409; a bad scope is 422', async () => {
      const admin = await signIn(f.app, 'admin');
      expect((await admin.post(`/api/admin/users/${f.userIds.admin}/disable`)).status).toBe(409);
      expect((await admin.post('/api/admin/users', { username: 'analyst', role: 'analyst' })).status).toBe(409);
      const bad = await admin.post('/api/admin/users', { username: 'district9999', role: 'district', scope: '9999' });
      expect(bad.status).toBe(422);
      expect((await problemOf(bad)).issues?.[0]?.column).toBe('scope');
      const list = await admin.get('/api/admin/users?role=province');
      const page = (await list.json()) as { items: { username: string; hasPassword: boolean }[]; total: number };
      expect(page.items.map((u) => u.username)).toEqual(['province38', 'province43']);
      expect(JSON.stringify(page)).not.toMatch(/scrypt\$/);
    });
  });
});
