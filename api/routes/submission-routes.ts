import { createRoute } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../../db/create-db.ts';
import { bodyLimit } from 'hono/body-limit';
import { ingestSubmission, type SubmissionReport } from '../../pipeline/ingest-submission.ts';
import { registerProducer } from '../../pipeline/register-producer.ts';
import { resolveColumnChoice } from '../../pipeline/map-headers.ts';
import type { ColumnKey } from '../../domain/columns.ts';
import { rejectedRowsCsv, submissionReport } from '../../pipeline/submission-report.ts';
import { requireRole } from '../auth/require-user.ts';
import { assertDistrictInScope, assertUploadTargetInScope, isSubmissionInScope, scopedFilter, seesFullCitizenIds } from '../auth/scope.ts';
import { DATA_ROLES, type SessionUser } from '../auth/session-user.ts';
import type { AppEnv } from '../app-env.ts';
import { authedProblems, newRouter, SECURITY } from '../http/openapi-common.ts';
import { problem, type ProblemError } from '../http/problem.ts';
import { perUserRateLimit, type RateLimitRefusal } from '../http/per-user-rate-limit.ts';
import { sanitizeFileName } from '../http/sanitize-file-name.ts';
import { fieldIssue, forbidden, invalidRequest, notFound } from '../http/standard-problems.ts';
import { recentDryRuns } from '../queries/recent-dry-runs.ts';
import { submissionPage } from '../queries/submission-page.ts';
import { submissionScope } from '../queries/submission-scope.ts';
import {
  RegistrationBodySchema,
  SubmissionIdParams,
  SubmissionPageSchema,
  SubmissionQuerySchema,
  SubmissionReportSchema,
  UPLOAD_BODY_SCHEMA,
} from '../schemas/submission-schemas.ts';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });
// Who loads data: the district, its province, the department (analysts read; admin has no data).
const LOADERS = ['district', 'province', 'department'] as const;
// Room for the multipart envelope and the small fields around the file.
const MULTIPART_OVERHEAD = 64 * 1024;

function tooLarge(limit: number): ProblemError {
  const mb = Math.round((limit / 1024 / 1024) * 10) / 10;
  return problem(
    413,
    'too-large',
    { en: 'The file is larger than allowed', th: 'ไฟล์มีขนาดใหญ่เกินกำหนด' },
    { detail: `Files may be at most ${mb} MB.`, detailTh: `ไฟล์ต้องมีขนาดไม่เกิน ${mb} MB`, limitBytes: limit },
  );
}

/** Refuses an oversized upload from its Content-Length, or while streaming it, before it is read whole. */
function uploadSizeLimit(): MiddlewareHandler<AppEnv> {
  return async function uploadLimit(c, next) {
    const limit = c.get('deps').config.uploadLimitBytes;
    return bodyLimit({ maxSize: limit + MULTIPART_OVERHEAD, onError: () => { throw tooLarge(limit); } })(c, next);
  };
}

/**
 * The upload's `mapping` field: JSON { "title as in the file": "column" } where column is a key
 * (phone), its Thai or English name, or null / "-" to leave the column out. Refused with
 * every wrong entry named (invalidRequest: 422).
 */
function parseMapping(raw: unknown): Record<string, ColumnKey | null> | undefined {
  if (raw === undefined || raw === '') return undefined;
  const bad = (en: string, th: string) => invalidRequest([fieldIssue('mapping', 'invalid-value', { en, th })]);
  let parsed: unknown;
  try {
    parsed = typeof raw === 'string' ? JSON.parse(raw) : null;
  } catch {
    throw bad('mapping must be JSON: {"title": "column"}', 'mapping ต้องเป็น JSON: {"หัวคอลัมน์": "คอลัมน์"}');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw bad('mapping must be a JSON object: {"title": "column"}', 'mapping ต้องเป็นออบเจกต์ JSON');
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length > 200) throw bad('mapping has more than 200 titles', 'mapping มีหัวคอลัมน์เกิน 200 รายการ');
  const out: Record<string, ColumnKey | null> = {};
  const issues = [];
  for (const [title, column] of entries) {
    const key = column === null ? null : typeof column === 'string' && column.length <= 200 ? resolveColumnChoice(column) : undefined;
    if (key === undefined || title.length > 500) {
      issues.push(fieldIssue('mapping', 'invalid-value', { en: `unknown column for "${title.slice(0, 100)}"`, th: `ไม่รู้จักคอลัมน์ของ "${title.slice(0, 100)}"` }));
    } else out[title] = key;
  }
  if (issues.length > 0) throw invalidRequest(issues);
  return out;
}

