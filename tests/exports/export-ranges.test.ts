import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Hono } from 'hono';
import { TEST_ENGINE } from '../support/test-db.ts';
import { Client } from '../api/support/api-fixture.ts';
import { createApp, type AppEnv } from '../../api/create-app.ts';
import { loadConfig } from '../../api/config.ts';
import { products } from '../../db/schema/index.ts';
import { normalizeKey } from '../../domain/normalize-text.ts';
import { DEMO_ACCOUNTS } from '../../pipeline/seed/seed-demo.ts';
import { createExportFixture, readWithPolars, sqlFigures, type ExportFixture } from './support/export-fixture.ts';

// What DuckDB's httpfs (and fsspec, and a resumed download) does with a Parquet URL: HEAD for the
// length and ETag, then ranged GETs — the footer from the end, then the row groups it needs —
// expecting the same bytes for the same ETag on every request.
describe(`Parquet export URLs answer Range requests with a stable ETag (${TEST_ENGINE})`, () => {
  let f: ExportFixture;
  let app: Hono<AppEnv>;
  let secret: string;
  const url = '/api/exports/products.parquet?fy=2561';

  const get = (headers: Record<string, string> = {}, method = 'GET') =>
    app.request(url, { method, headers: { authorization: `Bearer ${secret}`, ...headers } });
  const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

  beforeAll(async () => {
    f = await createExportFixture();
    app = createApp({ db: f.t.db, engine: f.t.engine, config: loadConfig({}), now: () => new Date('2018-07-01T05:00:00Z') });
    const analyst = new Client(app);
    const account = DEMO_ACCOUNTS.find((a) => a.username === 'analyst')!;
    expect((await analyst.login(account.username, account.password)).status).toBe(200);
    const res = await analyst.post('/api/tokens', { name: 'duckdb', expiresInDays: 30 });
    expect(res.status).toBe(201);
    secret = ((await res.json()) as { secret: string }).secret;
  });
  afterAll(async () => f.close());

  it('HEAD and GET give the length, Accept-Ranges and one ETag; ranges reassemble the whole file, which Polars reads', async () => {
    const head = await get({}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('accept-ranges')).toBe('bytes');
    const etag = head.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    const size = Number(head.headers.get('content-length'));
    expect((await bytes(head)).length).toBe(0);

    const whole = await get();
    expect(whole.status).toBe(200);
    expect(whole.headers.get('etag')).toBe(etag);
    const file = await bytes(whole);
    expect(file.length).toBe(size);

    // The footer first, as a Parquet reader does: its last 8 bytes are the footer length and PAR1.
    const tail = await get({ range: 'bytes=-8' });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes ${size - 8}-${size - 1}/${size}`);
    const last8 = await bytes(tail);
    expect(last8.subarray(4).toString('latin1')).toBe('PAR1');
    const footerLength = last8.readUInt32LE(0);
    const footer = await get({ range: `bytes=${size - 8 - footerLength}-${size - 9}`, 'if-range': etag });
    expect(footer.status).toBe(206);
    expect((await bytes(footer)).equals(file.subarray(size - 8 - footerLength, size - 8))).toBe(true);

    // Several ranged requests, out of order, reassemble to exactly the whole file.
    const cuts = [0, 4, 1000, Math.floor(size / 2), size - 8 - footerLength, size];
    const parts = new Map<number, Buffer>();
    for (const i of [3, 0, 4, 2, 1]) {
      const res = await get({ range: `bytes=${cuts[i]}-${cuts[i + 1]! - 1}` });
      expect(res.status).toBe(206);
      expect(res.headers.get('etag')).toBe(etag);
      expect(Number(res.headers.get('content-length'))).toBe(cuts[i + 1]! - cuts[i]!);
      parts.set(i, await bytes(res));
    }
    const reassembled = Buffer.concat([0, 1, 2, 3, 4].map((i) => parts.get(i)!));
    expect(reassembled.equals(file)).toBe(true);
    const df = readWithPolars('parquet', reassembled);
    const e = await sqlFigures(f.t.db, sql`select count(*) as n from products where fiscal_year = 2561`);
    expect(df.height).toBe(e.n);
  });

  it('416 for a range past the end or malformed; several ranges get the whole file; 304 for the current ETag', async () => {
    const size = Number((await get({}, 'HEAD')).headers.get('content-length'));
    for (const range of [`bytes=${size}-`, 'bytes=5-2', 'bytes=x-y', 'bytes=-0']) {
      const res = await get({ range });
      expect(res.status, range).toBe(416);
      expect(res.headers.get('content-range')).toBe(`bytes */${size}`);
    }
    const clipped = await get({ range: `bytes=${size - 10}-${size + 100}` });
    expect(clipped.status).toBe(206);
    expect((await bytes(clipped)).length).toBe(10);
    const several = await get({ range: 'bytes=0-3,10-20' });
    expect(several.status).toBe(200);
    expect((await bytes(several)).length).toBe(size);
    const etag = several.headers.get('etag')!;
    const notModified = await get({ 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
  });

  it('a change of the data gives another ETag and other bytes; a range asked If-Range the old ETag gets the whole new file', async () => {
    const before = await get();
    const oldTag = before.headers.get('etag')!;
    const oldFile = await bytes(before);
    const again = await get();
    expect(again.headers.get('etag')).toBe(oldTag);
    expect((await bytes(again)).equals(oldFile)).toBe(true);

    const [reg] = await f.t.db.execute(sql`select id, producer_id from registrations where fiscal_year = 2561 and district_code = '3801' limit 1`)
      .then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Array<{ id: number; producer_id: number }>);
    await f.t.db.insert(products).values({
      registrationId: Number(reg!.id), producerId: Number(reg!.producer_id), fiscalYear: 2561, roundCode: '2561-Q1',
      districtCode: '3801', provinceCode: '38', name: 'น้ำพริกเผาใหม่', nameKey: normalizeKey('น้ำพริกเผาใหม่'), category: 'food',
      standards: [], stars: null,
    });
    const stale = await get({ range: 'bytes=0-99', 'if-range': oldTag });
    expect(stale.status).toBe(200);
    const newTag = stale.headers.get('etag')!;
    expect(newTag).not.toBe(oldTag);
    const newFile = await bytes(stale);
    expect(readWithPolars('parquet', newFile).height).toBe(readWithPolars('parquet', oldFile).height + 1);
  });

  it('Arrow and CSV still stream without ranges (no Accept-Ranges, no ETag)', async () => {
    const res = await app.request('/api/exports/products.arrows', { headers: { authorization: `Bearer ${secret}`, range: 'bytes=0-9' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('accept-ranges')).toBeNull();
    expect(res.headers.get('etag')).toBeNull();
    await res.arrayBuffer();
  });
});
