import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../../db/create-db.ts';
import { RecordBatch, Schema } from 'apache-arrow';
import { byteSink } from './byte-sink.ts';
import type { ExportDatasetDefinition } from './export-dataset-definition.ts';
import type { ExportPlan } from './plan-export.ts';
import { exportBatches, metadataOf, PRODUCT_VERSION } from './run-export.ts';
import { withExportSession } from './with-export-session.ts';

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

/** One partition's consecutive rows within a record batch. */
interface Segment {
  key: PartitionKey;
  /** The key as one comparable string. */
  id: string;
  batch: RecordBatch;
}

/**
 * Splits record batches, read grouped by partition, where the partition key changes: every
 * segment holds one partition's consecutive rows (a zero-copy slice when a batch spans two).
 */
async function* partitionSegments(batches: AsyncIterable<RecordBatch>, by: readonly PartitionColumn[]): AsyncGenerator<Segment> {
  for await (const batch of batches) {
    const vectors = by.map((c) => batch.getChild(c)!);
    const keyAt = (row: number): unknown[] =>
      vectors.map((v, i) => {
        const value = v.get(row) as unknown;
        if (value === null || value === undefined) throw new Error(`A row has no ${by[i]}: it cannot be partitioned`);
        return value;
      });
    const segment = (values: unknown[], from: number, to: number): Segment => ({
      key: Object.fromEntries(by.map((c, i) => [c, values[i]])) as PartitionKey,
      id: values.join('\u0000'),
      batch: from === 0 && to === batch.numRows ? batch : batch.slice(from, to),
    });
    let from = 0;
    let values = batch.numRows > 0 ? keyAt(0) : [];
    for (let row = 1; row < batch.numRows; row++) {
      const next = keyAt(row);
      if (next.every((v, i) => v === values[i])) continue;
      yield segment(values, from, row);
      from = row;
      values = next;
    }
    if (batch.numRows > from) yield segment(values, from, batch.numRows);
  }
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
 * (`partitioning="hive"`) read. The partition columns stay in the files too, with their types,
 * so a file read alone is complete; each file's metadata names its partition in `filters`.
 * One read (one snapshot on PostgreSQL), ordered by the partition columns, is cut into files as
 * the key changes: only the current partition's batches and its Parquet row group are in memory,
 * whatever the size. Each file is written under a hidden temporary name and renamed when
 * complete: a reader never sees a short file. The caller checks that `dir` is empty
 * (isEmptyDirectory).
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
  const { writeParquet } = await import('./write-parquet.ts');
  return withExportSession(
    db,
    async (session) => {
      const { arrowPlan, batches } = await exportBatches(db, session, plan, order);
      const segments = partitionSegments(batches, order);
      const partitions: PartitionSummary[] = [];
      const written = new Set<string>();
      try {
        let pending = await segments.next();
        while (!pending.done) {
          const { key, id } = pending.value;
          // SQL datasets are read in partition order; progress comes per year, districts in code order.
          if (written.has(id)) throw new Error(`${plan.dataset.name}: rows of partition ${order.map((c) => `${c}=${key[c]}`).join('/')} are not together`);
          written.add(id);
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
          const schema = new Schema(arrowPlan.schema.fields, metadataOf(part));
          let rows = 0;
          // This partition's segments, each under its own schema (the metadata names the partition);
          // the first segment of the next partition stays in `pending`.
          async function* partBatches(): AsyncGenerator<RecordBatch> {
            for (;;) {
              const segment = pending.value as Segment;
              rows += segment.batch.numRows;
              yield new RecordBatch(schema, segment.batch.data);
              pending = await segments.next();
              if (pending.done || pending.value.id !== id) return;
            }
          }
          const sink = byteSink(createWriteStream(partial));
          try {
            await writeParquet(partBatches(), schema, sink, { createdBy: PRODUCT_VERSION });
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
            rows,
            bytes: sink.bytes,
          });
        }
      } finally {
        await segments.return(undefined);
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
