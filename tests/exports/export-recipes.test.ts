import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { TEST_ENGINE } from '../support/test-db.ts';
import { PRODUCT_CATEGORIES } from '../../domain/product-categories.ts';
import { createExportFixture, exportBytes, pl, readWithPolars, type ExportFixture } from './support/export-fixture.ts';

const DOC = readFileSync(new URL('../../docs/exports.md', import.meta.url), 'utf8');

// The reading recipes of docs/exports.md, run with nodejs-polars (the same Rust reader as Python's
// Polars; Python's `schema_overrides` is nodejs-polars' `dtypes`).
describe(`docs/exports.md recipes do what they say (${TEST_ENGINE})`, () => {
  let f: ExportFixture;
  beforeAll(async () => {
    f = await createExportFixture();
  });
  afterAll(async () => f.close());

  it('Polars CSV: infer_schema=False keeps text (try_parse_dates does nothing then); schema_overrides types the dates', async () => {
    expect(DOC).not.toMatch(/infer_schema=False, try_parse_dates=True/);
    expect(DOC).toMatch(/schema_overrides=\{"created_at": pl\.Datetime\("us", "UTC"\)/);
    expect(DOC).toMatch(/\{"registered_date": pl\.Date, "step1_end_date": pl\.Date\}/);
    const filter = { districtCode: '3802', fiscalYear: 2561 };
    const csv = (await exportBytes(f.t.db, { dataset: 'registrations', format: 'csv', scope: {}, filter })).bytes;
    const parquet = readWithPolars('parquet', (await exportBytes(f.t.db, { dataset: 'registrations', format: 'parquet', scope: {}, filter })).bytes);
    // The old recipe: dates stay text.
    const old = pl.readCSV(csv, { inferSchemaLength: 0, tryParseDates: true });
    expect(String(old.getColumn('registered_date').dtype)).toMatch(/String|Utf8/);
    // The documented one.
    const df = pl.readCSV(csv, {
      inferSchemaLength: 0,
      dtypes: { registered_date: pl.Date, step1_end_date: pl.Date, registered_at: pl.Datetime('us', 'UTC'), updated_at: pl.Datetime('us', 'UTC') },
    });
    expect(String(df.getColumn('registered_date').dtype)).toMatch(/Date/);
    expect(String(df.getColumn('registered_at').dtype)).toMatch(/Datetime/);
    expect(String(df.getColumn('district_code').dtype)).toMatch(/String|Utf8/);
    const iso = (xs: unknown[]) => xs.map((x) => (x instanceof Date ? x.toISOString() : x));
    expect(iso(df.getColumn('registered_date').toArray())).toEqual(iso(parquet.getColumn('registered_date').toArray()));
    expect(iso(df.getColumn('registered_at').toArray())).toEqual(iso(parquet.getColumn('registered_at').toArray()));
  });

  it('Arrow dictionaries are the code lists in code-list order; Parquet keeps the values, as the doc now says', async () => {
    expect(DOC).toMatch(/Parquet keeps the values, not that dictionary/);
    const request = { dataset: 'products' as const, scope: {}, filter: { provinceCode: '38' } };
    const arrow = tableFromIPC((await exportBytes(f.t.db, { ...request, format: 'arrow' })).bytes);
    const dictionary = arrow.getChild('category')!.data[0]!.dictionary!.toArray() as string[];
    expect(dictionary).toEqual(PRODUCT_CATEGORIES.map((c) => c.code));
    const parquet = readWithPolars('parquet', (await exportBytes(f.t.db, { ...request, format: 'parquet' })).bytes);
    expect(parquet.getColumn('category').cast(pl.Utf8).toArray()).toEqual(arrow.getChild('category')!.toArray());
  });

  it('DuckDB: no recipe needs an extension download for a local file (nanoarrow is named as the one that does)', () => {
    const duckdb = DOC.split('### DuckDB')[1]!.split('### R')[0]!;
    expect(duckdb).not.toMatch(/^INSTALL nanoarrow/m);
    expect(duckdb).toMatch(/fails without internet access, so for DuckDB export Parquet \(or CSV\)/);
  });
});
