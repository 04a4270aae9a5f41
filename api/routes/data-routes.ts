import { createRoute } from '@hono/zod-openapi';
import { maskThaiId } from '../../domain/thai-id.ts';
import { normalizeText } from '../../domain/normalize-text.ts';
import { requireRole, requireUser } from '../auth/require-user.ts';
import { scopedFilter, seesFullCitizenIds } from '../auth/scope.ts';
import { DATA_ROLES } from '../auth/session-user.ts';
import { authedProblems, newRouter, SECURITY } from '../http/openapi-common.ts';
import { auditPage } from '../queries/audit-page.ts';
import { producerPage } from '../queries/producer-page.ts';
import { productPage } from '../queries/product-page.ts';
import {
  AuditPageSchema,
  AuditQuerySchema,
  ProducerPageSchema,
  ProducerQuerySchema,
  ProductPageSchema,
  ProductQuerySchema,
} from '../schemas/data-schemas.ts';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });
const searchText = (q: string | undefined) => (q ? normalizeText(q).value || undefined : undefined);

const producers = createRoute({
  method: 'get',
  path: '/producers',
  tags: ['data'],
  summary: 'Producers in the caller’s scope: filter, sort, paginate',
  description:
    'Citizen IDs are shown in full to the officers of the producer’s own district and of its province (they verify them against documents); masked (x-xxxx-xxxxx-45-8) for the department and analysts. Asking for a province or district outside the scope answers 404.',
  security: SECURITY,
  middleware: [requireRole(...DATA_ROLES)],
  request: { query: ProducerQuerySchema },
  responses: { 200: { description: 'A page of producers', ...json(ProducerPageSchema) }, ...authedProblems(404) },
});

const products = createRoute({
  method: 'get',
  path: '/products',
  tags: ['data'],
  summary: 'Registered products in the caller’s scope: filter, sort, paginate',
  security: SECURITY,
  middleware: [requireRole(...DATA_ROLES)],
  request: { query: ProductQuerySchema },
  responses: { 200: { description: 'A page of products', ...json(ProductPageSchema) }, ...authedProblems(404) },
});

const audit = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['data'],
  summary: 'The audit trail in the caller’s scope, newest first',
  description:
    'District officers see their district’s rows and their province’s report/announce rows; province officers their province; the department and analysts everything of the workflow; administrators the account administration rows (user.*).',
  security: SECURITY,
  middleware: [requireUser()],
  request: { query: AuditQuerySchema },
  responses: { 200: { description: 'A page of audit rows', ...json(AuditPageSchema) }, ...authedProblems(404) },
});

export function dataRoutes() {
  return newRouter()
    .openapi(producers, async (c) => {
      const { db } = c.get('deps');
      const user = c.get('user');
      const q = c.req.valid('query');
      const scope = await scopedFilter(db, user, { provinceCode: q.province, districtCode: q.district });
      const page = await producerPage(
        db,
        {
          ...scope,
          subdistrictCode: q.subdistrict,
          fiscalYear: q.fy,
          roundCode: q.round,
          category: q.category,
          producerType: q.producerType,
          q: searchText(q.q),
        },
        { by: q.sort, order: q.order },
        { limit: q.limit, offset: q.offset },
      );
      return c.json(
        {
          ...page,
          items: page.items.map((p) => {
            const full = seesFullCitizenIds(user, p);
            return { ...p, thaiId: full ? p.thaiId : maskThaiId(p.thaiId), thaiIdMasked: !full };
          }),
        },
        200,
      );
    })
    .openapi(products, async (c) => {
      const { db } = c.get('deps');
      const user = c.get('user');
      const q = c.req.valid('query');
      const scope = await scopedFilter(db, user, { provinceCode: q.province, districtCode: q.district });
      const page = await productPage(
        db,
        {
          ...scope,
          subdistrictCode: q.subdistrict,
          fiscalYear: q.fy,
          roundCode: q.round,
          category: q.category,
          producerType: q.producerType,
          q: searchText(q.q),
        },
        { by: q.sort, order: q.order },
        { limit: q.limit, offset: q.offset },
      );
      return c.json(page, 200);
    })
    .openapi(audit, async (c) => {
      const { db } = c.get('deps');
      const user = c.get('user');
      const q = c.req.valid('query');
      const page = { limit: q.limit, offset: q.offset };
      if (user.role === 'admin') {
        return c.json(await auditPage(db, { view: 'accounts', roundCode: q.round, action: q.action, provinceCode: q.province, districtCode: q.district }, page), 200);
      }
      const scope = await scopedFilter(db, user, { provinceCode: q.province, districtCode: q.district });
      return c.json(
        await auditPage(
          db,
          {
            view: 'workflow',
            provinceCode: scope.provinceCode,
            districtCode: scope.districtCode,
            roundCode: q.round,
            action: q.action,
          },
          page,
        ),
        200,
      );
    });
}
