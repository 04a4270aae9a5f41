import type { Db } from '../../db/create-db.ts';
import { CATEGORY_CODES } from '../../domain/product-categories.ts';
import { MAX_ROUND_FISCAL_YEAR, MIN_ROUND_FISCAL_YEAR } from '../../domain/fiscal-year.ts';
import { DomainError, fieldIssue, type RequestIssue } from '../domain-error.ts';
import { exportArea } from './export-area.ts';
import type { ExportArea } from './export-code-lists.ts';
import type { CitizenIdMode, ExportDatasetDefinition, ExportDatasetName, ExportFilter } from './export-dataset-definition.ts';
import { EXPORT_DATASETS } from './export-datasets.ts';
import { EXPORT_FORMATS, type ExportFormat } from './export-formats.ts';

export interface ExportRequest {
  dataset: ExportDatasetName;
  format: ExportFormat;
  /** What the caller asked for: fiscal year, province, district, category. */
  filter?: ExportFilter;
  /** The caller's scope ({} = national; a district scope names its province too). */
  scope: ExportArea;
  /** Default 'masked'. */
  citizenIds?: CitizenIdMode;
  /** Export time (metadata, and the progress dataset's "now"). */
  now?: Date;
  /** Rows per Arrow record batch (default 16 384; Parquet 4 096). */
  batchRows?: number;
  /** PGlite: rows per keyset page (default 50 000). */
  pageRows?: number;
}

export interface ExportPlan {
  dataset: ExportDatasetDefinition;
  format: ExportFormat;
  scope: ExportArea;
  area: ExportArea;
  /** The filter as applied: the area's codes plus fiscal year and category. */
  filter: ExportFilter;
  citizenIds: CitizenIdMode;
  now: Date;
  batchRows: number;
  pageRows: number | undefined;
  fileName: string;
  contentType: string;
}

/**
 * Rows per record batch: large enough that per-batch costs vanish, small enough that a batch
 * (a few MB of products) is all the export holds — measured in bench/export: at 16 Ki rows an
 * export's peak memory equals that of the bare COPY, at 64 Ki it is ~20 MB more, same speed.
 */
export const DEFAULT_BATCH_ROWS = 16_384;

/**
 * Rows per record batch of a Parquet export: each batch crosses into parquet-wasm as its own IPC
 * copy, and what the process peaks at is mostly the batches and copies the garbage collector has
 * not freed yet; the row groups (65 536 rows) are built inside the writer whatever the batch size.
 * Measured on a million products partitioned (bench/RESULTS.md, "Partitioned Parquet export"), on a
 * loaded machine: median peak 197 MB over 5 runs at 4 096, 210 MB over 8 runs at 16 384; single
 * runs still vary by ±20 MB either way.
 */
export const PARQUET_BATCH_ROWS = 4_096;

/**
 * Everything about an export that can be refused, decided before a byte is sent: the dataset
 * and format, filter values (422 with issues), the area within the caller's scope (404), the
 * file name. Streaming starts only after this.
 */
export async function planExport(db: Db, request: ExportRequest): Promise<ExportPlan> {
  const dataset = EXPORT_DATASETS[request.dataset];
  const format = EXPORT_FORMATS[request.format];
  if (!dataset || !format) throw DomainError.notFound();
  const filter = request.filter ?? {};
  const issues: RequestIssue[] = [];
  if (
    filter.fiscalYear !== undefined &&
    (!Number.isInteger(filter.fiscalYear) || filter.fiscalYear < MIN_ROUND_FISCAL_YEAR || filter.fiscalYear > MAX_ROUND_FISCAL_YEAR)
  ) {
    issues.push(fieldIssue('fy', 'invalid-value', {
      en: `The fiscal year must be a Buddhist-Era year between ${MIN_ROUND_FISCAL_YEAR} and ${MAX_ROUND_FISCAL_YEAR}`,
      th: `ปีงบประมาณต้องเป็นปี พ.ศ. ระหว่าง ${MIN_ROUND_FISCAL_YEAR} ถึง ${MAX_ROUND_FISCAL_YEAR}`,
    }));
  }
  if (filter.category !== undefined) {
    if (!(CATEGORY_CODES as readonly string[]).includes(filter.category)) {
      issues.push(fieldIssue('category', 'invalid-value', {
        en: `Unknown category; one of ${CATEGORY_CODES.join(', ')}`,
        th: `ไม่รู้จักประเภทผลิตภัณฑ์นี้ ใช้ได้: ${CATEGORY_CODES.join(', ')}`,
      }));
    } else if (!dataset.filterMeaning.category) {
      issues.push(fieldIssue('category', 'invalid-value', {
        en: `The ${dataset.name} dataset cannot be filtered by category`,
        th: `ชุดข้อมูล ${dataset.name} กรองตามประเภทผลิตภัณฑ์ไม่ได้`,
      }));
    }
  }
  const batchRows = request.batchRows ?? (request.format === 'parquet' ? PARQUET_BATCH_ROWS : DEFAULT_BATCH_ROWS);
  if (!Number.isInteger(batchRows) || batchRows < 1 || batchRows > 1_048_576) throw new RangeError(`batchRows out of range: ${batchRows}`);
  if (issues.length > 0) throw DomainError.invalid(issues);

  const area = await exportArea(db, request.scope, { provinceCode: filter.provinceCode, districtCode: filter.districtCode });
  const applied: ExportFilter = {
    ...(filter.fiscalYear !== undefined ? { fiscalYear: filter.fiscalYear } : {}),
    ...(area.provinceCode ? { provinceCode: area.provinceCode } : {}),
    ...(area.districtCode ? { districtCode: area.districtCode } : {}),
    ...(filter.category ? { category: filter.category } : {}),
  };
  const parts = [
    'otop',
    dataset.name,
    ...(applied.fiscalYear !== undefined ? [String(applied.fiscalYear)] : []),
    applied.districtCode ?? applied.provinceCode ?? 'th',
    ...(applied.category ? [applied.category] : []),
  ];
  return {
    dataset,
    format: request.format,
    scope: request.scope,
    area,
    filter: applied,
    citizenIds: request.citizenIds ?? 'masked',
    now: request.now ?? new Date(),
    batchRows,
    pageRows: request.pageRows,
    fileName: `${parts.join('-')}.${format.extension}`,
    contentType: format.contentType,
  };
}
