import { createRoute, z } from '@hono/zod-openapi';
import { producerTypeLabel } from '../../domain/producer-types.ts';
import { categoryLabel } from '../../domain/product-categories.ts';
import { standardLabel } from '../../domain/product-standards.ts';
import { maskThaiId } from '../../domain/thai-id.ts';
import { normalizeText } from '../../domain/normalize-text.ts';
import { requireRole } from '../auth/require-user.ts';
import { scopedFilter, seesFullCitizenIds } from '../auth/scope.ts';
import { DATA_ROLES } from '../auth/session-user.ts';
import { writeListingXlsx, type ListingCell, type ListingColumn } from '../exports/write-listing-xlsx.ts';
import { authedProblems, newRouter, SECURITY } from '../http/openapi-common.ts';
import { producerPage } from '../queries/producer-page.ts';
import { productPage } from '../queries/product-page.ts';
import { ProducerQuerySchema, ProductQuerySchema } from '../schemas/data-schemas.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A download holds at most this many rows (the listing's filter narrows it). */
const MAX_ROWS = 20_000;
const BATCH = 1_000;
const binary = { content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } };
const searchText = (q: string | undefined) => (q ? normalizeText(q).value || undefined : undefined);
// A Bangkok calendar day as a date cell (Excel has no time zones: midnight UTC of that day).
const bangkokDay = (iso: string | null) => (iso ? new Date(`${new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString().slice(0, 10)}T00:00:00Z`) : null);

const producersXlsx = createRoute({
  method: 'get',
  path: '/producers.xlsx',
  tags: ['data'],
  summary: 'The producer listing as an Excel workbook (same filters and sort as GET /producers)',
  description: `Thai headers, BE dates, thousands separators; citizen IDs masked as in the listing. At most ${MAX_ROWS.toLocaleString('en')} rows; limit and offset are ignored.`,
  security: SECURITY,
  middleware: [requireRole(...DATA_ROLES)],
  request: { query: ProducerQuerySchema },
  responses: { 200: { description: 'XLSX workbook', ...binary }, ...authedProblems(404) },
});

const productsXlsx = createRoute({
  method: 'get',
  path: '/products.xlsx',
  tags: ['data'],
  summary: 'The product listing as an Excel workbook (same filters and sort as GET /products)',
  description: `Thai headers and category names, thousands separators. At most ${MAX_ROWS.toLocaleString('en')} rows; limit and offset are ignored.`,
  security: SECURITY,
  middleware: [requireRole(...DATA_ROLES)],
  request: { query: ProductQuerySchema },
  responses: { 200: { description: 'XLSX workbook', ...binary }, ...authedProblems(404) },
});

/** Reads every page of a listing (the same read the screen pages through), up to MAX_ROWS. */
async function allPages<T>(read: (page: { limit: number; offset: number }) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; offset < MAX_ROWS; offset += BATCH) {
    const page = await read({ limit: Math.min(BATCH, MAX_ROWS - offset), offset });
    out.push(...page.items);
    if (page.items.length === 0 || out.length >= page.total) break;
  }
  return out;
}

const download = (bytes: Uint8Array, name: string) =>
  new Response(bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      'content-type': XLSX,
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });

export function listingXlsxRoutes() {
  return newRouter()
    .openapi(producersXlsx, async (c) => {
      const { db } = c.get('deps');
      const user = c.get('user');
      const q = c.req.valid('query');
      const scope = await scopedFilter(db, user, { provinceCode: q.province, districtCode: q.district });
      const filter = { ...scope, subdistrictCode: q.subdistrict, fiscalYear: q.fy, roundCode: q.round, category: q.category, producerType: q.producerType, q: searchText(q.q) };
      const items = await allPages((page) => producerPage(db, filter, { by: q.sort, order: q.order }, page));
      const columns: ListingColumn[] = [
        { header: 'ชื่อผู้ผลิต', kind: 'text', width: 36 },
        { header: 'เลขประจำตัวประชาชน', kind: 'text', width: 20 },
        { header: 'ประเภทผู้ผลิต', kind: 'text', width: 30 },
        { header: 'ตำบล', kind: 'text', width: 16 },
        { header: 'อำเภอ', kind: 'text', width: 16 },
        { header: 'จำนวนสมาชิก', kind: 'integer' },
        { header: 'วันที่ลงทะเบียน', kind: 'date' },
      ];
      const rows: ListingCell[][] = items.map((p) => [
        p.name,
        seesFullCitizenIds(user, p) ? p.thaiId : maskThaiId(p.thaiId),
        producerTypeLabel(p.producerType, 'th'),
        p.subdistrictNameTh,
        p.districtNameTh,
        p.members,
        bangkokDay(p.registeredAt),
      ]);
      return download(await writeListingXlsx('ผู้ผลิต', columns, rows), `producers${q.fy ? `-${q.fy}` : ''}.xlsx`) as never;
    })
    .openapi(productsXlsx, async (c) => {
      const { db } = c.get('deps');
      const user = c.get('user');
      const q = c.req.valid('query');
      const scope = await scopedFilter(db, user, { provinceCode: q.province, districtCode: q.district });
      const filter = { ...scope, subdistrictCode: q.subdistrict, fiscalYear: q.fy, roundCode: q.round, category: q.category, producerType: q.producerType, q: searchText(q.q) };
      const items = await allPages((page) => productPage(db, filter, { by: q.sort, order: q.order }, page));
      const columns: ListingColumn[] = [
        { header: 'ชื่อผลิตภัณฑ์', kind: 'text', width: 36 },
        { header: 'ประเภทผลิตภัณฑ์', kind: 'text', width: 28 },
        { header: 'มาตรฐาน', kind: 'text', width: 24 },
        { header: 'ระดับดาว', kind: 'integer' },
        { header: 'ผู้ผลิต', kind: 'text', width: 36 },
        { header: 'ตำบล', kind: 'text', width: 16 },
        { header: 'อำเภอ', kind: 'text', width: 16 },
        { header: 'ปีงบประมาณ', kind: 'text' },
      ];
      const rows: ListingCell[][] = items.map((p) => [
        p.name,
        categoryLabel(p.category, 'th'),
        p.standards.map((code) => standardLabel(code, 'th')).join(', '),
        p.stars,
        p.producerName,
        p.subdistrictNameTh,
        p.districtNameTh,
        String(p.fiscalYear),
      ]);
      return download(await writeListingXlsx('ผลิตภัณฑ์', columns, rows), `products${q.fy ? `-${q.fy}` : ''}.xlsx`) as never;
    });
}
