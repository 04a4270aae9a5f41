import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../../db/create-db.ts';
import { byteSink } from './byte-sink.ts';
import { datasetCopyQuery } from './dataset-copy-query.ts';
import type { ExportDatasetDefinition } from './export-dataset-definition.ts';
import type { ExportPlan } from './plan-export.ts';
import { writeExportInSession } from './run-export.ts';
import { withExportSession, type ExportSession } from './with-export-session.ts';

/** The columns a dataset can be partitioned by, in the order of the directory levels. */
export const PARTITION_COLUMNS = ['fiscal_year', 'province_code'] as const;
export type PartitionColumn = (typeof PARTITION_COLUMNS)[number];

/** The name of every partition's one file: stable, so a re-export replaces it file for file. */
export const PARTITION_FILE_NAME = 'part-0.parquet';

export interface PartitionSummary {
  /** Relative to the dataset directory, with '/' separators: fiscal_year=2561/province_code=38/part-0.parquet */
  path: string;
  fiscalYear?: number;
  provinceCode?: string;
  rows: number;
  bytes: number;
}

export interface PartitionedExportSummary {
  rows: number;
  bytes: number;
  partitions: PartitionSummary[];
}

/** The partition columns a dataset has (producers has no fiscal year: a producer spans years). */
export function partitionColumnsOf(dataset: ExportDatasetDefinition): PartitionColumn[] {
  const names = new Set(dataset.columns({ citizenIds: 'masked' }).map((c) => c.name));
  return PARTITION_COLUMNS.filter((c) => names.has(c));
}

interface PartitionKey {
  fiscal_year?: number;
  province_code?: string;
}

/** The partitions holding rows, in order: one SQL `select distinct` over the dataset's own filters. */
async function partitionKeys(session: ExportSession, plan: ExportPlan, by: readonly PartitionColumn[]): Promise<PartitionKey[]> {
  const dataset = plan.dataset;
  let rows: Array<{ fiscal_year: number | string | null; province_code: string | null }>;
  if (dataset.source === 'sql') {
    const columns = dataset.columns({ citizenIds: plan.citizenIds });
    const sqlOf = (name: PartitionColumn) => {
      const column = columns.find((c) => c.name === name);
      if (!column || !('sql' in column) || !column.sql) throw new Error(`${dataset.name} has no SQL column ${name}`);
      return column.sql;
    };
    const where = dataset.where(plan.filter);
    const select = `select distinct ${by.includes('fiscal_year') ? `(${sqlOf('fiscal_year')})::int` : 'null::int'} as fiscal_year, ` +
      `${by.includes('province_code') ? `(${sqlOf('province_code')})::text` : 'null::text'} as province_code ` +
      `from ${dataset.from} where ${where.length > 0 ? where.map((w) => `(${w})`).join(' and ') : 'true'} order by 1, 2`;
    rows = await session.selectRows(select, datasetCopyQuery(dataset, columns, plan.filter).params);
  } else {
    // Progress has a row for every district of the area and every round of the year.
    rows = await session.rows(
      `select distinct ${by.includes('fiscal_year') ? 'r.fiscal_year::int' : 'null::int'} as fiscal_year,
              ${by.includes('province_code') ? 'd.province_code::text' : 'null::text'} as province_code
       from fiscal_rounds r cross join districts d
       where ($1 = 0 or r.fiscal_year = $1) and ($2 = '' or d.province_code = $2) and ($3 = '' or d.code = $3)
       order by 1, 2`,
      [plan.filter.fiscalYear ?? 0, plan.area.provinceCode ?? '', plan.area.districtCode ?? ''],
    );
  }
  return rows.map((r) => ({
    ...(r.fiscal_year !== null ? { fiscal_year: Number(r.fiscal_year) } : {}),
    ...(r.province_code !== null ? { province_code: r.province_code } : {}),
  }));
}

/** True when `dir` does not exist or holds nothing: a dataset is never written over another's files. */
export async function isEmptyDirectory(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

/**
 * Writes a planned Parquet export as a Hive-partitioned dataset under `dir`:
 * `fiscal_year=2561/province_code=38/part-0.parquet`, one file per partition that holds rows,
 * the layout DuckDB (`hive_partitioning`), Polars (`hive_partitioning`) and pyarrow
 * (`partitioning="hive"`) read. The partition columns stay in the files too, with their types
 * and dictionaries, so a file read alone is complete. All partitions come from one read session
 * (one snapshot on PostgreSQL); they are written one after another, each streamed as the
 * single-file export is, so memory stays that of one partition's row group whatever the size.
 * Each file is written under a hidden temporary name and renamed when complete: a reader never
 * sees a short file. The caller checks that `dir` is empty (isEmptyDirectory).
 */
export async function runPartitionedExport(
  db: Db,
  plan: ExportPlan,
  by: readonly PartitionColumn[],
  dir: string,
): Promise<PartitionedExportSummary> {
  if (plan.format !== 'parquet') throw new Error('A partitioned export is written as Parquet');
  const available = partitionColumnsOf(plan.dataset);
  const unknown = by.filter((c) => !available.includes(c));
  if (by.length === 0 || unknown.length > 0) throw new Error(`${plan.dataset.name} can be partitioned by ${available.join(', ')}`);
  const order = PARTITION_COLUMNS.filter((c) => by.includes(c));
  await mkdir(dir, { recursive: true });
  return withExportSession(
    db,
    async (session) => {
      const partitions: PartitionSummary[] = [];
      for (const key of await partitionKeys(session, plan, order)) {
        const levels = order.map((c) => `${c}=${key[c]}`);
        const folder = join(dir, ...levels);
        await mkdir(folder, { recursive: true });
        const final = join(folder, PARTITION_FILE_NAME);
        const partial = join(folder, `.${PARTITION_FILE_NAME}.partial`);
        const part: ExportPlan = {
          ...plan,
          area: key.province_code !== undefined ? { ...plan.area, provinceCode: key.province_code } : plan.area,
          filter: {
            ...plan.filter,
            ...(key.fiscal_year !== undefined ? { fiscalYear: key.fiscal_year } : {}),
            ...(key.province_code !== undefined ? { provinceCode: key.province_code } : {}),
          },
          fileName: PARTITION_FILE_NAME,
        };
        const sink = byteSink(createWriteStream(partial));
        let counts;
        try {
          counts = await writeExportInSession(db, session, part, sink);
          await sink.close();
        } catch (err) {
          await sink.abort(err);
          await rm(partial, { force: true });
          throw err;
        }
        await rename(partial, final);
        partitions.push({
          path: [...levels, PARTITION_FILE_NAME].join('/'),
          ...(key.fiscal_year !== undefined ? { fiscalYear: key.fiscal_year } : {}),
          ...(key.province_code !== undefined ? { provinceCode: key.province_code } : {}),
          rows: counts.rows,
          bytes: sink.bytes,
        });
      }
      return {
        rows: partitions.reduce((n, p) => n + p.rows, 0),
        bytes: partitions.reduce((n, p) => n + p.bytes, 0),
        partitions,
      };
    },
    plan.pageRows !== undefined ? { pageRows: plan.pageRows } : {},
  );
}
