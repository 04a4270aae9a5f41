import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { EMBLEM_MAX_BYTES } from '../../domain/office-profile.ts';
import type { SessionUser } from '../auth/session-user.ts';
import { requireRole } from '../auth/require-user.ts';
import { authedProblems, newRouter, ProvinceCode, SECURITY } from '../http/openapi-common.ts';
import { problem } from '../http/problem.ts';
import { fieldIssue, invalidRequest, notFound } from '../http/standard-problems.ts';
import { setOfficeEmblem, setOfficeProfile } from '../offices/set-office-profile.ts';
import { officeProfile, type OfficeProfile } from '../queries/office-profile.ts';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });
const Params = z.object({ province: ProvinceCode });

const OfficeSchema = z
  .object({
    provinceCode: z.string(),
    provinceNameTh: z.string(),
    name: z.string(),
    address: z.string(),
    phone: z.string(),
    email: z.string(),
    signer: z.string().nullable().openapi({ description: 'The position lines under the signer’s name on the covering letter, a new line between them; null: the province’s default' }),
    emblem: z.object({ type: z.enum(['image/png', 'image/jpeg']), width: z.number().int(), height: z.number().int(), bytes: z.number().int() }).nullable(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .openapi('OfficeProfile');

const OfficeBodySchema = z
  .object({
    name: z.string().max(1000).openapi({ example: 'สำนักงานพัฒนาชุมชนจังหวัดบึงกาฬ' }),
    address: z.string().max(1000).openapi({ example: 'ศาลากลางจังหวัดบึงกาฬ ถนนบึงกาฬ-นครพนม อำเภอเมืองบึงกาฬ บก 38000' }),
    phone: z.string().max(1000).openapi({ example: '0 4249 2311' }),
    email: z.string().max(1000).openapi({ example: 'buengkan@cdd.go.th' }),
    signer: z
      .string()
      .max(1000)
      .nullable()
      .optional()
      .openapi({
        description: 'Who signs the covering letter, when not the default (พัฒนาการจังหวัด… ปฏิบัติราชการแทน ผู้ว่าราชการจังหวัด…): up to 3 lines of up to 100 characters, a new line between them. Omitted, null or blank: the default.',
        example: 'รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน\nผู้ว่าราชการจังหวัดบึงกาฬ',
      }),
  })
  .openapi('OfficeProfileBody');

function view(p: OfficeProfile) {
  return {
    provinceCode: p.provinceCode,
    provinceNameTh: p.provinceNameTh,
    name: p.nameTh,
    address: p.address,
    phone: p.phone,
    email: p.email,
    signer: p.signerPosition,
    emblem: p.emblem ? { type: p.emblem.type, width: p.emblem.width, height: p.emblem.height, bytes: p.emblem.bytes.length } : null,
    updatedAt: p.updatedAt.toISOString(),
    updatedBy: p.updatedByUsername,
  };
}

// Admin sets any office; a province officer reads its own (another province: 404, as for one
// that does not exist); the department reads every office, whose letters it may print.
const readers = [requireRole('admin', 'province', 'department')];
function assertOwnOffice(user: SessionUser, provinceCode: string): void {
  if (user.role === 'province' && user.provinceCode !== provinceCode) throw notFound();
}
const adminOnly = [requireRole('admin')];

const read = createRoute({
  method: 'get',
  path: '/offices/{province}',
  tags: ['offices'],
  summary: 'The sending office of a province’s papers: name, address, phone, e-mail, emblem (admin, department, the province itself)',
  security: SECURITY,
  middleware: readers,
  request: { params: Params },
  responses: { 200: { description: 'The office profile', ...json(OfficeSchema) }, ...authedProblems(404) },
});

const emblem = createRoute({
  method: 'get',
  path: '/offices/{province}/emblem',
  tags: ['offices'],
  summary: 'The office’s emblem image (PNG or JPEG)',
  security: SECURITY,
  middleware: readers,
  request: { params: Params },
  responses: { 200: { description: 'The image as stored', content: { 'image/png': { schema: { type: 'string', format: 'binary' } }, 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } }, ...authedProblems(404) },
});

const write = createRoute({
  method: 'put',
  path: '/offices/{province}',
  tags: ['offices'],
  summary: 'Set the sending office of a province’s papers (admin)',
  description: 'Every field but `signer` is required (a `signer` left out sets the default); Thai digits are folded, text normalised to NFC. Problems come back together as 422 in Thai and English. The emblem is kept; set it with POST …/emblem.',
  security: SECURITY,
  middleware: adminOnly,
  request: { params: Params, body: { required: true, ...json(OfficeBodySchema) } },
  responses: { 200: { description: 'Saved', ...json(OfficeSchema) }, ...authedProblems(404) },
});

// The form's own fields and boundaries take a few hundred bytes beside the image.
const MULTIPART_OVERHEAD = 16 * 1024;
const emblemLimit = bodyLimit({
  maxSize: EMBLEM_MAX_BYTES + MULTIPART_OVERHEAD,
  onError: () => {
    throw problem(413, 'too-large', { en: 'The emblem is larger than allowed', th: 'ไฟล์ตราสัญลักษณ์มีขนาดใหญ่เกินกำหนด' }, {
      detail: `An emblem may be at most ${EMBLEM_MAX_BYTES / 1024} KB.`,
      detailTh: `ตราสัญลักษณ์ต้องมีขนาดไม่เกิน ${EMBLEM_MAX_BYTES / 1024} KB`,
      limitBytes: EMBLEM_MAX_BYTES,
    });
  },
});

const writeEmblem = createRoute({
  method: 'post',
  path: '/offices/{province}/emblem',
  tags: ['offices'],
  summary: 'Set the office’s emblem: a multipart form whose file field `emblem` is a PNG or JPEG of at most 256 KB and 2000 pixels a side (admin)',
  description: 'The type is read from the image’s own bytes and the image is tried in the PDF engine; anything else is 422. The profile must be set first (409).',
  security: SECURITY,
  middleware: [...adminOnly, emblemLimit],
  request: { params: Params },
  responses: { 200: { description: 'Saved', ...json(OfficeSchema) }, ...authedProblems(404, 409, 413) },
});

const removeEmblem = createRoute({
  method: 'delete',
  path: '/offices/{province}/emblem',
  tags: ['offices'],
  summary: 'Remove the office’s emblem (admin)',
  security: SECURITY,
  middleware: adminOnly,
  request: { params: Params },
  responses: { 200: { description: 'Removed', ...json(OfficeSchema) }, ...authedProblems(404, 409) },
});

/** GET/PUT /api/offices/{province}, GET/POST/DELETE /api/offices/{province}/emblem. */
export function officeRoutes() {
  return newRouter()
    .openapi(read, async (c) => {
      const { province } = c.req.valid('param');
      assertOwnOffice(c.get('user'), province);
      const p = await officeProfile(c.get('deps').db, province);
      if (!p) throw notFound();
      return c.json(view(p), 200);
    })
    .openapi(emblem, async (c) => {
      const { province } = c.req.valid('param');
      assertOwnOffice(c.get('user'), province);
      const p = await officeProfile(c.get('deps').db, province);
      if (!p?.emblem) throw notFound();
      return c.body(new Uint8Array(p.emblem.bytes), 200, { 'content-type': p.emblem.type, 'cache-control': 'private, no-store' });
    })
    .openapi(write, async (c) => {
      const { db, now } = c.get('deps');
      const user = c.get('user');
      const body = c.req.valid('json');
      const saved = await setOfficeProfile(
        db,
        { provinceCode: c.req.valid('param').province, nameTh: body.name, address: body.address, phone: body.phone, email: body.email, signerPosition: body.signer ?? null },
        { actor: { id: user.id, username: user.username }, now: now() },
      );
      return c.json(view(saved), 200);
    })
    .openapi(writeEmblem, async (c) => {
      const { db, now } = c.get('deps');
      const user = c.get('user');
      const form = await c.req.parseBody();
      const file = form['emblem'];
      if (!(file instanceof File)) {
        throw invalidRequest([fieldIssue('emblem', 'missing-value', { en: 'the form has no file field emblem', th: 'ไม่พบไฟล์ตราสัญลักษณ์ (ช่อง emblem) ในแบบฟอร์ม' })]);
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      const saved = await setOfficeEmblem(db, c.req.valid('param').province, bytes, { actor: { id: user.id, username: user.username }, now: now() });
      return c.json(view(saved), 200);
    })
    .openapi(removeEmblem, async (c) => {
      const { db, now } = c.get('deps');
      const user = c.get('user');
      const saved = await setOfficeEmblem(db, c.req.valid('param').province, null, { actor: { id: user.id, username: user.username }, now: now() });
      return c.json(view(saved), 200);
    });
}