function uploader(user: SessionUser) {
  return { id: user.id, username: user.username, role: user.role, districtCode: user.districtCode, provinceCode: user.provinceCode };
}

// Dry runs a user may make per minute: each reads and validates a whole file, so an unbounded
// number of them is a way to load the server without loading any data.
export const DRY_RUNS_PER_MINUTE = 10;

const TOO_MANY_DRY_RUNS: RateLimitRefusal = {
  type: 'too-many-dry-runs',
  title: { en: 'Too many dry runs', th: 'ตรวจสอบไฟล์ (ทดลองนำเข้า) บ่อยเกินไป' },
  detail: (n, seconds) => ({
    en: `At most ${n} dry runs a minute per user; try again in ${seconds} s.`,
    th: `ทดลองนำเข้าได้ไม่เกิน ${n} ครั้งต่อนาทีต่อผู้ใช้ กรุณาลองใหม่ในอีก ${seconds} วินาที`,
  }),
};

/**
 * Finished dry runs are counted from the audit trail (every dry run writes its row before its
 * slot is given back), so the limit holds across processes for them; running ones are counted
 * per process (a burst of 30 at once all passed an audit-only count on PostgreSQL).
 */
const finishedDryRuns = (db: Db, user: SessionUser) => (since: Date, max: number) => recentDryRuns(db, user.id, since, max);

/** A load that ended 'failed' (rolled back): never a success. 503 the database was lost, 409 a state conflict, 500 otherwise. */
function loadFailed(report: SubmissionReport): ProblemError {
  const where = { submissionId: report.submissionId, report };
  const id = report.submissionId;
  switch (report.failureKind) {
    case 'database-unavailable':
      return problem(
        503,
        'database-unavailable',
        { en: 'The database was unavailable; nothing was loaded', th: 'ฐานข้อมูลไม่พร้อมใช้งาน ไม่มีข้อมูลใดถูกบันทึก' },
        {
          detail: `Submission ${id} was rolled back because the connection to the database was lost. Upload the file again shortly.`,
          detailTh: `การนำเข้า ${id} ถูกยกเลิกทั้งหมดเพราะการเชื่อมต่อฐานข้อมูลขาดหาย กรุณาส่งไฟล์ใหม่อีกครั้งในภายหลัง`,
          ...where,
        },
        { 'retry-after': '30' },
      );
    case 'conflict':
      return problem(
        409,
        'load-conflict',
        { en: 'The load met a conflicting operation; nothing was loaded', th: 'การนำเข้าชนกับงานอื่นที่กำลังดำเนินการ ไม่มีข้อมูลใดถูกบันทึก' },
        {
          detail: `Submission ${id} was rolled back: the data it needed was held by another operation. Upload the file again.`,
          detailTh: `การนำเข้า ${id} ถูกยกเลิกทั้งหมด เพราะข้อมูลที่ต้องใช้ถูกงานอื่นใช้อยู่ กรุณาส่งไฟล์ใหม่อีกครั้ง`,
          ...where,
        },
      );
    default:
      return problem(
        500,
        'load-failed',
        { en: 'The load failed; nothing was loaded', th: 'ระบบขัดข้องระหว่างนำเข้า ไม่มีข้อมูลใดถูกบันทึก' },
        {
          detail: `Submission ${id} failed inside the server and was rolled back. Quote its id to the administrator.`,
          detailTh: `การนำเข้า ${id} ขัดข้องภายในระบบและถูกยกเลิกทั้งหมด กรุณาแจ้งรหัสนี้แก่ผู้ดูแลระบบ`,
          ...where,
        },
      );
  }
}

/**
 * The answer for a finished submission: 201 loaded (200 for a dry run); a submission refused
 * because the round is locked 409; refused otherwise (file-level problems, every row rejected)
 * 422 with the pipeline's issues; a load that failed and rolled back 500/503/409 (loadFailed).
 * The report rides along in every case.
 */
function answer(report: SubmissionReport) {
  if (report.status === 'failed') throw loadFailed(report);
  if (report.status === 'rejected') {
    const locked = report.issues.some((i) => i.code === 'round-locked' && i.row === null);
    throw problem(
      locked ? 409 : 422,
      locked ? 'round-locked' : 'submission-rejected',
      locked
        ? { en: 'The round is locked for this district', th: 'รอบนี้ของอำเภอถูกล็อกแล้ว ไม่สามารถแก้ไขข้อมูลได้' }
        : { en: 'The submission was refused', th: 'ไม่สามารถนำเข้าข้อมูลได้' },
      { issues: report.issues, submissionId: report.submissionId, report },
    );
  }
  return report;
}

