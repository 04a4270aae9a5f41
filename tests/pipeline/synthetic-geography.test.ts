import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import { createDb } from '../../db/create-db.ts';
import { producers } from '../../db/schema/index.ts';
import { makeThaiId } from '../../domain/thai-id.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { importGeography, SyntheticGeographyRefusedError } from '../../pipeline/import-geography.ts';
import { readGeographyDir, synthesizeGeography } from '../../pipeline/generate/national-geography.ts';
import { removeSyntheticGeography } from '../../pipeline/remove-synthetic-geography.ts';
import { migrate } from '../../db/migrate.ts';
import { loadConfig } from '../../api/config.ts';
import { geoCommand } from '../../cli/commands/geo-import-command.ts';
import { fixture } from './pipeline-fixtures.ts';

type Counts = { provinces: number; synthetic_provinces: number; districts: number; synthetic_districts: number; subdistricts: number };
async function counts(t: TestDb): Promise<Counts> {
  const [row] = await queryRows<Record<string, number>>(t.db, sql`select
    (select count(*)::int from provinces) as provinces, (select count(*)::int from provinces where synthetic) as synthetic_provinces,
    (select count(*)::int from districts) as districts, (select count(*)::int from districts where synthetic) as synthetic_districts,
    (select count(*)::int from subdistricts) as subdistricts`);
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)])) as Counts;
}

describe(`generated (synthetic) geography is marked, refused beside real geography, and removable (${TEST_ENGINE})`, { timeout: 120_000 }, () => {
  const made = synthesizeGeography(2561);
  const madeProvinces = made.provinces.filter((p) => (p as { synthetic?: boolean }).synthetic).length;

  it('a test database (only the shipped Bueng Kan) takes it, marked synthetic; geo remove --synthetic takes it out again', async () => {
    const t = await createTestDb();
    try {
      await seedReference(t.db);
      const before = await counts(t);
      await importGeography(t.db, made);
      const after = await counts(t);
      expect(madeProvinces).toBe(76);
      expect(after.synthetic_provinces).toBe(76);
      expect(after.provinces).toBe(before.provinces + 76);
      // Bueng Kan, which the generated file carries as shipped, stays real.
      expect((await queryRows<{ synthetic: boolean }>(t.db, sql`select synthetic from provinces where code = '38'`))[0]!.synthetic).toBe(false);
      const r = await removeSyntheticGeography(t.db);
      expect(r).toEqual({ removed: true, provinces: 76, districts: after.synthetic_districts, subdistricts: after.subdistricts - before.subdistricts });
      expect(await counts(t)).toEqual(before);
      const [audit] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_log where action = 'geography.remove-synthetic'`);
      expect(Number(audit!.n)).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('refused into a database with real geography, nothing written; forced, real rows stay real and survive the removal', async () => {
    const t = await createTestDb();
    try {
      await seedReference(t.db);
      await importGeography(t.db, readGeographyDir(fixture('geo'))!); // real province 10 (Bangkok)
      const before = await counts(t);
      const bangkok = await queryRows(t.db, sql`select name_th from provinces where code = '10'`);
      const refused = await importGeography(t.db, made).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(SyntheticGeographyRefusedError);
      expect((refused as Error).message).toMatch(/this database holds 1 real provinces: nothing imported.*--force/);
      expect(await counts(t)).toEqual(before);

      await importGeography(t.db, made, { force: true });
      expect((await counts(t)).synthetic_provinces).toBe(75); // 10 was real and stays real (renamed: forced)
      const r = await removeSyntheticGeography(t.db);
      expect(r.removed).toBe(true);
      const left = await queryRows<{ code: string; synthetic: boolean }>(t.db, sql`select code::text as code, synthetic from provinces order by code`);
      expect(left).toEqual([{ code: '10', synthetic: false }, { code: '38', synthetic: false }]);
      expect(await queryRows(t.db, sql`select name_th from provinces where code = '10'`)).not.toEqual(bangkok);
      // A real import over it gives Bangkok its name back.
      await importGeography(t.db, readGeographyDir(fixture('geo'))!);
      expect(await queryRows(t.db, sql`select name_th from provinces where code = '10'`)).toEqual(bangkok);
    } finally {
      await t.close();
    }
  });

  it('a real import over synthetic rows makes them real', async () => {
    const t = await createTestDb();
    try {
      await seedReference(t.db);
      await importGeography(t.db, made);
      await importGeography(t.db, readGeographyDir(fixture('geo'))!);
      const [p] = await queryRows<{ synthetic: boolean }>(t.db, sql`select synthetic from provinces where code = '10'`);
      expect(p!.synthetic).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('removal is refused while a producer lives in a synthetic subdistrict, naming the district', async () => {
    const t = await createTestDb();
    try {
      await seedReference(t.db);
      await importGeography(t.db, made);
      const [sub] = await queryRows<{ code: string; district_code: string; province_code: string }>(t.db, sql`
        select s.code::text as code, s.district_code::text as district_code, d.province_code::text as province_code
        from subdistricts s join districts d on d.code = s.district_code where s.synthetic order by s.code limit 1`);
      await t.db.insert(producers).values({
        thaiId: makeThaiId('110370054321'), producerType: 'single-owner', name: 'ทดสอบ', members: 1, villageNo: 1,
        subdistrictCode: sub!.code, districtCode: sub!.district_code, provinceCode: sub!.province_code,
      });
      const before = await counts(t);
      const r = await removeSyntheticGeography(t.db);
      expect(r).toEqual({ removed: false, use: { producers: 1, registrations: 0, accounts: 0, targets: 0, districts: [sub!.district_code] } });
      expect(await counts(t)).toEqual(before);
    } finally {
      await t.close();
    }
  });
});

describe('otop geo import / geo remove --synthetic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'otop-geo-cli-'));
  let config: ReturnType<typeof loadConfig>;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const handle = await createDb({ dataDir: join(dir, 'pglite') });
    await migrate(handle.db);
    await seedReference(handle.db);
    await importGeography(handle.db, readGeographyDir(fixture('geo'))!);
    await handle.close();
    config = loadConfig({ DATA_DIR: join(dir, 'pglite'), DEMO: '0' });
    const made = synthesizeGeography(2561);
    for (const name of ['provinces', 'districts', 'subdistricts'] as const) writeFileSync(join(dir, `${name}.json`), JSON.stringify(made[name]));
  });

  async function otopGeo(args: string[]) {
    let out = '';
    let err = '';
    const sink = (add: (s: string) => void) => new Writable({ write: (c: Buffer, _e, cb) => (add(c.toString()), cb()) });
    const code = await geoCommand.run(args, {
      config, stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), stdin: new PassThrough(), isTTY: false,
    });
    return { code, stdout: out, stderr: err };
  }

  it('refuses generated geography into a database with real geography, takes it with --force, removes it with geo remove --synthetic', async () => {
    const refused = await otopGeo(['import', '--dir', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/made-up \(synthetic\).*nothing imported.*--force/);
    const forced = await otopGeo(['import', '--dir', dir, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/provinces\s+read 77, inserted 75/);
    const removed = await otopGeo(['remove', '--synthetic']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/removed 75 provinces, \d+ districts, \d+ subdistricts marked synthetic/);
    expect((await otopGeo(['remove'])).code).toBe(2);
  });
});
