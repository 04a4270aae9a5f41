import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, TEST_ENGINE } from '../support/test-db.ts';
import { createDb } from '../../db/create-db.ts';
import { loadConfig, type Config } from '../../api/config.ts';
import { prepareDatabase } from '../../api/prepare-database.ts';
import { exportCommand } from '../../cli/commands/export-command.ts';
import type { CommandContext } from '../../cli/command.ts';
import { distinct, pl, readWithPolars, sqlFigures } from './support/export-fixture.ts';

/** Runs `otop export …` against the test database; stdout and stderr are captured. */
async function otopExport(config: Config, args: string[], isTTY = false) {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const sink = (into: Buffer[]) => new Writable({ write: (c: Buffer, _e, cb) => (into.push(c), cb()) });
  const ctx: CommandContext = { config, stdout: sink(out), stderr: sink(err), stdin: new PassThrough(), isTTY };
  const code = await exportCommand.run(args, ctx);
  return { code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') };
}

describe(`otop export (${TEST_ENGINE})`, () => {
  let config: Config;
  let dir: string;
  let close: () => Promise<void>;
  let expected: Record<string, number>;
  let registrations: Record<string, number>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'otop-export-cli-'));
    // The command opens the configured database itself: a PostgreSQL database of its own, or a
    // PGlite directory (an in-memory PGlite would be a different, empty database).
    if (TEST_ENGINE === 'postgres') {
      const t = await createTestDb();
      await prepareDatabase(t.db, { demo: true });
      expected = await sqlFigures(t.db, sql`select count(*) filter (where district_code = '3801') as d3801, count(*) as n from products`);
      registrations = await sqlFigures(t.db, sql`select count(*) filter (where fiscal_year = 2560) as y2560, count(*) filter (where fiscal_year = 2561) as y2561 from registrations`);
      config = loadConfig({ DATABASE_URL: t.url!, DEMO: '0' });
      close = () => t.close();
    } else {
      const handle = await createDb({ dataDir: join(dir, 'pglite') });
      await prepareDatabase(handle.db, { demo: true });
      expected = await sqlFigures(handle.db, sql`select count(*) filter (where district_code = '3801') as d3801, count(*) as n from products`);
      registrations = await sqlFigures(handle.db, sql`select count(*) filter (where fiscal_year = 2560) as y2560, count(*) filter (where fiscal_year = 2561) as y2561 from registrations`);
      await handle.close();
      config = loadConfig({ DATA_DIR: join(dir, 'pglite'), DEMO: '0' });
      close = async () => {};
    }
  });
  afterAll(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the dataset to stdout, national and masked without --as', async () => {
    const r = await otopExport(config, ['products', '--format', 'arrows']);
    expect(r.code).toBe(0);
    expect(readWithPolars('arrows', r.stdout).height).toBe(expected.n);
    expect(r.stderr).toMatch(/rows/);
    const producers = await otopExport(config, ['producers', '--format', 'csv']);
    const ids = readWithPolars('csv', producers.stdout).getColumn('thai_id').toArray() as string[];
    expect(ids.every((id) => id.startsWith('x-xxxx-xxxxx-'))).toBe(true);
  });

  it('scopes to the account named by --as, and writes --output files', async () => {
    const file = join(dir, 'p.parquet');
    const r = await otopExport(config, ['products', '--format', 'parquet', '--as', 'district3801', '--output', file]);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(0);
    const df = readWithPolars('parquet', readFileSync(file));
    expect(df.height).toBe(expected.d3801);
    expect(distinct(df, 'district_code')).toEqual(['3801']);
    const outside = await otopExport(config, ['products', '--format', 'csv', '--as', 'district3801', '--district', '3802']);
    expect(outside.code).toBe(1);
    // Not just "Not found": what was asked, and the areas the account can export.
    expect(outside.stderr).toMatch(/--district 3802 is not an area 'district3801' can export/);
    expect(outside.stderr).toMatch(/--province: 38\n  --district: 3801\n/);
    const province = await otopExport(config, ['products', '--format', 'csv', '--as', 'province38', '--district', '9999']);
    expect(province.stderr).toMatch(/--district: 3801, 3802, 3803, 3804, 3805, 3806, 3807, 3808\n/);
    const national = await otopExport(config, ['products', '--format', 'csv', '--province', '99']);
    expect(national.stderr).toMatch(/--province 99 is not an area a national export can export/);
    expect(national.stderr).toMatch(/--province: 38\b/);
    expect((await otopExport(config, ['products', '--format', 'csv', '--as', 'admin'])).code).toBe(1);
    expect((await otopExport(config, ['products', '--format', 'csv', '--as', 'nobody'])).code).toBe(1);
  });

  it('--partition-by writes a Hive-partitioned Parquet dataset that Polars reads back, and refuses a non-empty directory', async () => {
    const out = join(dir, 'registrations-dataset');
    const r = await otopExport(config, ['registrations', '--format', 'parquet', '--partition-by', 'fiscal_year,province_code', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/rows in 2 partitions/);
    const df = pl.scanParquet(join(out, '**', '*.parquet'), { hivePartitioning: true }).collectSync();
    const years = df.getColumn('fiscal_year').toArray() as number[];
    const counts = Object.fromEntries([...new Set(years)].map((y) => [String(y), years.filter((x) => x === y).length]));
    expect(counts).toEqual({ '2560': registrations.y2560, '2561': registrations.y2561 });
    expect(readFileSync(join(out, 'fiscal_year=2561', 'province_code=38', 'part-0.parquet')).subarray(0, 4).toString()).toBe('PAR1');
    const again = await otopExport(config, ['registrations', '--format', 'parquet', '--partition-by', 'province_code', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/is not empty/);
    const producersByYear = await otopExport(config, ['producers', '--format', 'parquet', '--partition-by', 'fiscal_year', '--out', join(dir, 'p')]);
    expect(producersByYear.code).toBe(2);
    expect(producersByYear.stderr).toMatch(/--partition-by takes province_code \(comma-separated\) for producers/);
    expect((await otopExport(config, ['products', '--format', 'csv', '--partition-by', 'province_code', '--out', join(dir, 'c')])).stderr)
      .toMatch(/use --format parquet/);
    expect((await otopExport(config, ['products', '--format', 'parquet', '--partition-by', 'province_code'])).stderr)
      .toMatch(/needs --out <directory>/);
  });

  it('refuses bad arguments, and binary output to a terminal', async () => {
    expect((await otopExport(config, ['products'])).code).toBe(2);
    expect((await otopExport(config, ['things', '--format', 'csv'])).code).toBe(2);
    expect((await otopExport(config, ['products', '--format', 'xlsx'])).code).toBe(2);
    expect((await otopExport(config, ['products', '--format', 'csv', '--category', 'toys'])).code).toBe(2);
    const tty = await otopExport(config, ['products', '--format', 'arrows'], true);
    expect(tty.code).toBe(2);
    expect(tty.stderr).toMatch(/terminal/);
    const invalid = await otopExport(config, ['progress', '--format', 'csv', '--category', 'food']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/category/);
  });
});
