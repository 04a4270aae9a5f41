import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Hono } from 'hono';
import { tableFromIPC } from 'apache-arrow';
import { TEST_ENGINE } from '../support/test-db.ts';
import { Client } from '../api/support/api-fixture.ts';
import { createApp, type AppEnv } from '../../api/create-app.ts';
import { loadConfig } from '../../api/config.ts';
import { exportRoutes, MAX_CONCURRENT_EXPORTS } from '../../api/routes/export-routes.ts';
import { DEMO_ACCOUNTS } from '../../pipeline/seed/seed-demo.ts';
import { EXPORT_DATASET_NAMES } from '../../api/exports/export-datasets.ts';
import { createExportFixture, distinct, exportBytes, readWithPolars, sqlFigures, type ExportFixture } from './support/export-fixture.ts';

type DemoUser = (typeof DEMO_ACCOUNTS)[number]['username'];

describe(`GET /api/exports/{dataset}.{format} (${TEST_ENGINE})`, () => {
  let f: ExportFixture;
  let app: Hono<AppEnv>;
  const clients = new Map<DemoUser, Client>();

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

  beforeAll(async () => {
    f = await createExportFixture();
    app = createApp({ db: f.t.db, engine: f.t.engine, config: loadConfig({}), now: () => new Date('2018-07-01T05:00:00Z') });
    // Until createApp mounts the export routes itself.
    if (!app.routes.some((r) => r.path.startsWith('/api/exports'))) app.route('/api', exportRoutes());
  });
  afterAll(async () => f.close());

  it('streams the file with its media type and a file name, uncached', async () => {
    const res = await (await as('analyst')).get('/api/exports/products.arrows?fy=2561&province=38');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="otop-products-2561-38.arrows"');
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    const df = readWithPolars('arrows', Buffer.from(await res.arrayBuffer()));
    const e = await sqlFigures(f.t.db, sql`select count(*) as n from products where fiscal_year = 2561 and province_code = '38'`);
    expect(df.height).toBe(e.n);
  });

  it('gives a district officer their own district only, in every dataset — with citizen IDs in full', async () => {
    const c = await as('district3801');
    for (const dataset of EXPORT_DATASET_NAMES) {
      const res = await c.get(`/api/exports/${dataset}.parquet`);
      expect(res.status).toBe(200);
      const df = readWithPolars('parquet', Buffer.from(await res.arrayBuffer()));
      expect(df.height).toBeGreaterThan(0);
      expect(distinct(df, 'district_code')).toEqual(['3801']);
    }
    // Not even the dictionaries name another district.
    const arrows = tableFromIPC(new Uint8Array(await (await c.get('/api/exports/producers.arrows')).arrayBuffer()));
    const dictionary = (column: string) => [...(arrows.getChild(column)!.data[0]!.dictionary!.toArray() as string[])];
    expect(dictionary('district_code')).toEqual(['3801']);
    expect(dictionary('province_code')).toEqual(['38']);
    expect(dictionary('subdistrict_code').every((code) => code.startsWith('3801'))).toBe(true);
    const res = await c.get('/api/exports/producers.csv');
    const rows = readWithPolars('csv', Buffer.from(await res.arrayBuffer())).toRecords() as Record<string, string>[];
    const e = await sqlFigures(f.t.db, sql`select count(*) as n from producers where district_code = '3801'`);
    expect(rows.length).toBe(e.n);
    expect(rows.every((r) => /^\d{13}$/.test(r.thai_id!))).toBe(true);
  });

  it('answers 404 — never data — for a province or district outside the caller’s scope', async () => {
    const district = await as('district3801');
    for (const query of ['?district=3802', '?province=43', '?district=9999', '?district=4301', '?province=38&district=3802']) {
      const res = await district.get(`/api/exports/products.arrows${query}`);
      expect(res.status, query).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const province = await as('province38');
    expect((await province.get('/api/exports/registrations.csv?district=4301')).status).toBe(404);
    expect((await province.get('/api/exports/registrations.csv?province=43')).status).toBe(404);
    const own = await province.get('/api/exports/registrations.arrow?district=3802');
    expect(own.status).toBe(200);
    const df = readWithPolars('arrow', Buffer.from(await own.arrayBuffer()));
    expect(distinct(df, 'district_code')).toEqual(['3802']);
  });

  it('gives a province officer every district of the province and nothing else', async () => {
    const res = await (await as('province38')).get('/api/exports/producers.arrow');
    const df = readWithPolars('arrow', Buffer.from(await res.arrayBuffer()));
    const e = await sqlFigures(f.t.db, sql`select count(*) as n, count(distinct district_code) as d from producers where province_code = '38'`);
    expect(df.height).toBe(e.n);
    expect(distinct(df, 'district_code').length).toBe(e.d);
    expect(distinct(df, 'province_code')).toEqual(['38']);
  });

  it('masks citizen IDs for analysts and the department; producer_id still joins', async () => {
    for (const user of ['analyst', 'department'] as const) {
      const res = await (await as(user)).get('/api/exports/producers.arrows');
      const df = readWithPolars('arrows', Buffer.from(await res.arrayBuffer()));
      const ids = df.getColumn('thai_id').toArray() as string[];
      expect(ids.every((id) => /^x-xxxx-xxxxx-\d{2}-\d$/.test(id))).toBe(true);
      const juristic = (df.toRecords() as Record<string, unknown>[]).find((r) => Number(r.producer_id) === f.edge.formulaProducer)!;
      expect(juristic.thai_id_kind).toBe('juristic');
    }
    // The same rows as the core export, masked the same way.
    const { bytes } = await exportBytes(f.t.db, { dataset: 'producers', format: 'arrows', scope: {} });
    expect(readWithPolars('arrows', bytes).getColumn('thai_id').toArray()).toEqual(
      readWithPolars('arrows', Buffer.from(await (await (await as('analyst')).get('/api/exports/producers.arrows')).arrayBuffer()))
        .getColumn('thai_id').toArray(),
    );
  });

  it('refuses admin (403) and anonymous callers (401)', async () => {
    expect((await (await as('admin')).get('/api/exports/products.csv')).status).toBe(403);
    expect((await new Client(app).get('/api/exports/products.csv')).status).toBe(401);
  });

  it('answers 404 for an unknown dataset or format and 422 for bad filter values', async () => {
    const c = await as('analyst');
    for (const file of ['nope.arrows', 'products.xlsx', 'products', '.arrows']) {
      expect((await c.get(`/api/exports/${file}`)).status, file).toBe(404);
    }
    for (const query of ['?fy=abc', '?fy=1999', '?category=toys', '?district=38']) {
      const res = await c.get(`/api/exports/products.arrows${query}`);
      expect(res.status, query).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const progress = await c.get('/api/exports/progress.csv?category=food');
    expect(progress.status).toBe(422);
    const body = (await progress.json()) as { issues: { column: string }[] };
    expect(body.issues.map((i) => i.column)).toEqual(['category']);
  });

  it('streams at most a few exports at once (each holds a database connection) and answers 429 beyond', async () => {
    const c = await as('analyst');
    // Clients that do not read: each export waits on its download, holding its slot.
    const stalled = await Promise.all(Array.from({ length: MAX_CONCURRENT_EXPORTS }, () => c.get('/api/exports/products.csv')));
    expect(stalled.map((r) => r.status)).toEqual(Array(MAX_CONCURRENT_EXPORTS).fill(200));
    const refused = await c.get('/api/exports/products.csv');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('30');
    // Clients that go away free their slots.
    await Promise.all(stalled.map((r) => r.body!.cancel()));
    let again = await c.get('/api/exports/products.csv');
    for (let i = 0; i < 50 && again.status === 429; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      again = await c.get('/api/exports/products.csv');
    }
    expect(again.status).toBe(200);
    expect(readWithPolars('csv', Buffer.from(await again.arrayBuffer())).height).toBeGreaterThan(800);
  });
});
