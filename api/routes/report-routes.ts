import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../auth/require-user.ts';
import { authedProblems, DistrictCode, FiscalYear, newRouter, ProvinceCode, RoundCode, SECURITY } from '../http/openapi-common.ts';
import { REPORT_ROLES, type ReportParams, type ReportSlug } from '../reports/documents/report-document.ts';
import { reportPdf } from '../reports/documents/report-pdf.ts';
import { letterZip } from '../reports/documents/letter-zip.ts';

const fy = FiscalYear.optional().openapi({ description: 'Buddhist-Era fiscal year (default: the current one in the plan)' });
const round = RoundCode.optional();
const province = ProvinceCode.optional().openapi({ description: 'Narrow to a province in the caller’s scope (404 outside it)' });
const district = DistrictCode.optional().openapi({ description: 'Narrow to a district in the caller’s scope (404 outside it)' });
const digits = z.enum(['thai', 'ascii']).optional().openapi({ description: 'Thai digits ๐–๙ as official forms print them (default), or ASCII digits' });

const DOCUMENTS: Record<ReportSlug, { summary: string; description: string; query: z.ZodObject }> = {
  plan: {
    summary: 'The operation plan of a fiscal year (the letter’s enclosure 1), PDF',
    description: 'Quarter, step, what is done, days, dates and who, from the plan in the database, printed as the department sent it: the day counts as stated, no notes (see plan-check).',
    query: z.object({ fy, digits }),
  },
  'plan-check': {
    summary: 'The plan-check report of a fiscal year: what a check of the plan finds, window by window, PDF',
    description: 'Every window with the days it states and the days its dates span, the validator’s findings (a day count the calendar does not give, a window outside its quarter) and the plan’s own notes (a corrected year). A working paper, kept off the plan itself.',
    query: z.object({ fy, digits }),
  },
  'report-form': {
    summary: 'The registration report form, PDF',
    description:
      'For a district (rows per subdistrict), a province (rows per district) or the nation (rows per province; detail=district lists every district under its province), for a round or the whole fiscal year: producers by type, products by category, new vs renewed, change against the previous fiscal year, totals, workflow state, "as of" time and signature block. Scoped to the caller: a district officer gets their district, a province officer their province.',
    query: z.object({ fy, round, province, district, detail: z.enum(['province', 'district']).optional(), digits }),
  },
  certification: {
    summary: 'The provincial certification announcement of a round, with its annex, PDF',
    description: 'ประกาศจังหวัด… เรื่อง รับรองข้อมูลผลการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP, and the certified producers and products per district. National roles must name the province (422 otherwise). Default round: the latest whose registration window has closed.',
    query: z.object({ fy, round, province, digits }),
  },
  announcement: {
    summary: 'The department’s national announcement of a round (step 3): provinces announced, with their counts, PDF',
    description: 'ประกาศกรมการพัฒนาชุมชน เรื่อง รับรองข้อมูลผลการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP: issued (frozen, SHA-256 in ETag) by each announce act, listing every province announced so far; before the first announcement a draft. Default round: the latest whose registration window has closed.',
    query: z.object({ fy, round, digits }),
  },
  accounts: {
    summary: 'The account registry (usernames, areas, roles, activation status), PDF — never codes or passwords',
    description: 'Activation codes are stored only hashed; the sheet with codes is printed once, when they are issued (`otop users import --sheet`). Admin and the department see every account, a province officer those of their province.',
    query: z.object({ province, district, digits }),
  },
  summary: {
    summary: 'The managers’ progress summary of a fiscal year: charts and the district × quarter matrix, PDF',
    description: 'Headline figures, producers per area by type, products per category, producers per quarter (ECharts rendered on the server), and the workflow matrix.',
    query: z.object({ fy, province, district, digits }),
  },
  letter: {
    summary: 'The covering letter of a round to the districts, PDF (its enclosures: letter.zip)',
    description: 'Official Thai external-letter layout, from the province’s community-development office; the ที่ number, the reference and the signer’s name are left blank for the office. National roles must name the province. Default round: the one whose district registration is open, or the next.',
    query: z.object({ fy, round, province, digits }),
  },
};

