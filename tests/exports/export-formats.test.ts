import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { TEST_ENGINE } from '../support/test-db.ts';
import { EXPORT_DATASETS, EXPORT_DATASET_NAMES } from '../../api/exports/export-datasets.ts';
import { EXPORT_FORMAT_NAMES, type ExportFormat } from '../../api/exports/export-formats.ts';
import type { ExportDatasetName } from '../../api/exports/export-dataset-definition.ts';
import { progress } from '../../api/queries/progress.ts';
import {
  createExportFixture, dtypes, exportBytes, pl, readWithPolars, sqlFigures, type DataFrame, type ExportFixture,
} from './support/export-fixture.ts';

const NOW = new Date('2018-07-01T05:00:00Z');

/** Polars' reading of each column kind (Arrow type → Polars dtype). */
const POLARS_DTYPE: Record<string, string> = {
  int64: 'Int64',
  int32: 'Int32',
  int16: 'Int16',
  int8: 'Int8',
  bool: 'Bool',
  date: 'Date',
  timestamp: 'Datetime(us,UTC)',
  text: 'String',
  'text-list': 'List(DataType(String))',
  code: 'Categorical',
  label: 'Categorical',
  'code-number': 'Int8',
};

/** Sum of a column whatever its type (CSV columns arrive as text). */
function sum(df: DataFrame, column: string): number {
  return Number(df.getColumn(column).cast(pl.Float64).sum() ?? 0);
}

function nulls(df: DataFrame, column: string): number {
  return df.getColumn(column).nullCount();
}

function countWhere(df: DataFrame, column: string, value: string): number {
  return df.getColumn(column).cast(pl.Utf8).toArray().filter((v) => v === value).length;
}

