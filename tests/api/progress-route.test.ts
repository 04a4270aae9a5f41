import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiFixture, signIn, Client, type ApiFixture } from './support/api-fixture.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import type { ProgressResult } from '../../api/queries/progress.ts';

describe(`GET /api/progress (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture({ now: '2017-12-20T10:00:00Z' }); // last day of FY2561 Q1 step 1
  });
  afterAll(async () => f.close());

  const get = async (client: Client, query: string) => {
    const res = await client.get(`/api/progress${query}`);
    return { status: res.status, body: res.status === 200 ? ((await res.json()) as ProgressResult) : null };
  };

  it('gives a district officer their own district only, and 404 for another district or province', async () => {
    const c = await signIn(f.app, 'district3801');
    const own = await get(c, '?fy=2561');
    expect(own.status).toBe(200);
    expect(new Set(own.body!.cells.map((x) => x.districtCode))).toEqual(new Set(['3801']));
    expect(own.body!.filter).toEqual({ provinceCode: '38', districtCode: '3801' });
    expect((await get(c, '?fy=2561&district=3802')).status).toBe(404);
    expect((await get(c, '?fy=2561&province=43')).status).toBe(404);
    expect((await get(c, '?fy=2561&district=9999')).status).toBe(404);
  });

  it('gives a province officer every district of the province, and 404 elsewhere', async () => {
    const c = await signIn(f.app, 'province38');
    const p = await get(c, '?fy=2561');
    expect(new Set(p.body!.cells.map((x) => x.districtCode)).size).toBe(8);
    expect(p.body!.provinces.map((x) => x.code)).toEqual(['38']);
    expect((await get(c, '?fy=2561&district=4301')).status).toBe(404);
    expect((await get(c, '?fy=2561&province=43')).status).toBe(404);
  });

  it('gives the department the nation by province, and any province on request', async () => {
    const c = await signIn(f.app, 'department');
    const n = await get(c, '?fy=2561');
    expect(n.body!.detail).toBe('province');
    expect(n.body!.provinces.map((x) => x.code)).toEqual(['38', '43']);
    const p = await get(c, '?fy=2561&province=43');
    expect(p.body!.cells.every((x) => x.districtCode === '4301')).toBe(true);
  });

  it('sends the answer gzip-compressed to a client that accepts it (a browser on a slow line), the same JSON', async () => {
    const c = await signIn(f.app, 'department');
    const plain = await c.get('/api/progress?fy=2561');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const plainBody = JSON.parse(await plain.text()) as ProgressResult;
    const zipped = await c.get('/api/progress?fy=2561', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
    const bytes = Buffer.from(await zipped.arrayBuffer());
    const unzipped = JSON.parse(gunzipSync(bytes).toString('utf8')) as ProgressResult;
    expect({ ...unzipped, asOf: '' }).toEqual({ ...plainBody, asOf: '' });
    expect(bytes.byteLength).toBeLessThan(Buffer.byteLength(JSON.stringify(plainBody)) / 3);
  });

  it('refuses the administrator (403) and an anonymous caller (401)', async () => {
    expect((await get(await signIn(f.app, 'admin'), '?fy=2561')).status).toBe(403);
    expect((await get(new Client(f.app), '?fy=2561')).status).toBe(401);
  });

  it('opens on the latest planned fiscal year and shows a transition at the next request', async () => {
    const c = await signIn(f.app, 'district3801');
    const before = await get(c, '');
    expect(before.body!.fiscalYear).toBe(2561);
    const cell = (r: ProgressResult) => r.cells.find((x) => x.roundCode === '2561-Q1')!;
    expect(cell(before.body!).state).toBe('open');
    expect(cell(before.body!).steps[0]).toMatchObject({ status: 'open', daysLeft: 0 });
    const submit = await c.post('/api/rounds/2561-Q1/districts/3801/submit', {});
    expect(submit.status).toBe(200);
    const after = await get(c, '');
    expect(cell(after.body!).state).toBe('submitted');
    expect(cell(after.body!).steps[0]).toMatchObject({ status: 'done', timeliness: 'on-time' });
  });
});