const PDF_RESPONSE = {
  description:
    'PDF (A4, Sarabun embedded). A province’s certification or report form of a round the province has reported (or the department announced) is the copy that act issued, byte for byte, with its SHA-256 in `ETag` and `X-Document-SHA256` (the act’s audit row names the same hash); before that it is rendered from the data now and marked ฉบับร่าง / DRAFT.',
  headers: {
    'X-Document-SHA256': { description: 'SHA-256 (hex) of the issued copy served; absent when the document is rendered now', schema: { type: 'string' as const } },
    ETag: { description: 'The issued copy’s SHA-256, quoted; absent when rendered now', schema: { type: 'string' as const } },
  },
  content: { 'application/pdf': { schema: { type: 'string' as const, format: 'binary' } } },
};

function reportRoute(slug: ReportSlug) {
  const d = DOCUMENTS[slug];
  return createRoute({
    method: 'get',
    path: `/reports/${slug}.pdf`,
    tags: ['reports'],
    summary: d.summary,
    description: d.description,
    security: SECURITY,
    middleware: [requireRole(...REPORT_ROLES[slug])],
    request: { query: d.query },
    responses: { 200: PDF_RESPONSE, 304: { description: 'The issued copy named in If-None-Match (it never changes)' }, ...authedProblems(404) },
  });
}

/**
 * GET /api/reports/{plan,plan-check,report-form,certification,announcement,accounts,summary,letter}.pdf
 *
 * The registration documents read from the read handle (the replica when READ_DATABASE_URL is
 * set; scope checks included, so one document reads one source): they are lag-tolerant, and
 * a national form is the heaviest read the API serves. The account registry reads the primary:
 * it is account data that admin and province officers print right after issuing or resetting
 * accounts, and it is small. Issued copies are looked up on the primary (report-pdf.ts).
 */
const letterZipRoute = createRoute({
  method: 'get',
  path: '/reports/letter.zip',
  tags: ['reports'],
  summary: 'The covering letter of a round with its four enclosures, each its own PDF, as one ZIP',
  description:
    'letter-<province>-<round>.pdf, enclosure-1-plan (the plan as sent), enclosure-2-report-form-<district> (the blank form of each district, rows per subdistrict), enclosure-3-accounts-<district> (each district’s own accounts, no codes), enclosure-4-guidelines. Each PDF is numbered from its own first page. The sending office (name, address, phone, e-mail, emblem) comes from the office profile.',
  security: SECURITY,
  middleware: [requireRole(...REPORT_ROLES.letter)],
  request: { query: z.object({ fy, round, province, digits }) },
  responses: { 200: { description: 'ZIP of PDFs', content: { 'application/zip': { schema: { type: 'string' as const, format: 'binary' } } } }, ...authedProblems(404) },
});

export function reportRoutes() {
  const router = newRouter();
  router.openapi(letterZipRoute, async (c) => {
    const { readDb, now } = c.get('deps');
    const q = c.req.valid('query');
    const { zip, fileName } = await letterZip(readDb, { fiscalYear: q.fy, roundCode: q.round, provinceCode: q.province, digits: q.digits }, c.get('user'), now());
    return c.body(new Uint8Array(zip), 200, {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'private, no-store',
    });
  });
  for (const slug of Object.keys(DOCUMENTS) as ReportSlug[]) {
    router.openapi(reportRoute(slug), async (c) => {
      const { db, readDb, now } = c.get('deps');
      const q = c.req.valid('query') as { fy?: number; round?: string; province?: string; district?: string; detail?: 'province' | 'district'; digits?: 'thai' | 'ascii' };
      const params: ReportParams = {
        fiscalYear: q.fy,
        roundCode: q.round,
        provinceCode: q.province,
        districtCode: q.district,
        detail: q.detail,
        digits: q.digits,
      };
      const { pdf, fileName, issued } = await reportPdf(slug === 'accounts' ? db : readDb, slug, params, c.get('user'), now(), { issuedFrom: db });
      if (!issued) {
        return c.body(new Uint8Array(pdf), 200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="${fileName}"`,
          'cache-control': 'private, no-store',
        });
      }
      // An issued copy never changes, so a client holding it may ask again by its hash. Still
      // no-store: the annex names producers, and a shared computer's cache should not keep it.
      const etag = `"${issued.sha256}"`;
      const headers = { etag, 'x-document-sha256': issued.sha256, 'cache-control': 'private, no-store' };
      if (c.req.header('if-none-match')?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return c.body(null, 304, headers);
      return c.body(new Uint8Array(pdf), 200, {
        ...headers,
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${fileName}"`,
      });
    });
  }
  return router;
}
