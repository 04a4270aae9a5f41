import { createRoute, z } from '@hono/zod-openapi';
import { registrationTemplateCsv, registrationTemplateXlsx } from '../../pipeline/registration-template.ts';
import { requireRole } from '../auth/require-user.ts';
import { assertDistrictInScope } from '../auth/scope.ts';
import { DATA_ROLES } from '../auth/session-user.ts';
import { authedProblems, DistrictCode, newRouter, SECURITY } from '../http/openapi-common.ts';
import { fieldIssue, invalidRequest, notFound } from '../http/standard-problems.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const xlsx = createRoute({
  method: 'get',
  path: '/templates/registration.xlsx',
  tags: ['submissions'],
  summary: 'The import template of a district (XLSX): Thai headers, drop-downs of its subdistricts, types and categories, column help',
  description: 'A district officer gets their own district without the parameter; others name a district in their scope.',
  security: SECURITY,
  middleware: [requireRole(...DATA_ROLES)],
  request: { query: z.object({ district: DistrictCode.optional() }) },
  responses: { 200: { description: 'XLSX workbook', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } }, ...authedProblems(404) },
});

const csv = createRoute({
  method: 'get',
  path: '/templates/registration.csv',
  tags: ['submissions'],
  summary: 'The import template as CSV (UTF-8 with BOM): the header row the pipeline reads',
  security: SECURITY,
  middleware: [requireRole(...DATA_ROLES)],
  responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...authedProblems() },
});

export function templateRoutes() {
  return newRouter()
    .openapi(xlsx, async (c) => {
      const { db } = c.get('deps');
      const user = c.get('user');
      const code = c.req.valid('query').district ?? user.districtCode;
      if (!code) throw invalidRequest([fieldIssue('query.district', 'missing-value', { en: 'district is required', th: 'กรุณาระบุอำเภอ' })]);
      await assertDistrictInScope(db, user, code);
      const book = await registrationTemplateXlsx(db, code);
      if (!book) throw notFound();
      return c.body(new Uint8Array(book), 200, {
        'content-type': XLSX,
        'content-disposition': `attachment; filename="otop-registration-${code}.xlsx"`,
      });
    })
    .openapi(csv, (c) =>
      c.body(registrationTemplateCsv(), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="otop-registration.csv"',
      }),
    );
}