const upload = createRoute({
  method: 'post',
  path: '/submissions',
  tags: ['submissions'],
  summary: 'Upload a registration file (CSV or XLSX) for a district and round, or dry-run it',
  description:
    'The size limit (UPLOAD_LIMIT_MB) is enforced from Content-Length before the body is read (413). The file name is sanitised. Loads go through the pipeline’s one validated path; the answer is its report.',
  security: SECURITY,
  middleware: [requireRole(...LOADERS), uploadSizeLimit()],
  request: { body: { required: true, content: { 'multipart/form-data': { schema: UPLOAD_BODY_SCHEMA } } } },
  responses: {
    200: { description: 'Dry run: the report', ...json(SubmissionReportSchema) },
    201: { description: 'Loaded (possibly with rejected rows): the report', ...json(SubmissionReportSchema) },
    ...authedProblems(404, 409, 413, 429, 500, 503),
  },
});

const register = createRoute({
  method: 'post',
  path: '/registrations',
  tags: ['submissions'],
  summary: 'Register one producer and its products (the dashboard form), or dry-run it',
  security: SECURITY,
  middleware: [requireRole(...LOADERS)],
  request: { body: { required: true, ...json(RegistrationBodySchema) } },
  responses: {
    200: { description: 'Dry run: the report', ...json(SubmissionReportSchema) },
    201: { description: 'Registered: the report', ...json(SubmissionReportSchema) },
    ...authedProblems(404, 409, 429, 500, 503),
  },
});

const list = createRoute({
  method: 'get',
  path: '/submissions',
  tags: ['submissions'],
  summary: 'Submissions (files and forms) in the caller’s scope, newest first',
  security: SECURITY,
  middleware: [requireRole(...DATA_ROLES)],
  request: { query: SubmissionQuerySchema },
  responses: { 200: { description: 'A page of submissions', ...json(SubmissionPageSchema) }, ...authedProblems(404) },
});

const one = createRoute({
  method: 'get',
  path: '/submissions/{id}',
  tags: ['submissions'],
  summary: 'The report of one submission',
  security: SECURITY,
  middleware: [requireRole(...DATA_ROLES)],
  request: { params: SubmissionIdParams },
  responses: { 200: { description: 'The report', ...json(SubmissionReportSchema) }, ...authedProblems(404) },
});

const rejected = createRoute({
  method: 'get',
  path: '/submissions/{id}/rejected.csv',
  tags: ['submissions'],
  summary: 'The rejected rows of a submission as CSV, with their issues, to fix and upload again',
  description: 'Holds citizen IDs in full: for the uploader, the district’s own officers and its province only (403 for others).',
  security: SECURITY,
  middleware: [requireRole(...DATA_ROLES)],
  request: { params: SubmissionIdParams },
  responses: {
    200: { description: 'UTF-8 CSV with BOM', content: { 'text/csv': { schema: { type: 'string' } } } },
    ...authedProblems(404, 409),
  },
});

async function scopedSubmission(c: Context<AppEnv>, id: string) {
  const s = await submissionScope(c.get('deps').db, id);
  if (!s || !isSubmissionInScope(c.get('user'), s)) throw notFound();
  return s;
}