describe(`exports: every dataset in every format, read back by Polars (${TEST_ENGINE})`, () => {
  let f: ExportFixture;
  const expected = {} as Record<ExportDatasetName, Record<string, number>>;
  let progressTotals: { producers: number; late: number; renewed: number; products: number; cells: number };

  beforeAll(async () => {
    f = await createExportFixture();
    const db = f.t.db;
    expected.producers = await sqlFigures(db, sql`
      select count(*) as n, sum(id) as ids, sum(members) as members, count(*) filter (where members is null) as members_null,
             count(*) filter (where village_no is null) as village_null, count(*) filter (where producer_type = 'sme') as sme,
             count(*) filter (where thai_id like '0%') as juristic
      from producers`);
    expected.products = await sqlFigures(db, sql`
      select count(*) as n, sum(id) as ids, sum(stars) as stars, count(*) filter (where stars is null) as stars_null,
             sum(cardinality(standards)) as standards, count(*) filter (where category = 'food') as food,
             count(*) filter (where fiscal_year = 2561) as fy2561
      from products`);
    expected.registrations = await sqlFigures(db, sql`
      select count(*) as n, sum(id) as ids, (select count(*) from products) as products,
             count(*) filter (where round_code = '2561-Q1') as q1
      from registrations`);
    // Late and renewed counted independently of the export's SQL: by the progress query.
    progressTotals = { producers: 0, late: 0, renewed: 0, products: 0, cells: 0 };
    for (const fiscalYear of [2560, 2561]) {
      const p = await progress(db, { fiscalYear, detail: 'district' }, NOW);
      progressTotals.producers += p.total.producers;
      progressTotals.late += p.total.lateRegistrations;
      progressTotals.renewed += p.total.renewedProducers;
      progressTotals.products += p.total.products;
      progressTotals.cells += p.cells.length;
    }
  });
  afterAll(async () => f.close());

  const checks: Record<ExportDatasetName, (df: DataFrame, format: ExportFormat) => void> = {
    producers(df) {
      const e = expected.producers;
      expect(df.height).toBe(e.n);
      expect(sum(df, 'producer_id')).toBe(e.ids);
      expect(sum(df, 'members')).toBe(e.members);
      expect(nulls(df, 'members')).toBe(e.members_null);
      expect(nulls(df, 'village_no')).toBe(e.village_null);
      expect(countWhere(df, 'producer_type', 'sme')).toBe(e.sme);
      expect(countWhere(df, 'thai_id_kind', 'juristic')).toBe(e.juristic);
    },
    products(df, format) {
      const e = expected.products;
      expect(df.height).toBe(e.n);
      expect(sum(df, 'product_id')).toBe(e.ids);
      expect(sum(df, 'stars')).toBe(e.stars);
      expect(nulls(df, 'stars')).toBe(e.stars_null);
      expect(countWhere(df, 'category', 'food')).toBe(e.food);
      expect(countWhere(df, 'fiscal_year', '2561')).toBe(e.fy2561);
      if (format !== 'csv') expect(Number(df.getColumn('standards').list.lengths().sum())).toBe(e.standards);
    },
    registrations(df) {
      const e = expected.registrations;
      expect(df.height).toBe(e.n);
      expect(df.height).toBe(progressTotals.producers);
      expect(sum(df, 'registration_id')).toBe(e.ids);
      expect(sum(df, 'products')).toBe(e.products);
      expect(countWhere(df, 'on_time', 'false')).toBe(progressTotals.late);
      expect(countWhere(df, 'renewed', 'true')).toBe(progressTotals.renewed);
      expect(countWhere(df, 'round_code', '2561-Q1')).toBe(e.q1);
    },
    progress(df) {
      expect(df.height).toBe(progressTotals.cells);
      expect(sum(df, 'producers')).toBe(progressTotals.producers);
      expect(sum(df, 'late_registrations')).toBe(progressTotals.late);
      expect(sum(df, 'renewed_producers')).toBe(progressTotals.renewed);
      expect(sum(df, 'products')).toBe(progressTotals.products);
      expect(sum(df, 'products_food') + sum(df, 'products_beverage') + sum(df, 'products_textile') +
        sum(df, 'products_household') + sum(df, 'products_herbal')).toBe(progressTotals.products);
    },
  };

  for (const dataset of EXPORT_DATASET_NAMES) {
    for (const format of EXPORT_FORMAT_NAMES) {
      it(`${dataset}.${format}: row count, sums and types match SQL over the same scope`, async () => {
        const { bytes, summary } = await exportBytes(f.t.db, {
          dataset, format, scope: {}, now: NOW, batchRows: 128, pageRows: 200,
        });
        const df = readWithPolars(format, bytes);
        expect(summary.rows).toBe(df.height);
        checks[dataset](df, format);
        const columns = EXPORT_DATASETS[dataset].columns({ citizenIds: 'masked' });
        expect(df.columns).toEqual(columns.map((c) => c.name));
        if (format !== 'csv') {
          expect(dtypes(df)).toEqual(Object.fromEntries(columns.map((c) => [c.name, POLARS_DTYPE[c.kind]])));
        }
      });
    }
  }

  it('types the registrations columns as an analyst expects, without cleaning', async () => {
    const { bytes } = await exportBytes(f.t.db, { dataset: 'registrations', format: 'arrow', scope: {}, now: NOW });
    const t = dtypes(readWithPolars('arrow', bytes));
    expect(t).toMatchObject({
      registration_id: 'Int64',
      fiscal_year: 'Int16',
      quarter: 'Int8',
      round_code: 'Categorical',
      district_code: 'Categorical',
      district_name_th: 'Categorical',
      registered_at: 'Datetime(us,UTC)',
      registered_date: 'Date',
      on_time: 'Bool',
      renewed: 'Bool',
      products: 'Int32',
      district_state: 'Categorical',
    });
  });

  it('dates registrations by the Bangkok calendar and judges on_time by it (23:59:59 on the last day is on time)', async () => {
    const { bytes } = await exportBytes(f.t.db, { dataset: 'registrations', format: 'parquet', scope: {}, filter: { districtCode: '3802' }, now: NOW });
    const rows = readWithPolars('parquet', bytes).toRecords() as Record<string, unknown>[];
    const byId = new Map(rows.map((r) => [Number(r.registration_id), r]));
    const onTime = byId.get(f.edge.formulaRegistration)!;
    const late = byId.get(f.edge.markedRegistration)!;
    expect((onTime.registered_at as Date).toISOString()).toBe('2017-12-20T16:59:59.000Z');
    expect((onTime.registered_date as Date).toISOString().slice(0, 10)).toBe('2017-12-20');
    expect(onTime.on_time).toBe(true);
    expect((late.registered_date as Date).toISOString().slice(0, 10)).toBe('2017-12-21');
    expect(late.on_time).toBe(false);
    expect((late.step1_end_date as Date).toISOString().slice(0, 10)).toBe('2017-12-20');
    expect(late.quarter).toBe(1);
    expect(late.district_name_th).toBe('พรเจริญ');
  });

  it('carries nulls as nulls and lists as lists (a NULL standard inside a list stays null)', async () => {
    const { bytes } = await exportBytes(f.t.db, { dataset: 'products', format: 'arrows', scope: {}, filter: { districtCode: '3802', fiscalYear: 2561 } });
    const rows = readWithPolars('arrows', bytes).toRecords() as Record<string, unknown>[];
    const byName = new Map(rows.map((r) => [r.name as string, r]));
    expect(byName.get('-ยาดมสมุนไพร')).toMatchObject({ stars: null, standards: [], category: 'herbal', category_th: 'สมุนไพรที่ไม่ใช่อาหาร' });
    expect(byName.get('+ชาใบหม่อน')).toMatchObject({ stars: 3, standards: ['fda', null] });
    expect(byName.get('@ผ้าไหม "แพรวา", ลายโบราณ')).toMatchObject({ stars: 5, standards: ['mophor', 'ฮาลาล'] });
  });
});
