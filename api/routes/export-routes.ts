import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createRoute, z } from '@hono/zod-openapi';
import { CATEGORY_CODES } from '../../domain/product-categories.ts';
import { citizenIdVisibility } from '../auth/citizen-id-visibility.ts';
import { requireRole } from '../auth/require-user.ts';
import { scopeFilter } from '../auth/scope.ts';
import { DATA_ROLES } from '../auth/session-user.ts';
import { DestinationClosedError } from '../exports/byte-sink.ts';
import { createExportFileCache, type CachedExportFile, type ExportFileCacheOptions } from '../exports/export-file-cache.ts';
import { byteRange } from '../http/byte-range.ts';
import { exportDataVersion } from '../queries/export-data-version.ts';
import type { ExportDatasetName } from '../exports/export-dataset-definition.ts';
import { EXPORT_DATASET_NAMES } from '../exports/export-datasets.ts';
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, type ExportFormat } from '../exports/export-formats.ts';
import { planExport } from '../exports/plan-export.ts';
import { runExport } from '../exports/run-export.ts';
import { logInternalError } from '../http/log-internal-error.ts';
import { authedProblems, DistrictCode, FiscalYear, newRouter, ProblemSchema, ProvinceCode, SECURITY } from '../http/openapi-common.ts';
import { problem } from '../http/problem.ts';
import { notFound } from '../http/standard-problems.ts';

/**
 * Exports streaming at once per server process. Each holds a database connection (and a
 * read-only transaction) for as long as its client takes to download, so a few slow national
 * downloads must not take the pool the rest of the API needs.
 */
export const MAX_CONCURRENT_EXPORTS = 3;

const FILES = EXPORT_DATASET_NAMES.flatMap((d) => EXPORT_FORMAT_NAMES.map((f) => `${d}.${f}`));

