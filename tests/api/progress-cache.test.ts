import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { createProgressCache } from '../../api/progress-cache.ts';
import { districtRounds, districts, provinces } from '../../db/schema/index.ts';

describe(`progress cache (${TEST_ENGINE})`, () => {
  let t: TestDb;
  const now = new Date('2017-11-15T05:00:00Z');
  beforeAll(async () => {
    t = await createTestDb();
    await seedReference(t.db);
    await t.db.insert(provinces).values({ code: '43', nameTh: 'หนองคาย', nameEn: 'Nong Khai' });
    await t.db.insert(districts).values({ code: '4301', provinceCode: '43', nameTh: 'เมืองหนองคาย', nameEn: 'Mueang Nong Khai' });
  });
  afterAll(async () => t.close());

  it('reuses an answer until a write in the same province, which shows at the next request', async () => {
    const cache = createProgressCache();
    const filter = { fiscalYear: 2561, provinceCode: '38' };
    await cache.get(t.db, filter, now);
    const again = await cache.get(t.db, filter, now);
    expect(cache.stats).toEqual({ hits: 1, misses: 1 });
    expect(again.cells.find((c) => c.districtCode === '3801' && c.roundCode === '2561-Q1')?.state).toBe('open');

    // Another province's change leaves province 38's answer valid …
    await t.db.insert(districtRounds).values({ roundCode: '2561-Q1', districtCode: '4301', provinceCode: '43', state: 'submitted' });
    await cache.get(t.db, filter, now);
    expect(cache.stats).toEqual({ hits: 2, misses: 1 });

    // … a change in province 38 does not, in this process or any other (the version is in the database).
    await t.db.insert(districtRounds).values({ roundCode: '2561-Q1', districtCode: '3801', provinceCode: '38', state: 'submitted' });
    const fresh = await cache.get(t.db, filter, now);
    expect(cache.stats).toEqual({ hits: 2, misses: 2 });
    expect(fresh.cells.find((c) => c.districtCode === '3801' && c.roundCode === '2561-Q1')?.state).toBe('submitted');
  });

  it('lets the nation see any province’s change, and the plan invalidate everyone', async () => {
    const cache = createProgressCache();
    await cache.get(t.db, { fiscalYear: 2561 }, now);
    await t.db.execute(sql`update district_rounds set state = 'certified' where district_code = '4301'`);
    const nation = await cache.get(t.db, { fiscalYear: 2561 }, now);
    expect(cache.stats.misses).toBe(2);
    expect(nation.provinceCells.find((c) => c.provinceCode === '43' && c.roundCode === '2561-Q1')?.districtsCertified).toBe(1);

    await cache.get(t.db, { fiscalYear: 2561, provinceCode: '38' }, now);
    await t.db.execute(sql`update plan_windows set stated_days = stated_days where round_code = '2561-Q1'`);
    await cache.get(t.db, { fiscalYear: 2561, provinceCode: '38' }, now);
    expect(cache.stats.misses).toBe(4);
  });

  it('sends the answer as bytes, gzip-compressed on request, with asOf to the second and one rendering per second', async () => {
    const cache = createProgressCache();
    const f = { fiscalYear: 2561 };
    const object = await cache.get(t.db, f, now);
    const at = new Date(now.getTime() + 1_234);
    const plain = await cache.getBody(t.db, f, at, { gzip: false });
    expect(plain.encoding).toBeNull();
    const parsed = JSON.parse(Buffer.from(plain.bytes).toString('utf8')) as typeof object;
    expect(parsed.asOf).toBe(new Date(now.getTime() + 1_000).toISOString());
    expect({ ...parsed, asOf: object.asOf }).toEqual(object);

    const zipped = await cache.getBody(t.db, f, new Date(at.getTime() + 500), { gzip: true });
    expect(zipped.encoding).toBe('gzip');
    expect(gunzipSync(zipped.bytes).equals(Buffer.from(plain.bytes))).toBe(true);
    expect(zipped.bytes.byteLength).toBeLessThan(plain.bytes.byteLength / 3);
    // The same second: the very same bytes; the next second: a new asOf.
    expect((await cache.getBody(t.db, f, new Date(at.getTime() + 700), { gzip: true })).bytes).toBe(zipped.bytes);
    const next = await cache.getBody(t.db, f, new Date(at.getTime() + 1_000), { gzip: true });
    expect((JSON.parse(gunzipSync(next.bytes).toString('utf8')) as { asOf: string }).asOf).toBe(new Date(now.getTime() + 2_000).toISOString());
    expect(cache.stats.misses).toBe(1);
  });

  it('computes once for concurrent requests that miss together', async () => {
    const cache = createProgressCache();
    const f = { fiscalYear: 2561, provinceCode: '43' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => cache.get(t.db, f, now)));
    expect(cache.stats).toEqual({ hits: 0, misses: 1 });
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
  });

  it('recomputes on a new Bangkok day (days left move at midnight)', async () => {
    const cache = createProgressCache();
    const f = { fiscalYear: 2561, districtCode: '3802' };
    const a = await cache.get(t.db, f, new Date('2017-11-15T16:59:00Z')); // 23:59 Bangkok
    const b = await cache.get(t.db, f, new Date('2017-11-15T17:01:00Z')); // 00:01 the next day
    expect(cache.stats.misses).toBe(2);
    const left = (r: typeof a) => r.cells.find((c) => c.roundCode === '2561-Q1')!.steps[0]!.daysLeft;
    expect(left(a)! - left(b)!).toBe(1);
  });
});
