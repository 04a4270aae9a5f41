import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { planExport } from '../../api/exports/plan-export.ts';
import { runPartitionedExport } from '../../api/exports/run-partitioned-export.ts';
import type { ExportDatasetName } from '../../api/exports/export-dataset-definition.ts';
import { producers, products, registrations } from '../../db/schema/index.ts';
import { queryRows } from '../../db/query-rows.ts';
import { normalizeKey } from '../../domain/normalize-text.ts';
import { makeThaiId } from '../../domain/thai-id.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { createExportFixture, exportBytes, pl, readWithPolars, type DataFrame, type ExportFixture } from './support/export-fixture.ts';

/** Every file under `dir`, relative, '/'-separated, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

/** Rows per partition as Polars reads the dataset with hive partitioning: "2561/38" → n. */
function polarsCounts(dir: string, by: string[]): Record<string, number> {
  const df = pl.scanParquet(join(dir, '**', '*.parquet'), { hivePartitioning: true }).collectSync();
  const grouped = df.groupBy(by).len();
  // The count column is 'len' in nodejs-polars 0.25, 'count' before: whichever is not a key.
  const n = grouped.columns.find((c) => !by.includes(c))!;
  const counts = grouped.toRecords() as Array<Record<string, unknown>>;
  return Object.fromEntries(counts.map((r) => [by.map((c) => String(r[c])).join('/'), Number(r[n])]));
}

async function sqlCounts(fx: ExportFixture, table: 'registrations' | 'products' | 'producers', by: string[]): Promise<Record<string, number>> {
  const rows = await queryRows<Record<string, unknown>>(
    fx.t.db,
    sql.raw(`select ${by.map((c) => `${c}::text as ${c}`).join(', ')}, count(*)::int as n from ${table} group by ${by.join(', ')}`),
  );
  return Object.fromEntries(rows.map((r) => [by.map((c) => String(r[c])).join('/'), Number(r.n)]));
}

