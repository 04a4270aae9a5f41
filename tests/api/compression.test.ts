import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressResponses } from '../../api/http/compress-responses.ts';
import { dashboardStatic } from '../../api/routes/dashboard-static.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { createApiFixture, signIn, type ApiFixture } from './support/api-fixture.ts';

const GZIP = { 'accept-encoding': 'gzip, deflate, br' };

describe(`compressed answers for slow lines (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture();
  });
  afterAll(async () => f.close());

  it('gzips a JSON answer when the client accepts it, and only then', async () => {
    const c = await signIn(f.app, 'department');
    const plain = await c.get('/api/openapi.json');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();
    const zipped = await c.get('/api/openapi.json', { headers: GZIP });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
    const bytes = Buffer.from(await zipped.arrayBuffer());
    expect(gunzipSync(bytes).toString('utf8')).toBe(text);
    expect(bytes.byteLength).toBeLessThan(Buffer.byteLength(text) / 3);
  });

  it('leaves analyst exports as they stream', async () => {
    const c = await signIn(f.app, 'analyst');
    const res = await c.get('/api/exports/products.csv?fy=2561', { headers: GZIP });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect((await res.text()).split('\n')[0]).toContain('fiscal_year');
  });
});

describe('compressed dashboard files', () => {
  const root = mkdtempSync(join(tmpdir(), 'otop-static-'));
  mkdirSync(join(root, 'assets'));
  const script = `export const names = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `อำเภอที่ ${i}`))};\n`;
  writeFileSync(join(root, 'assets', 'app-abc123.js'), script);
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>OTOP</title>');
  const app = new Hono();
  app.use('*', compressResponses());
  app.route('/', dashboardStatic({ root }));

  it('sends a script gzipped to a browser, byte for byte the file once unzipped', async () => {
    const res = await app.request('/assets/app-abc123.js', { headers: GZIP });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toContain('immutable');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(gunzipSync(bytes).toString('utf8')).toBe(script);
    expect(bytes.byteLength).toBeLessThan(Buffer.byteLength(script) / 3);
  });

  it('sends small files and clients without gzip the file as it is', async () => {
    expect((await app.request('/assets/app-abc123.js')).headers.get('content-encoding')).toBeNull();
    const small = await app.request('/', { headers: GZIP });
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(await small.text()).toContain('<title>OTOP</title>');
  });
});
