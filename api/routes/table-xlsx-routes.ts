import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../app-env.ts';
import { requireUser } from '../auth/require-user.ts';
import { writeTableXlsx } from '../exports/write-table-xlsx.ts';
import { authedProblems, newRouter, SECURITY } from '../http/openapi-common.ts';
import { perUserRateLimit, type PerUserRateLimit } from '../http/per-user-rate-limit.ts';
import { problem, type ProblemError } from '../http/problem.ts';
import { sanitizeFileName } from '../http/sanitize-file-name.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The bounds of one table: far above any table the dashboard shows, far below a memory problem. */
export const TABLE_LIMITS = { rows: 5_000, cells: 100_000, bodyBytes: 2 * 1024 * 1024, text: 1_000, columns: 100 } as const;

/**
 * Workbooks a user may ask for per minute: far above what a person clicking "Excel" makes, low
 * enough that a script posting 2 MB tables in a loop cannot keep the server writing workbooks.
 */
export const TABLES_PER_MINUTE = 30;

const n = (v: number) => v.toLocaleString('en');

function tooLarge(): ProblemError {
  return problem(
    413,
    'table-too-large',
    { en: 'The table is too large to download', th: 'ตารางมีขนาดใหญ่เกินกว่าจะดาวน์โหลดได้' },
    {
      detail: `A table may have at most ${n(TABLE_LIMITS.rows)} rows, ${n(TABLE_LIMITS.cells)} cells and ${n(TABLE_LIMITS.bodyBytes / 1024 / 1024)} MB; narrow it with the filters.`,
      detailTh: `ตารางหนึ่งมีได้ไม่เกิน ${n(TABLE_LIMITS.rows)} แถว ${n(TABLE_LIMITS.cells)} ช่อง และ ${n(TABLE_LIMITS.bodyBytes / 1024 / 1024)} MB กรุณาใช้ตัวกรองให้แคบลง`,
      limits: TABLE_LIMITS,
    },
  );
}

/** This route's own body limit (the app's 64 KB JSON limit exempts it), applied after the sign-in check. */
function tableBodyLimit(): MiddlewareHandler<AppEnv> {
  return bodyLimit({ maxSize: TABLE_LIMITS.bodyBytes, onError: () => { throw tooLarge(); } });
}

/**
 * The per-user limit, before the body is read: a refused request costs no parsing. Nothing
 * durable records a workbook, so each API process counts its own.
 */
function tableRateLimit(limit: PerUserRateLimit): MiddlewareHandler<AppEnv> {
  return async function tablesPerMinute(c, next) {
    await limit(c.get('user').id, c.get('deps').now(), next);
  };
}

const CellSchema = z.union([z.string().max(TABLE_LIMITS.text), z.number().finite(), z.null()]);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export const TableBodySchema = z
  .object({
    title: z.string().min(1).max(200),
    columns: z
      .array(z.object({ label: z.string().min(1).max(TABLE_LIMITS.text), kind: z.enum(['text', 'integer', 'percent', 'date']) }))
      .min(1)
      .max(TABLE_LIMITS.columns),
    rows: z.array(z.array(CellSchema)),
  })
  .superRefine((body, ctx) => {
    // Each cell must fit its column: numbers in number columns, ISO days in date columns. Only
    // the first few wrong cells are named, so a wholly wrong table does not answer megabytes.
    let wrong = 0;
    body.rows.forEach((row, ri) => {
      if (wrong >= 20) return;
      if (row.length !== body.columns.length) {
        wrong++;
        ctx.addIssue({ code: 'custom', path: ['rows', ri], message: `has ${row.length} cells for ${body.columns.length} columns` });
        return;
      }
      body.columns.forEach((c, ci) => {
        const v = row[ci] ?? null;
        if (v === null || wrong >= 20) return;
        const ok = c.kind === 'text' ? true : c.kind === 'date' ? typeof v === 'string' && ISO_DAY.test(v) && !Number.isNaN(Date.parse(v)) : typeof v === 'number';
        if (!ok) {
          wrong++;
          ctx.addIssue({ code: 'custom', path: ['rows', ri, ci], message: c.kind === 'date' ? 'must be a day as YYYY-MM-DD' : 'must be a number' });
        }
      });
    });
  })
  .openapi('TableXlsxBody');

const tablesXlsx = (limit: PerUserRateLimit) => createRoute({
  method: 'post',
  path: '/tables.xlsx',
  tags: ['data'],
  summary: 'Any table shown on screen as an Excel workbook (columns and rows as posted)',
  description: `For tables the dashboard computes (attention lists, chart tables, the progress matrix): Thai headers in bold, integers #,##0, percents 0.0%, dates in the Buddhist Era. Every cell is written as a value, never a formula. At most ${n(TABLE_LIMITS.rows)} rows, ${n(TABLE_LIMITS.cells)} cells, ${n(TABLE_LIMITS.text)} characters a cell and 2 MB (413 beyond); at most ${TABLES_PER_MINUTE} workbooks a minute per user (429 beyond, with Retry-After).`,
  security: SECURITY,
  middleware: [requireUser(), tableRateLimit(limit), tableBodyLimit()],
  request: { body: { required: true, content: { 'application/json': { schema: TableBodySchema } } } },
  responses: {
    200: { description: 'XLSX workbook', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } },
    ...authedProblems(413, 429),
  },
});

export function tableXlsxRoutes() {
  const limit = perUserRateLimit(TABLES_PER_MINUTE, {
    type: 'too-many-tables',
    title: { en: 'Too many table downloads', th: 'ดาวน์โหลดตารางบ่อยเกินไป' },
    detail: (perMinute, seconds) => ({
      en: `At most ${perMinute} tables a minute per user can be downloaded as Excel; try again in ${seconds} s.`,
      th: `ดาวน์โหลดตารางเป็น Excel ได้ไม่เกิน ${perMinute} ตารางต่อนาทีต่อผู้ใช้ กรุณาลองใหม่ในอีก ${seconds} วินาที`,
    }),
  });
  return newRouter().openapi(tablesXlsx(limit), async (c) => {
    const table = c.req.valid('json');
    const cells = table.rows.length * table.columns.length;
    if (table.rows.length > TABLE_LIMITS.rows || cells > TABLE_LIMITS.cells) throw tooLarge();
    const bytes = await writeTableXlsx(table);
    const name = `${sanitizeFileName(table.title.replace(/[\\/]/g, ' ')) || 'table'}.xlsx`;
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: {
        'content-type': XLSX,
        // RFC 6266: an ASCII fallback and the Thai name in UTF-8.
        'content-disposition': `attachment; filename="table.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    }) as never;
  });
}
