import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, like } from 'drizzle-orm';
import { loginThrottle, sessions } from '../../db/schema/index.ts';
import { THROTTLE_POLICY } from '../../api/auth/login-throttle.ts';
import { createApp } from '../../api/create-app.ts';
import { loadConfig } from '../../api/config.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { ACCOUNTS, createApiFixture, type ApiFixture } from './support/api-fixture.ts';

// The client address comes from the right of X-Forwarded-For, past the trusted proxies only:
// what the client writes on the left (and what an appending proxy keeps) is never believed.
describe(`proxy trust (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture({ accounts: ['analyst', 'district3801'] });
  });
  afterAll(async () => f.close());

  /** A request as it reaches the server from `peer` (the socket's address). */
  function send(trustProxy: string, peer: string, path: string, init: { method?: string; headers?: Record<string, string>; json?: unknown }) {
    const app = createApp({ db: f.t.db, engine: f.t.engine, config: loadConfig({ TRUST_PROXY: trustProxy }), now: () => f.clock.now });
    const headers: Record<string, string> = { ...init.headers };
    let body: string | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    return app.request(path, { method: init.method ?? 'GET', headers, body }, { incoming: { socket: { remoteAddress: peer } } });
  }
  const login = (trustProxy: string, peer: string, username: string, password: string, headers: Record<string, string> = {}) =>
    send(trustProxy, peer, '/api/auth/login', { method: 'POST', json: { username, password }, headers });
  const lastSessionIp = async () =>
    (await f.t.db.select({ ip: sessions.ip }).from(sessions).orderBy(desc(sessions.createdAt)).limit(1))[0]?.ip;

  it('behind one appending proxy, 60 failures from one real address with a new spoofed address each time make one counter, which throttles', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const res = await login('1', '10.0.0.2', `nobody-${i}`, 'wrong-guess', { 'x-forwarded-for': `198.18.${i}.1, 203.0.113.9` });
      statuses.push(res.status);
    }
    const counters = await f.t.db.select().from(loginThrottle).where(like(loginThrottle.key, 'ip:%'));
    expect(counters.map((c) => c.key)).toEqual(['ip:203.0.113.9']);
    expect(counters[0]!.failures).toBe(THROTTLE_POLICY.ip.delayFrom);
    expect(statuses.filter((s) => s === 401)).toHaveLength(THROTTLE_POLICY.ip.delayFrom);
    expect(statuses.slice(THROTTLE_POLICY.ip.delayFrom).every((s) => s === 429)).toBe(true);
  });

  it('TRUST_PROXY=1 takes the address the proxy appended; without a header, the peer; TRUST_PROXY=0 never reads the header', async () => {
    expect((await login('1', '10.0.0.2', 'analyst', ACCOUNTS.analyst.password, { 'x-forwarded-for': '1.2.3.4, 198.51.100.7' })).status).toBe(200);
    expect(await lastSessionIp()).toBe('198.51.100.7');
    f.clock.advance(1000);
    expect((await login('1', '10.0.0.2', 'analyst', ACCOUNTS.analyst.password)).status).toBe(200);
    expect(await lastSessionIp()).toBe('10.0.0.2');
    f.clock.advance(1000);
    expect((await login('0', '198.51.100.8', 'analyst', ACCOUNTS.analyst.password, { 'x-forwarded-for': '1.2.3.4' })).status).toBe(200);
    expect(await lastSessionIp()).toBe('198.51.100.8');
  });

  it('TRUST_PROXY=2 walks two hops; a list of proxy CIDRs trusts only those peers', async () => {
    f.clock.advance(1000);
    expect((await login('2', '10.0.0.2', 'analyst', ACCOUNTS.analyst.password, { 'x-forwarded-for': '1.2.3.4, 198.51.100.9, 10.0.0.3' })).status).toBe(200);
    expect(await lastSessionIp()).toBe('198.51.100.9');
    f.clock.advance(1000);
    // Both proxies are in 10.0.0.0/8: the first address outside it, from the right, is the client.
    expect(
      (await login('10.0.0.0/8, 192.0.2.1', '::ffff:10.0.0.2', 'analyst', ACCOUNTS.analyst.password, { 'x-forwarded-for': '1.2.3.4, 198.51.100.10, 10.0.0.3' })).status,
    ).toBe(200);
    expect(await lastSessionIp()).toBe('198.51.100.10');
    f.clock.advance(1000);
    // A peer that is not a listed proxy is the client, whatever header it sends.
    expect((await login('10.0.0.0/8', '198.51.100.11', 'analyst', ACCOUNTS.analyst.password, { 'x-forwarded-for': '10.0.0.9' })).status).toBe(200);
    expect(await lastSessionIp()).toBe('198.51.100.11');
  });

  it('the origin check reads X-Forwarded-Host at the proxy\'s own entry, not one the client put ahead of it', async () => {
    const headers = (origin: string) => ({
      origin,
      'x-forwarded-for': '1.2.3.4, 198.51.100.12',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'evil.example, otop.example.go.th',
    });
    const forged = await login('1', '10.0.0.2', 'analyst', ACCOUNTS.analyst.password, headers('https://evil.example'));
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { type: string }).type).toMatch(/\/cross-origin$/);
    f.clock.advance(1000);
    expect((await login('1', '10.0.0.2', 'analyst', ACCOUNTS.analyst.password, headers('https://otop.example.go.th'))).status).toBe(200);
    // Not through a trusted proxy: the forwarded host is not believed at all.
    expect((await login('0', '10.0.0.2', 'analyst', ACCOUNTS.analyst.password, headers('https://otop.example.go.th'))).status).toBe(403);
  });
});
