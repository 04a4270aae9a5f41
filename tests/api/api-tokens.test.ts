import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Hono } from 'hono';
import { TEST_ENGINE } from '../support/test-db.ts';
import { Client } from './support/api-fixture.ts';
import { createApp, type AppEnv } from '../../api/create-app.ts';
import { loadConfig } from '../../api/config.ts';
import { hashToken } from '../../api/auth/session-token.ts';
import { queryRows } from '../../db/query-rows.ts';
import { users } from '../../db/schema/index.ts';
import { DEMO_ACCOUNTS } from '../../pipeline/seed/seed-demo.ts';
import { createExportFixture, distinct, readWithPolars, sqlFigures, type ExportFixture } from '../exports/support/export-fixture.ts';

type DemoUser = (typeof DEMO_ACCOUNTS)[number]['username'];
type TokenView = { id: string; name: string; access: string; createdAt: string; expiresAt: string; status: string; lastUsedAt: string | null; revokedAt: string | null; scope: Record<string, unknown> };
type Problem = { type: string; title: string; titleTh: string; status: number };

describe(`personal API tokens (${TEST_ENGINE})`, () => {
  let f: ExportFixture;
  let app: Hono<AppEnv>;
  let clock = new Date('2018-07-01T05:00:00Z');
  const clients = new Map<DemoUser, Client>();
  const secrets: string[] = [];

  async function as(username: DemoUser): Promise<Client> {
    let client = clients.get(username);
    if (!client) {
      client = new Client(app);
      const account = DEMO_ACCOUNTS.find((a) => a.username === username)!;
      const res = await client.login(account.username, account.password);
      if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status}`);
      clients.set(username, client);
    }
    return client;
  }

  async function newToken(username: DemoUser, body: Record<string, unknown> = {}): Promise<{ secret: string; token: TokenView }> {
    const res = await (await as(username)).post('/api/tokens', { name: `${username} script`, expiresInDays: 30, ...body });
    expect(res.status, await res.clone().text()).toBe(201);
    const created = (await res.json()) as { secret: string; token: TokenView };
    secrets.push(created.secret);
    return created;
  }

  /** A script: the bearer header only — no cookie, no CSRF token. */
  function bearer(secret: string, path: string, init: { method?: string; json?: unknown; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { authorization: `Bearer ${secret}`, ...init.headers };
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    return app.request(path, { method: init.method ?? 'GET', headers, body: init.json === undefined ? undefined : JSON.stringify(init.json) });
  }

  /** The status of a producers export, its body read to the end (an unread stream holds an export slot). */
  async function exportStatus(secret: string): Promise<number> {
    const res = await bearer(secret, '/api/exports/producers.csv');
    await res.arrayBuffer();
    return res.status;
  }

  async function userId(username: string): Promise<string> {
    const [row] = await f.t.db.select({ id: users.id }).from(users).where(eq(users.username, username));
    return row!.id;
  }

  beforeAll(async () => {
    f = await createExportFixture();
    app = createApp({ db: f.t.db, engine: f.t.engine, config: loadConfig({}), now: () => clock });
  });
  afterAll(async () => f.close());

  it('an analyst’s read token exports the nation’s producers as CSV with only the bearer header, and records its last use', async () => {
    const { secret, token } = await newToken('analyst');
    expect(secret).toMatch(/^otop_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ access: 'read', status: 'active', lastUsedAt: null, scope: { username: 'analyst', role: 'analyst' } });
    expect(token.createdAt).toBe('2018-07-01T05:00:00.000Z');
    expect(token.expiresAt).toBe('2018-07-31T05:00:00.000Z');

    const res = await bearer(secret, '/api/exports/producers.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = readWithPolars('csv', Buffer.from(await res.arrayBuffer()));
    const e = await sqlFigures(f.t.db, sql`select count(*) as n from producers`);
    expect(rows.height).toBe(e.n);

    const listed = (await (await (await as('analyst')).get('/api/tokens')).json()) as { items: TokenView[] };
    const mine = listed.items.find((t) => t.id === token.id)!;
    expect(mine.lastUsedAt).toBe('2018-07-01T05:00:00.000Z');
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(JSON.stringify(listed)).not.toContain(hashToken(secret));
    expect(Object.keys(mine).sort()).toEqual(['access', 'createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'revokedAt', 'scope', 'status']);

    // A later use, more than a minute on, moves it.
    clock = new Date('2018-07-01T06:00:00Z');
    expect(await exportStatus(secret)).toBe(200);
    const again = (await (await (await as('analyst')).get('/api/tokens')).json()) as { items: TokenView[] };
    expect(again.items.find((t) => t.id === token.id)!.lastUsedAt).toBe('2018-07-01T06:00:00.000Z');
    clock = new Date('2018-07-01T05:00:00Z');
  });

  it('a district officer’s token sees that district only; another district answers 404', async () => {
    const { secret, token } = await newToken('district3801');
    expect(token.scope).toMatchObject({ role: 'district', districtCode: '3801', provinceCode: '38' });
    const res = await bearer(secret, '/api/exports/producers.csv');
    expect(res.status).toBe(200);
    const df = readWithPolars('csv', Buffer.from(await res.arrayBuffer()));
    const e = await sqlFigures(f.t.db, sql`select count(*) as n from producers where district_code = '3801'`);
    expect(df.height).toBe(e.n);
    expect(distinct(df, 'district_code')).toEqual(['3801']);
    const other = await bearer(secret, '/api/exports/producers.csv?district=3802');
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('a read token is refused any write (403); a read-write token writes without a CSRF header', async () => {
    const read = await newToken('district3801');
    const refused = await bearer(read.secret, '/api/rounds/2561-Q1/districts/3801/submit', { method: 'POST', json: {} });
    expect(refused.status).toBe(403);
    const p = (await refused.json()) as Problem;
    expect(p.type).toMatch(/read-only-token$/);
    expect(p.titleTh).toMatch(/อ่านข้อมูลได้อย่างเดียว/);

    const write = await newToken('admin', { access: 'read-write' });
    // Not even a foreign Origin matters: there is no ambient credential a page could borrow.
    const created = await bearer(write.secret, '/api/admin/users', {
      method: 'POST',
      json: { username: 'made-by-token', role: 'analyst' },
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    // The row is the admin's act in the audit trail.
    const [audited] = await queryRows<{ username: string }>(f.t.db, sql`select username from audit_log where action = 'user.create' and details::text like '%made-by-token%'`);
    expect(audited?.username).toBe('admin');
  });

  it('an analyst may not create a read-write token (422)', async () => {
    const res = await (await as('analyst')).post('/api/tokens', { name: 'x', access: 'read-write', expiresInDays: 10 });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain('access');
  });

  it('requires an expiry of 1 to 365 days', async () => {
    const c = await as('analyst');
    for (const body of [{ name: 'x' }, { name: 'x', expiresInDays: 0 }, { name: 'x', expiresInDays: 366 }]) {
      expect((await c.post('/api/tokens', body)).status, JSON.stringify(body)).toBe(422);
    }
  });

  it('revoked, expired, unknown and malformed tokens answer 401 problem+json in Thai and English', async () => {
    const revoked = await newToken('province38');
    const del = await (await as('province38')).send('DELETE', `/api/tokens/${revoked.token.id}`);
    expect(del.status).toBe(200);
    expect(((await del.json()) as TokenView).status).toBe('revoked');

    const expiring = await newToken('province38', { expiresInDays: 1 });
    expect(await exportStatus(expiring.secret)).toBe(200);
    clock = new Date('2018-07-02T05:00:01Z');
    try {
      for (const secret of [revoked.secret, expiring.secret, `otop_${'A'.repeat(43)}`, 'not-a-token']) {
        const res = await bearer(secret, '/api/exports/producers.csv');
        expect(res.status, secret).toBe(401);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        const p = (await res.json()) as Problem;
        expect(p.type).toMatch(/invalid-token$/);
        expect(p.title).toMatch(/expired or revoked/);
        expect(p.titleTh).toMatch(/หมดอายุ/);
      }
      expect((await app.request('/api/exports/producers.csv', { headers: { authorization: 'Basic dXNlcjpwYXNz' } })).status).toBe(401);
    } finally {
      clock = new Date('2018-07-01T05:00:00Z');
    }
  });

  it('a bad token never falls through to a session; bearer and cookie together are refused (400)', async () => {
    const c = await as('department');
    const { secret } = await newToken('department');
    const both = await app.request('/api/exports/producers.csv', { headers: { cookie: `otop_session=${c.cookie}`, authorization: `Bearer ${secret}` } });
    expect(both.status).toBe(400);
    expect(((await both.json()) as Problem).type).toMatch(/ambiguous-credentials$/);
    const badWithCookie = await app.request('/api/exports/producers.csv', { headers: { cookie: `otop_session=${c.cookie}`, authorization: 'Bearer otop_nope' } });
    expect(badWithCookie.status).toBe(400);
    await badWithCookie.arrayBuffer();
  });

  it('a token cannot manage tokens, passwords or sign-in (403 session-required)', async () => {
    const { secret, token } = await newToken('admin', { access: 'read-write' });
    for (const [method, path] of [
      ['GET', '/api/tokens'],
      ['POST', '/api/tokens'],
      ['DELETE', `/api/tokens/${token.id}`],
      ['GET', '/api/me'],
      ['POST', '/api/auth/password'],
      ['GET', `/api/admin/users/${token.id}/tokens`],
    ] as const) {
      const res = await bearer(secret, path, { method, ...(method === 'GET' ? {} : { json: { name: 'x', expiresInDays: 365 } }) });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(((await res.json()) as Problem).type).toMatch(/session-required$/);
    }
  });

  it('a disabled user’s tokens stop working, and work again once the account is enabled', async () => {
    const { secret } = await newToken('province38');
    expect(await exportStatus(secret)).toBe(200);
    const admin = await as('admin');
    const id = await userId('province38');
    expect((await admin.post(`/api/admin/users/${id}/disable`)).status).toBe(200);
    expect(await exportStatus(secret)).toBe(401);
    expect((await admin.post(`/api/admin/users/${id}/enable`)).status).toBe(200);
    expect(await exportStatus(secret)).toBe(200);
    clients.delete('province38');
  });

  it('an admin lists and revokes another user’s tokens; a user cannot revoke someone else’s (404); both audited', async () => {
    const { secret, token } = await newToken('district3801', { name: 'to be revoked by admin' });
    expect((await (await as('analyst')).send('DELETE', `/api/tokens/${token.id}`)).status).toBe(404);
    expect(await exportStatus(secret)).toBe(200);

    const admin = await as('admin');
    const owner = await userId('district3801');
    const listed = (await (await admin.get(`/api/admin/users/${owner}/tokens`)).json()) as { items: TokenView[] };
    expect(listed.items.map((t) => t.id)).toContain(token.id);
    expect((await (await as('district3801')).get(`/api/admin/users/${owner}/tokens`)).status).toBe(403);
    const revoked = await admin.send('DELETE', `/api/admin/users/${owner}/tokens/${token.id}`);
    expect(revoked.status).toBe(200);
    expect(await exportStatus(secret)).toBe(401);

    const rows = await queryRows<{ username: string; action: string; details: { id: string; owner: string } }>(
      f.t.db,
      sql`select username, action, details from audit_log where action like 'api-token.%' and details->>'id' = ${token.id} order by id`,
    );
    expect(rows.map((r) => [r.action, r.username, r.details.owner])).toEqual([
      ['api-token.create', 'district3801', 'district3801'],
      ['api-token.revoke', 'admin', 'district3801'],
    ]);
  });

  it('no secret is stored anywhere in the database: not in any table, not in the audit trail', async () => {
    expect(secrets.length).toBeGreaterThan(8);
    const tables = await queryRows<{ name: string }>(f.t.db, sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
    expect(tables.map((t) => t.name)).toContain('api_tokens');
    for (const { name } of tables) {
      for (const secret of secrets) {
        // The random part alone: no table may hold it in any form of the whole token.
        const [hit] = await queryRows<{ n: number }>(f.t.db, sql`select count(*)::int as n from ${sql.identifier(name)} t where t::text like ${`%${secret.slice(5)}%`}`);
        expect(hit!.n, `${name} holds a token secret`).toBe(0);
      }
    }
    const [audit] = await queryRows<{ n: number }>(f.t.db, sql`select count(*)::int as n from audit_log where action like 'api-token.%'`);
    expect(audit!.n).toBeGreaterThan(8);
    for (const secret of secrets) {
      const [hashed] = await queryRows<{ n: number }>(f.t.db, sql`select count(*)::int as n from audit_log where details::text like ${`%${hashToken(secret)}%`}`);
      expect(hashed!.n).toBe(0);
    }
  });
});