describe(`partitioned Parquet datasets read back by Polars with hive partitioning (${TEST_ENGINE})`, () => {
  let fx: ExportFixture;
  const root = mkdtempSync(join(tmpdir(), 'otop-partitioned-'));
  const exportTo = async (dataset: ExportDatasetName, by: Array<'fiscal_year' | 'province_code'>) => {
    const dir = join(root, `${dataset}-${by.join('-')}`);
    const plan = await planExport(fx.t.db, { dataset, format: 'parquet', scope: {}, batchRows: 64, pageRows: 100 });
    return { dir, summary: await runPartitionedExport(fx.t.db, plan, by, dir) };
  };

  beforeAll(async () => {
    fx = await createExportFixture();
    // A second province with data (Nong Khai, FY2561): its files get other dictionaries than Bueng Kan's.
    const [p] = await fx.t.db.insert(producers).values({
      thaiId: makeThaiId('310100012345'), producerType: 'single-owner', name: 'ร้านผ้าทอหนองคาย', members: 1, villageNo: 3,
      subdistrictCode: '430101', districtCode: '4301', provinceCode: '43',
    }).returning();
    const [r] = await fx.t.db.insert(registrations).values({
      producerId: p!.id, fiscalYear: 2561, roundCode: '2561-Q1', districtCode: '4301', provinceCode: '43',
      registeredAt: new Date('2017-11-01T03:00:00Z'), producerType: 'single-owner', producerName: p!.name, members: 1,
      villageNo: 3, subdistrictCode: '430101',
    }).returning();
    await fx.t.db.insert(products).values({
      registrationId: r!.id, producerId: p!.id, fiscalYear: 2561, roundCode: '2561-Q1', districtCode: '4301', provinceCode: '43',
      name: 'ผ้าขาวม้า', nameKey: normalizeKey('ผ้าขาวม้า'), category: 'textile', standards: [], stars: null,
    });
  });
  afterAll(async () => {
    await fx.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('registrations by fiscal year and province: one stable file per partition, counts equal the database', async () => {
    const { dir, summary } = await exportTo('registrations', ['fiscal_year', 'province_code']);
    const expected = await sqlCounts(fx, 'registrations', ['fiscal_year', 'province_code']);
    expect(Object.keys(expected).sort()).toEqual(['2560/38', '2561/38', '2561/43']);
    // No temporary file left behind, nothing but the partitions' files.
    expect(filesUnder(dir)).toEqual(
      Object.keys(expected).sort().map((k) => `fiscal_year=${k.split('/')[0]}/province_code=${k.split('/')[1]}/part-0.parquet`),
    );
    expect(polarsCounts(dir, ['fiscal_year', 'province_code'])).toEqual(expected);
    expect(summary.rows).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
    // Each file read alone holds only its partition's rows, with the partition columns typed as in a single-file export.
    const alone = pl.readParquet(readFileSync(join(dir, 'fiscal_year=2561', 'province_code=43', 'part-0.parquet')));
    expect(alone.height).toBe(1);
    expect(alone.getColumn('province_name_th').toArray()).toEqual(['หนองคาย']);
    expect(String(alone.getColumn('fiscal_year').dtype)).toMatch(/Int16/);
  });

  it('products by province only, and producers (no fiscal year of their own) by province', async () => {
    const products = await exportTo('products', ['province_code']);
    expect(polarsCounts(products.dir, ['province_code'])).toEqual(await sqlCounts(fx, 'products', ['province_code']));
    const producers = await exportTo('producers', ['province_code']);
    expect(filesUnder(producers.dir)).toEqual(['province_code=38/part-0.parquet', 'province_code=43/part-0.parquet']);
    expect(polarsCounts(producers.dir, ['province_code'])).toEqual(await sqlCounts(fx, 'producers', ['province_code']));
  });

  it('progress by fiscal year and province: a row per district and round of each', async () => {
    const { dir } = await exportTo('progress', ['fiscal_year', 'province_code']);
    const expected = await queryRows<{ k: string; n: number }>(fx.t.db, sql`
      select r.fiscal_year::text || '/' || d.province_code as k, count(*)::int as n
      from fiscal_rounds r cross join districts d group by 1`);
    expect(polarsCounts(dir, ['fiscal_year', 'province_code'])).toEqual(Object.fromEntries(expected.map((e) => [e.k, Number(e.n)])));
  });

  it('one read cut where the partition changes: the files together hold exactly the single-file export, value for value', async () => {
    // Batches of 2 rows and PGlite pages of 3 make batches and pages straddle partitions.
    for (const dataset of ['products', 'registrations', 'producers'] as const) {
      const by: Array<'fiscal_year' | 'province_code'> = dataset === 'producers' ? ['province_code'] : ['fiscal_year', 'province_code'];
      const dir = join(root, `${dataset}-straddling`);
      const plan = await planExport(fx.t.db, { dataset, format: 'parquet', scope: {}, batchRows: 2, pageRows: 3 });
      const summary = await runPartitionedExport(fx.t.db, plan, by, dir);
      const key = `${dataset === 'producers' ? 'producer' : dataset === 'products' ? 'product' : 'registration'}_id`;
      const asText = (df: DataFrame) =>
        df.select(...df.columns.map((c) => (String(df.getColumn(c).dtype).startsWith('Categorical') ? pl.col(c).cast(pl.Utf8) : pl.col(c))))
          .sort(key).toRecords();
      const parts = summary.partitions.map((p) => {
        const df = pl.readParquet(readFileSync(join(dir, p.path)));
        // Each file holds only its partition, and its metadata names it.
        for (const c of by) expect(new Set(df.getColumn(c).cast(pl.Utf8).toArray())).toEqual(new Set([String(c === 'fiscal_year' ? p.fiscalYear : p.provinceCode)]));
        expect(df.height).toBe(p.rows);
        return df;
      });
      const single = readWithPolars('parquet', (await exportBytes(fx.t.db, { dataset, format: 'parquet', scope: {} })).bytes);
      expect(summary.rows).toBe(single.height);
      expect(asText(pl.concat(parts))).toEqual(asText(single));
    }
  });

  it('refuses a column the dataset has not, and a format other than Parquet', async () => {
    const plan = await planExport(fx.t.db, { dataset: 'producers', format: 'parquet', scope: {} });
    await expect(runPartitionedExport(fx.t.db, plan, ['fiscal_year'], join(root, 'x'))).rejects.toThrow(/partitioned by province_code/);
    const csv = await planExport(fx.t.db, { dataset: 'products', format: 'csv', scope: {} });
    await expect(runPartitionedExport(fx.t.db, csv, ['province_code'], join(root, 'y'))).rejects.toThrow(/Parquet/);
  });
});
