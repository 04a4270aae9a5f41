// Issue #22: the outlines behind the maps, scoped like every other read, compact and cached.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../support/test-db.ts';
import { Client, createApiFixture, signIn, type ApiFixture } from './support/api-fixture.ts';

type Collection = {
  type: string;
  level: 'province' | 'district';
  attribution: { th: string; en: string };
  missing: Array<{ code: string; nameTh: string }>;
  features: Array<{ id: string; properties: { code: string; nameTh: string; label: [number, number] }; geometry: { type: string; coordinates: number[][][][] } }>;
};

describe(`GET /api/boundaries (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  const as: Record<string, Client> = {};

  beforeAll(async () => {
    f = await createApiFixture();
    for (const name of ['district3801', 'province38', 'province43', 'department', 'admin'] as const) as[name] = await signIn(f.app, name);
  });
  afterAll(() => f.close());

  const get = async (who: string, path = '/api/boundaries') => {
    const res = await as[who]!.get(path);
    return { res, body: res.status === 200 ? ((await res.json()) as Collection) : null };
  };

  it("gives a province officer the 8 outlines of Bueng Kan's districts, each with a label point inside the province's box", async () => {
    const { res, body } = await get('province38');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    expect(body!.level).toBe('district');
    expect(body!.features.map((x) => x.id)).toEqual(['3801', '3802', '3803', '3804', '3805', '3806', '3807', '3808']);
    expect(body!.missing).toEqual([]);
    expect(body!.attribution.en).toMatch(/Royal Thai Survey Department.*CC BY 3\.0 IGO.*mapthai/);
    for (const feature of body!.features) {
      expect(feature.geometry.type).toBe('MultiPolygon');
      const [lon, lat] = feature.properties.label;
      expect(lon).toBeGreaterThan(103); expect(lon).toBeLessThan(104.5);
      expect(lat).toBeGreaterThan(17.5); expect(lat).toBeLessThan(18.6);
      // 4 decimals at most: the grid the import promises
      const flat = feature.geometry.coordinates.flat(3);
      expect(flat.every((v) => Math.abs(v * 1e4 - Math.round(v * 1e4)) < 1e-6)).toBe(true);
    }
  });

  it('is small over the wire (≤ 30 KB gzip for a province) and revalidates with its ETag', async () => {
    const { res } = await get('province38');
    const raw = await (await as.province38!.get('/api/boundaries')).arrayBuffer();
    expect(gzipSync(Buffer.from(raw)).length).toBeLessThanOrEqual(30 * 1024);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    expect(res.headers.get('cache-control')).toMatch(/private/);
    const again = await as.province38!.get('/api/boundaries', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('lists a district that has no outline instead of leaving it off the map', async () => {
    const { body } = await get('province43');
    expect(body!.features).toEqual([]);
    expect(body!.missing).toEqual([{ code: '4301', nameTh: 'เมืองหนองคาย', nameEn: 'Mueang Nong Khai' }]);
  });

  it('keeps each caller to their scope', async () => {
    expect((await get('district3801')).body!.features.map((x) => x.id)).toEqual(['3801']);
    expect((await get('province38', '/api/boundaries?province=43')).res.status).toBe(404);
    expect((await get('admin')).res.status).toBe(403);
    const anonymous = await new Client(f.app).get('/api/boundaries');
    expect(anonymous.status).toBe(401);
  });

  it('gives the department the provinces, and a province’s districts on request', async () => {
    const national = (await get('department')).body!;
    expect(national.level).toBe('province');
    expect(national.features.map((x) => x.id)).toEqual(['38']);
    expect(national.missing.map((m) => m.code)).toEqual(['43']);
    expect((await get('department', '/api/boundaries?province=38')).body!.features).toHaveLength(8);
  });
});