export function submissionRoutes() {
  const dryRunLimit = perUserRateLimit(DRY_RUNS_PER_MINUTE, TOO_MANY_DRY_RUNS);
  return newRouter()
    .openapi(upload, async (c) => {
      const { db, now, config } = c.get('deps');
      const user = c.get('user');
      const form = await c.req.parseBody().catch(() => {
        throw invalidRequest([fieldIssue('file', 'missing-value', { en: 'Send the file as multipart/form-data', th: 'กรุณาส่งไฟล์แบบ multipart/form-data' })]);
      });
      const file = form['file'];
      const target = typeof form['district'] === 'string' ? form['district'].trim() : (user.districtCode ?? '');
      const round = typeof form['round'] === 'string' ? form['round'].trim() : '';
      const issues = [];
      if (!(file instanceof File)) issues.push(fieldIssue('file', 'missing-value', { en: 'file is required', th: 'ไม่ได้แนบไฟล์' }));
      if (!/^\d{4}-Q[1-4]$/.test(round)) issues.push(fieldIssue('round', 'missing-value', { en: "round is required ('2561-Q1')", th: 'ไม่ได้ระบุรอบ' }));
      if (!target) issues.push(fieldIssue('district', 'missing-value', { en: 'district is required', th: 'ไม่ได้ระบุอำเภอ' }));
      if (issues.length > 0 || !(file instanceof File)) throw invalidRequest(issues);
      if (file.size > config.uploadLimitBytes) throw tooLarge(config.uploadLimitBytes);
      await assertUploadTargetInScope(db, user, target);

      const dryRun = ['1', 'true', 'yes', 'on'].includes(String(form['dryRun'] ?? '').toLowerCase());
      const sheet = typeof form['sheet'] === 'string' && form['sheet'] !== '' ? form['sheet'] : undefined;
      const mapping = parseMapping(form['mapping']);
      const ingest = async () =>
        ingestSubmission(db, {
          source: { kind: 'bytes', bytes: new Uint8Array(await file.arrayBuffer()) },
          fileName: sanitizeFileName(file.name),
          districtCode: target,
          roundCode: round,
          dryRun,
          user: uploader(user),
          ...(sheet ? { sheetName: sheet } : {}),
          ...(mapping ? { mapping } : {}),
          now: now(),
        });
      const report = dryRun ? await dryRunLimit(user.id, now(), ingest, finishedDryRuns(db, user)) : await ingest();
      const done = answer(report);
      return dryRun ? c.json(done, 200) : c.json(done, 201);
    })
    .openapi(register, async (c) => {
      const { db, now } = c.get('deps');
      const user = c.get('user');
      const body = c.req.valid('json');
      await assertDistrictInScope(db, user, body.district);
      const registerRows = () =>
        registerProducer(db, {
          fields: body.fields,
          ...(body.rows ? { rows: body.rows } : {}),
          districtCode: body.district,
          roundCode: body.round,
          dryRun: body.dryRun,
          user: uploader(user),
          now: now(),
        });
      const report = body.dryRun ? await dryRunLimit(user.id, now(), registerRows, finishedDryRuns(db, user)) : await registerRows();
      const done = answer(report);
      return body.dryRun ? c.json(done, 200) : c.json(done, 201);
    })
    .openapi(list, async (c) => {
      const { db } = c.get('deps');
      const q = c.req.valid('query');
      const scope = await scopedFilter(db, c.get('user'), { provinceCode: q.province, districtCode: q.district });
      return c.json(
        await submissionPage(db, { ...scope, roundCode: q.round, status: q.status }, { limit: q.limit, offset: q.offset }),
        200,
      );
    })
    .openapi(one, async (c) => {
      const { id } = c.req.valid('param');
      await scopedSubmission(c, id);
      const report = await submissionReport(c.get('deps').db, id);
      if (!report) throw notFound();
      return c.json(report, 200);
    })
    .openapi(rejected, async (c) => {
      const { id } = c.req.valid('param');
      const user = c.get('user');
      const s = await scopedSubmission(c, id);
      const own = s.userId === user.id;
      const seesIds = s.districtCode !== null && s.provinceCode !== null && seesFullCitizenIds(user, { districtCode: s.districtCode, provinceCode: s.provinceCode });
      const provinceWide = s.districtCode === null && user.role === 'province' && user.provinceCode === s.provinceCode;
      if (!own && !seesIds && !provinceWide) {
        throw forbidden({ en: 'Rejected rows hold citizen IDs in full', th: 'แถวที่ถูกปฏิเสธมีเลขประจำตัวประชาชนเต็ม จึงเปิดได้เฉพาะผู้ส่งและเจ้าหน้าที่ในพื้นที่' });
      }
      if (s.dryRun) {
        throw problem(
          409,
          'dry-run-keeps-no-rows',
          { en: 'A dry run keeps no rows', th: 'การทดลองนำเข้าไม่เก็บแถวข้อมูลไว้' },
          {
            detail: 'A dry run stores only its report (counts and issues), never the file’s cells. Fix the rows the report names in your file, or load it: a real load keeps its rejected rows for this download.',
            detailTh: 'การทดลองนำเข้าเก็บเพียงรายงาน (จำนวนและปัญหาที่พบ) ไม่เก็บข้อมูลในไฟล์ กรุณาแก้ไขแถวตามรายงานในไฟล์ของท่าน หรือนำเข้าจริงเพื่อดาวน์โหลดแถวที่ถูกปฏิเสธ',
            submissionId: id,
          },
        );
      }
      const csv = await rejectedRowsCsv(c.get('deps').db, id);
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="rejected-${id}.csv"`,
      });
    });
}


