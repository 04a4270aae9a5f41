import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { loginThrottle } from '../../db/schema/index.ts';
import { THROTTLE_POLICY } from '../../api/auth/login-throttle.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { ACCOUNTS, Client, createApiFixture, type ApiFixture } from './support/api-fixture.ts';

// Concurrent guesses: the attempt is counted before the slow hash, so a burst cannot slip past
// the documented limits (5 free failures then delays, a lock at 10, per username; 20/50 per address).
describe(`sign-in throttle under concurrent guesses (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture({ accounts: ['district3801', 'district3802', 'analyst'] });
  });
  afterAll(async () => f.close());

  const counter = async (key: string) => (await f.t.db.select().from(loginThrottle).where(eq(loginThrottle.key, key)))[0];

  it('64 concurrent guesses at one account: at most 5 are checked, and the right password last in the burst is refused', async () => {
    const ip = '10.7.0.1';
    const burst = await Promise.all(
      Array.from({ length: 64 }, (_, i) =>
        new Client(f.app).login('district3801', i === 63 ? ACCOUNTS.district3801.password : `wrong-guess-${i}`, { 'x-forwarded-for': ip }),
      ),
    );
    const statuses = burst.map((r) => r.status);
    const checked = statuses.filter((s) => s !== 429).length;
    expect(checked).toBe(THROTTLE_POLICY.user.delayFrom);
    expect(statuses.filter((s) => s === 401)).toHaveLength(THROTTLE_POLICY.user.delayFrom);
    expect(statuses.filter((s) => s === 200)).toHaveLength(0);
    expect(statuses[63]).toBe(429);
    expect(burst[63]!.headers.get('retry-after')).toBe('1');
    // The counter says the same: only the checked attempts were counted.
    expect((await counter('user:district3801'))?.failures).toBe(THROTTLE_POLICY.user.delayFrom);
    expect((await counter(`ip:${ip}`))?.failures).toBe(THROTTLE_POLICY.user.delayFrom);
  });

  it('bursts waiting out each delay: 10 guesses checked in all, then the lock holds against the right password', async () => {
    const start = f.clock.now;
    const ip = '10.7.0.2';
    let checked = 0;
    try {
      for (let round = 0; round < 8; round++) {
        const burst = await Promise.all(
          Array.from({ length: 16 }, (_, i) => new Client(f.app).login('district3802', `wrong-guess-${round}-${i}`, { 'x-forwarded-for': ip })),
        );
        checked += burst.filter((r) => r.status === 401).length;
        f.clock.advance(61_000);
      }
      // Ten guesses were checked: nine answered 401, the tenth, which set the lock, 429.
      expect(checked).toBe(THROTTLE_POLICY.user.lockAt - 1);
      expect((await counter('user:district3802'))?.failures).toBe(THROTTLE_POLICY.user.lockAt);
      const right = await Promise.all(
        Array.from({ length: 8 }, () => new Client(f.app).login('district3802', ACCOUNTS.district3802.password, { 'x-forwarded-for': ip })),
      );
      expect(right.map((r) => r.status)).toEqual(Array(8).fill(429));
      expect(((await right[0]!.json()) as { type: string }).type).toMatch(/\/login-locked$/);
    } finally {
      f.clock.set(start.toISOString());
    }
  });

  it('64 concurrent guesses at 64 usernames from one address: at most 20 are checked; a right password elsewhere still signs in', async () => {
    const ip = '10.7.0.3';
    const burst = await Promise.all(
      Array.from({ length: 64 }, (_, i) => new Client(f.app).login(`nobody-${i}`, 'wrong-guess', { 'x-forwarded-for': ip })),
    );
    expect(burst.filter((r) => r.status !== 429)).toHaveLength(THROTTLE_POLICY.ip.delayFrom);
    expect((await counter(`ip:${ip}`))?.failures).toBe(THROTTLE_POLICY.ip.delayFrom);
    expect((await new Client(f.app).login('analyst', ACCOUNTS.analyst.password, { 'x-forwarded-for': '10.7.0.4' })).status).toBe(200);
  });

  it('a right password gives its reservation back: 30 sign-ins from one office address hold no count', async () => {
    const ip = '10.7.0.5';
    for (let i = 0; i < 30; i++) {
      const res = await new Client(f.app).login('analyst', ACCOUNTS.analyst.password, { 'x-forwarded-for': ip });
      expect(res.status).toBe(200);
    }
    expect((await counter(`ip:${ip}`))?.failures ?? 0).toBe(0);
  });
});
