// Issue #22: `otop geo boundaries import` — idempotent, and honest about what matched.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query-rows.ts';
import { importBoundaries } from '../../pipeline/import-boundaries.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { districts } from '../../db/schema/index.ts';
import { readAreaGeometry, labelPoint, pointInRing, isGeometryRefusal } from '../../domain/boundary-geometry.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { loadConfig } from '../../api/config.ts';
import { geoCommand } from '../../cli/commands/geo-import-command.ts';
import { seedCommand } from '../../cli/commands/seed-command.ts';
import { Readable, Writable } from 'node:stream';

const ACTOR = { id: null, username: 'test' };
const SEED = new URL('../../pipeline/seed/bueng-kan-boundaries.json', import.meta.url);

describe(`boundary import (${TEST_ENGINE})`, () => {
  let t: TestDb;
  let seedFiles: { districts: { features: unknown[] }; provinces: { features: unknown[] } };

  beforeAll(async () => {
    t = await createTestDb();
    await seedReference(t.db);
    seedFiles = JSON.parse(await readFile(SEED, 'utf8'));
  });
  afterAll(() => t.close());

  it('seeds the outline of every Bueng Kan district and of the province with the reference data', async () => {
    const rows = await queryRows<{ level: string; n: number }>(t.db, sql`select level, count(*)::int as n from area_boundaries group by level order by level`);
    expect(rows).toEqual([{ level: 'district', n: 8 }, { level: 'province', n: 1 }]);
  });

  it('reports what matched, leaves unchanged outlines alone and refuses what is not an outline', async () => {
    await t.db.insert(districts).values({ code: '3809', provinceCode: '38', nameTh: 'อำเภอใหม่ทดสอบ', nameEn: 'New Test', postalCode: '38000' });
    const file = {
      type: 'FeatureCollection',
      features: [
        ...seedFiles.districts.features,
        { type: 'Feature', properties: { adm2_pcode: 'TH9901', adm2_th: 'ที่ไม่มีในฐานข้อมูล' }, geometry: { type: 'Polygon', coordinates: [[[100, 10], [100.1, 10], [100.1, 10.1], [100, 10]]] } },
        { type: 'Feature', properties: { adm2_pcode: 'TH3805' }, geometry: { type: 'Point', coordinates: [103, 18] } },
        { type: 'Feature', properties: { name: 'no code' }, geometry: null },
      ],
    };
    const result = await importBoundaries(t.db, { districts: { data: file, source: 'test.geojson' } }, { actor: ACTOR });
    expect(result.districts).toEqual({ read: 11, inserted: 0, replaced: 0, unchanged: 8, notInDatabase: 1 });
    expect(result.withoutBoundary).toEqual([{ level: 'district', code: '3809', nameTh: 'อำเภอใหม่ทดสอบ' }]);
    expect(result.withoutArea).toEqual([{ level: 'district', code: '9901', nameTh: 'ที่ไม่มีในฐานข้อมูล' }]);
    expect(result.problems.map((p) => [p.index, p.code, p.message.en])).toEqual([
      [10, '3805', 'the geometry must be a Polygon or MultiPolygon, not Point'],
      [11, null, 'no 4-digit district code (adm2_pcode such as TH3801)'],
    ]);
  });

  it('replaces an outline that changed, and audits the import', async () => {
    const moved = structuredClone(seedFiles.districts.features[0]) as { geometry: { coordinates: number[][][][] } };
    moved.geometry.coordinates[0]![0]![0]![0]! += 0.001;
    moved.geometry.coordinates[0]![0]!.at(-1)![0]! += 0.001;
    const audited = async () => (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_log where action = 'geography.boundaries'`))[0]!.n;
    const before = await audited();
    const r = await importBoundaries(t.db, { districts: { data: { type: 'FeatureCollection', features: [moved] }, source: 'v2' } }, { actor: ACTOR });
    expect(r.districts).toMatchObject({ read: 1, replaced: 1, inserted: 0 });
    expect(await audited()).toBe(before + 1);
    await importBoundaries(t.db, { districts: { data: { type: 'FeatureCollection', features: [moved] }, source: 'v2' } }, { actor: ACTOR });
    expect(await audited(), 'an import that changes nothing is not audited').toBe(before + 1);
  });

});

describe('otop geo boundaries import', () => {
  it('prints what it read and changed; a missing file or no file is exit 2 with the usage', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'otop-boundaries-'));
    const config = loadConfig({ DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' });
    const run = async (args: string[]) => {
      let stdout = '';
      let stderr = '';
      const sink = (add: (s: string) => void) => new Writable({ write(chunk, _e, done) { add(String(chunk)); done(); } });
      const code = await geoCommand.run(args, {
        config, stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)), stdin: Readable.from([]), isTTY: false,
      });
      return { code, stdout, stderr };
    };
    try {
      const seed = JSON.parse(await readFile(SEED, 'utf8')) as { districts: { features: Array<{ properties: { adm2_pcode: string } }> } };
      const path = join(dir, 'districts.geojson');
      await writeFile(path, JSON.stringify({ type: 'FeatureCollection', features: seed.districts.features.filter((x) => x.properties.adm2_pcode !== 'TH3801') }));
      const seeded = await seedCommand.run([], { config, stdout: new Writable({ write(_c, _e, d) { d(); } }), stderr: new Writable({ write(_c, _e, d) { d(); } }), stdin: Readable.from([]), isTTY: false });
      expect(seeded).toBe(0);
      const first = await run(['boundaries', 'import', '--districts', path]);
      expect(first.code, first.stderr).toBe(0);
      // the reference seed already wrote the 8 outlines when the database was created
      expect(first.stdout).toMatch(/districts\s+read 7, inserted 0, replaced 0, unchanged 7/);
      const missing = await run(['boundaries', 'import', '--districts', join(dir, 'nope.geojson')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/no such file/);
      const usage = await run(['boundaries', 'import']);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/Usage: .*geo boundaries import/s);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('boundary geometry', () => {
  it('puts the label of a concave (U-shaped) area on the area itself', () => {
    const u = readAreaGeometry({ type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] });
    if (isGeometryRefusal(u)) throw new Error('refused');
    const p = labelPoint(u);
    expect(pointInRing(p, u.coordinates[0]![0]!)).toBe(true);
  });

  it('drops a ring that collapses on the 4-decimal grid and refuses coordinates that are not longitude/latitude', () => {
    const tiny = readAreaGeometry({ type: 'MultiPolygon', coordinates: [[[[0, 0], [0.00001, 0], [0.00001, 0.00001], [0, 0]]], [[[1, 1], [2, 1], [2, 2], [1, 1]]]] });
    expect(isGeometryRefusal(tiny) ? null : tiny.coordinates.length).toBe(1);
    expect(isGeometryRefusal(readAreaGeometry({ type: 'Polygon', coordinates: [[[500000, 2000000], [500100, 2000000], [500100, 2000100], [500000, 2000000]]] }))).toBe(true);
  });
});
