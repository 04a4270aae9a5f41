import { createRequire } from 'node:module';
import type { RecordBatch, Schema } from 'apache-arrow';
import type { Db } from '../../db/create-db.ts';
import { arrowExportPlan, type ArrowExportPlan } from './arrow-export-plan.ts';
import { writeArrowIpc } from './write-arrow-ipc.ts';
import { BatchBuilder } from './batch-builder.ts';
import { byteSink, type ByteSink, type ExportTarget } from './byte-sink.ts';
import { copyBinaryBatches } from './copy-binary-batches.ts';
import { writeCsv } from './write-csv.ts';
import { datasetCopyQuery } from './dataset-copy-query.ts';
import { exportCodeLists } from './export-code-lists.ts';
import type { CodeListName } from './export-column.ts';
import type { ExportFormat } from './export-formats.ts';
import { withExportSession, type ExportSession } from './with-export-session.ts';
import type { ExportPlan } from './plan-export.ts';
import { rowBatches } from './row-batches.ts';

const pkg = createRequire(import.meta.url)('../../package.json') as { name: string; version: string };
export const PRODUCT_VERSION = `${pkg.name} ${pkg.version}`;
/** Bumped when a dataset's columns change incompatibly (docs/exports.md keeps the history). */
export const EXPORT_SCHEMA_VERSION = '1';

export interface ExportSummary {
  rows: number;
  batches: number;
  bytes: number;
  fileName: string;
  contentType: string;
}

type Writer = (batches: AsyncIterable<RecordBatch>, schema: Schema, sink: ByteSink) => Promise<void>;

const WRITERS: Record<ExportFormat, Writer> = {
  arrows: (b, s, sink) => writeArrowIpc(b, s, sink, 'stream'),
  arrow: (b, s, sink) => writeArrowIpc(b, s, sink, 'file'),
  // parquet-wasm (≈17 MB of WebAssembly) is loaded only by processes that write Parquet.
  parquet: async (b, s, sink) => (await import('./write-parquet.ts')).writeParquet(b, s, sink, { createdBy: PRODUCT_VERSION }),
  csv: writeCsv,
};

/** The schema metadata of an export's file (what it is, its filters and scope). */
export function metadataOf(plan: ExportPlan): Map<string, string> {
  const f = plan.filter;
  const metadata = new Map<string, string>([
    ['dataset', plan.dataset.name],
    [
      'filters',
      JSON.stringify({
        fiscal_year: f.fiscalYear ?? null,
        province_code: f.provinceCode ?? null,
        district_code: f.districtCode ?? null,
        category: f.category ?? null,
      }),
    ],
    ['scope', JSON.stringify({ province_code: plan.scope.provinceCode ?? null, district_code: plan.scope.districtCode ?? null })],
    ['exported_at', plan.now.toISOString()],
    ['product_version', PRODUCT_VERSION],
    ['schema_version', EXPORT_SCHEMA_VERSION],
    ['documentation', 'docs/exports.md'],
  ]);
  if (plan.dataset.name === 'producers') metadata.set('citizen_ids', plan.citizenIds);
  return metadata;
}

/**
 * A planned export's record batches of at most `plan.batchRows` rows, read in an open export
 * session with the code lists of the plan's area. SQL datasets come in key order, after the
 * read columns in `orderBy` when given; computed datasets (progress) in their own order.
 */
export async function exportBatches(
  db: Db,
  session: ExportSession,
  plan: ExportPlan,
  orderBy: readonly string[] = [],
): Promise<{ arrowPlan: ArrowExportPlan; batches: AsyncGenerator<RecordBatch> }> {
  const columns = plan.dataset.columns({ citizenIds: plan.citizenIds });
  const names = new Set<CodeListName>(columns.flatMap((c) => (c.kind === 'code' ? [c.codeList] : [])));
  const codeLists = await exportCodeLists(session, names, plan.area, plan.filter.fiscalYear);
  const arrowPlan = arrowExportPlan(columns, codeLists, metadataOf(plan));
  const batches =
    plan.dataset.source === 'sql'
      ? copyBinaryBatches(session.copy(datasetCopyQuery(plan.dataset, columns, plan.filter, orderBy)), arrowPlan, plan.batchRows)
      : rowBatches(plan.dataset.rows(db, session, plan.area, plan.filter, plan.now), arrowPlan, plan.batchRows);
  return { arrowPlan, batches };
}

/**
 * Writes one planned export into `sink` inside an open export session: code lists and rows
 * from that session, rows as record batches of at most `plan.batchRows`, each written as soon
 * as it is built. The caller closes or aborts the sink.
 */
async function writeExportInSession(
  db: Db,
  session: ExportSession,
  plan: ExportPlan,
  sink: ByteSink,
): Promise<{ rows: number; batches: number }> {
  let rows = 0;
  let batches = 0;
  const { arrowPlan, batches: source } = await exportBatches(db, session, plan);
  async function* counted(): AsyncGenerator<RecordBatch> {
    for await (const batch of source) {
      rows += batch.numRows;
      batches++;
      yield batch;
    }
    // Parquet takes its schema from the batches: an empty export still gets one (empty) batch.
    if (batches === 0 && plan.format === 'parquet') {
      batches++;
      yield new BatchBuilder(arrowPlan, 1).finish();
    }
  }
  await WRITERS[plan.format](counted(), arrowPlan.schema, sink);
  return { rows, batches };
}

/**
 * Streams a planned export into `target` from one read session (see writeExportInSession).
 * On failure the target is aborted (a broken download, never a short file that looks complete).
 */
export async function runExport(
  db: Db,
  plan: ExportPlan,
  target: ExportTarget,
  options: { end?: boolean } = {},
): Promise<ExportSummary> {
  const sink = byteSink(target, options);
  let counts = { rows: 0, batches: 0 };
  try {
    counts = await withExportSession(
      db,
      (session) => writeExportInSession(db, session, plan, sink),
      plan.pageRows !== undefined ? { pageRows: plan.pageRows } : {},
    );
    await sink.close();
  } catch (err) {
    await sink.abort(err);
    throw err;
  }
  return { ...counts, bytes: sink.bytes, fileName: plan.fileName, contentType: plan.contentType };
}