const exportRoute = createRoute({
  method: 'get',
  path: '/exports/{file}',
  tags: ['exports'],
  summary: 'A dataset for analysts, streamed: Arrow IPC stream or file, Parquet, or CSV, in the caller’s scope',
  description:
    'Datasets: producers, products, registrations (producer × fiscal year, with timeliness and workflow state), progress ' +
    '(district × round, the progress API’s figures). Formats: .arrows (application/vnd.apache.arrow.stream), .arrow ' +
    '(application/vnd.apache.arrow.file), .parquet, .csv (UTF-8 with BOM, formula-like cells neutralised). Codes and labels ' +
    'are dictionary-encoded, dates Date32, instants UTC timestamps (µs); the schema metadata names the dataset, filters, ' +
    'export time and product version. Analysts and the department get the nation, a province officer the province, a ' +
    'district officer the district; a province or district outside the scope answers 404. Citizen IDs are masked except ' +
    'for the district and province officers who keyed and verify them. Columns: docs/exports.md.',
  security: SECURITY,
  middleware: [requireRole(...DATA_ROLES)],
  request: {
    params: z.object({
      file: z.string().openapi({ description: `<dataset>.<format>: ${FILES.join(', ')}`, example: 'products.arrows' }),
    }),
    query: z.object({
      fy: FiscalYear.optional().openapi({ description: 'Buddhist-Era fiscal year (default: every year)' }),
      province: ProvinceCode.optional().openapi({ description: 'Narrow to a province in the caller’s scope (404 outside it)' }),
      district: DistrictCode.optional().openapi({ description: 'Narrow to a district in the caller’s scope (404 outside it)' }),
      category: z.enum(CATEGORY_CODES).optional().openapi({ description: 'Product category (products, and producers/registrations having such a product; not progress)' }),
    }),
  },
  responses: {
    200: {
      description: 'The dataset, streamed (Content-Disposition names the file)',
      content: Object.fromEntries(
        Object.values(EXPORT_FORMATS).map((f) => [f.contentType, { schema: { type: 'string' as const, format: 'binary' } }]),
      ),
    },
    206: {
      description: 'Parquet only: the byte range asked for (`Range: bytes=…`, one range; several get the whole file)',
      content: { [EXPORT_FORMATS.parquet.contentType]: { schema: { type: 'string' as const, format: 'binary' } } },
    },
    304: { description: 'Parquet only: If-None-Match names the current ETag' },
    416: { description: 'Parquet only: the range is malformed or starts past the end (Content-Range: bytes */size)' },
    ...authedProblems(404),
    429: {
      description: `${MAX_CONCURRENT_EXPORTS} exports are already streaming from this server (Retry-After header)`,
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
  },
});

function parseFile(file: string): { dataset: ExportDatasetName; format: ExportFormat } | null {
  const dot = file.lastIndexOf('.');
  const dataset = file.slice(0, dot) as ExportDatasetName;
  const format = file.slice(dot + 1) as ExportFormat;
  return EXPORT_DATASET_NAMES.includes(dataset) && EXPORT_FORMAT_NAMES.includes(format) ? { dataset, format } : null;
}

/**
 * GET /api/exports/{dataset}.{format}. Arrow and CSV stream as they are read. Parquet — a file
 * readers open at its footer and read by row group — is produced once into a file served with
 * its length, `Accept-Ranges: bytes` and a strong ETag (the hash of its bytes), and answers
 * `Range` requests from that file, so DuckDB's httpfs, Polars or fsspec can query the URL itself.
 * The file is reused for the same export (dataset, area, filters, citizen-ID mode) while the data
 * version is unchanged, for at most `parquetCache.ttlMs` (10 minutes).
 */
export function exportRoutes(options: { parquetCache?: ExportFileCacheOptions } = {}) {
  let running = 0;
  const parquetFiles = createExportFileCache(options.parquetCache);
  const tooMany = () =>
    problem(
      429,
      'too-many-exports',
      { en: 'Too many exports are running; try again in a minute', th: 'มีการส่งออกข้อมูลพร้อมกันมากเกินไป กรุณาลองใหม่ในอีกสักครู่' },
      {},
      { 'retry-after': '30' },
    );
  return newRouter().openapi(exportRoute, async (c) => {
    // Planning (scope and area lookups) and streaming read the same handle: the replica when
    // READ_DATABASE_URL is set, so a long national download holds a replica connection, not one
    // of the primary's.
    const { readDb, now } = c.get('deps');
    const user = c.get('user');
    const requested = parseFile(c.req.valid('param').file);
    if (!requested) throw notFound();
    const q = c.req.valid('query');
    // Everything that can be refused (422, 404) is decided here, before the first byte.
    const plan = await planExport(readDb, {
      ...requested,
      filter: {
        ...(q.fy !== undefined ? { fiscalYear: q.fy } : {}),
        ...(q.province !== undefined ? { provinceCode: q.province } : {}),
        ...(q.district !== undefined ? { districtCode: q.district } : {}),
        ...(q.category !== undefined ? { category: q.category } : {}),
      },
      scope: scopeFilter(user),
      citizenIds: citizenIdVisibility(user),
      now: now(),
    });
    if (plan.format === 'parquet') {
      const key = JSON.stringify([plan.dataset.name, plan.area, plan.filter, plan.citizenIds,
        await exportDataVersion(readDb, { producers: plan.dataset.name === 'producers' })]);
      const produce = async (target: NodeJS.WritableStream) => {
        if (running >= MAX_CONCURRENT_EXPORTS) throw tooMany();
        running++;
        try {
          await runExport(readDb, plan, target);
        } finally {
          running--;
        }
      };
      let file: CachedExportFile = await parquetFiles.get(key, produce);
      let handle = await open(file.path).catch(() => null);
      if (!handle) {
        // Dropped from the cache between the lookup and here: produce it again, once.
        file = await parquetFiles.get(key, produce);
        handle = await open(file.path);
      }
      const headers: Record<string, string> = {
        'content-type': plan.contentType,
        'content-disposition': `attachment; filename="${plan.fileName}"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
        'accept-ranges': 'bytes',
        etag: file.etag,
      };
      const ifNoneMatch = c.req.header('if-none-match');
      if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((t) => t.trim() === file.etag || t.trim() === '*')) {
        await handle.close();
        return c.body(null, 304, { etag: file.etag, 'cache-control': headers['cache-control']! });
      }
      const ifRange = c.req.header('if-range');
      const asked = ifRange !== undefined && ifRange !== file.etag ? ({ kind: 'whole' } as const) : byteRange(c.req.header('range'), file.size);
      if (asked.kind === 'unsatisfiable') {
        await handle.close();
        return c.body(null, 416, { ...headers, 'content-range': `bytes */${file.size}` });
      }
      const { start, end } = asked.kind === 'range' ? asked.range : { start: 0, end: file.size - 1 };
      if (asked.kind === 'range') headers['content-range'] = `bytes ${start}-${end}/${file.size}`;
      headers['content-length'] = String(end - start + 1);
      const status = asked.kind === 'range' ? 206 : 200;
      if (c.req.method === 'HEAD') {
        await handle.close();
        return c.body(null, status, headers);
      }
      const body = Readable.toWeb(handle.createReadStream({ start, end, autoClose: true })) as ReadableStream<Uint8Array>;
      return c.body(body, status, headers);
    }
    if (running >= MAX_CONCURRENT_EXPORTS) throw tooMany();
    // Lock-step: the export writes a chunk only when the client has taken the previous one.
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const signal = c.req.raw.signal;
    running++;
    runExport(readDb, plan, writable)
      .catch((err: unknown) => {
        // A client that goes away ends the export; anything else is ours to look at. Either way
        // the response is cut off (no clean end), so a reader never takes a partial file as whole.
        if (!signal.aborted && !(err instanceof DestinationClosedError)) logInternalError(c.req.method, c.req.path, err);
      })
      .finally(() => {
        running--;
      });
    return c.body(readable, 200, {
      'content-type': plan.contentType,
      'content-disposition': `attachment; filename="${plan.fileName}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
  });
}
