import { createRoute } from '@hono/zod-openapi';
import { requireRole } from '../auth/require-user.ts';
import { assertProvinceInScope } from '../auth/scope.ts';
import { authedProblems, newRouter, SECURITY } from '../http/openapi-common.ts';
import { notFound } from '../http/standard-problems.ts';
import { departmentAttention } from '../queries/attention/department-attention.ts';
import { provinceAttention } from '../queries/attention/province-attention.ts';
import { latestFiscalYear } from '../queries/latest-fiscal-year.ts';
import {
  AttentionProvinceParams,
  AttentionQuerySchema,
  DepartmentAttentionSchema,
  ProvinceAttentionSchema,
} from '../schemas/attention-schemas.ts';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

const provinceRoute = createRoute({
  method: 'get',
  path: '/attention/provinces/{code}',
  tags: ['progress'],
  summary: 'What a province must act on: overdue, waiting-for-certification and returned districts',
  description:
    'For every round of the fiscal year not yet reported: districts past the step-1 window without submitting (days late), submitted districts waiting for certification (days waiting, days past step 2) and returned districts with the latest reason. Bangkok calendar days. A province outside the caller’s scope answers 404.',
  security: SECURITY,
  middleware: [requireRole('province', 'department', 'analyst')],
  request: { params: AttentionProvinceParams, query: AttentionQuerySchema },
  responses: { 200: { description: 'Needs attention', ...json(ProvinceAttentionSchema) }, ...authedProblems(404) },
});

const departmentRoute = createRoute({
  method: 'get',
  path: '/attention/department',
  tags: ['progress'],
  summary: 'What the department must act on: provinces waiting for announcement, provinces late to report',
  description: 'One row per province and round: reported and waiting (days since the report) or past the step-2 window without a report (days late).',
  security: SECURITY,
  middleware: [requireRole('department', 'analyst')],
  request: { query: AttentionQuerySchema },
  responses: { 200: { description: 'Needs attention', ...json(DepartmentAttentionSchema) }, ...authedProblems(404) },
});

export function attentionRoutes() {
  return newRouter()
    .openapi(provinceRoute, async (c) => {
      const { readDb, now } = c.get('deps');
      const { code } = c.req.valid('param');
      assertProvinceInScope(c.get('user'), code);
      const at = now();
      const fiscalYear = c.req.valid('query').fy ?? (await latestFiscalYear(readDb, at));
      if (fiscalYear === null) throw notFound();
      return c.json(await provinceAttention(readDb, { fiscalYear, provinceCode: code }, at), 200);
    })
    .openapi(departmentRoute, async (c) => {
      const { readDb, now } = c.get('deps');
      const at = now();
      const fiscalYear = c.req.valid('query').fy ?? (await latestFiscalYear(readDb, at));
      if (fiscalYear === null) throw notFound();
      return c.json(await departmentAttention(readDb, { fiscalYear }, at), 200);
    });
}
