import { createRoute } from '@hono/zod-openapi';
import { apiTokenViews, createApiToken, revokeApiToken, WRITING_ROLES } from '../auth/api-token-store.ts';
import { requireRole, requireUser } from '../auth/require-user.ts';
import type { UserRole } from '../auth/session-user.ts';
import { authedProblems, newRouter, SESSION_SECURITY } from '../http/openapi-common.ts';
import { fieldIssue, invalidRequest, notFound } from '../http/standard-problems.ts';
import { accountById } from '../queries/account-by-id.ts';
import {
  ApiTokenIdParams,
  ApiTokenListSchema,
  ApiTokenSchema,
  CreateApiTokenBodySchema,
  IssuedApiTokenSchema,
  UserApiTokenParams,
} from '../schemas/token-schemas.ts';
import { AccountIdParams } from '../schemas/account-schemas.ts';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });
const SESSION_NOTE = 'Only from a signed-in session: an API token cannot manage tokens (403 session-required).';

const create = createRoute({
  method: 'post',
  path: '/tokens',
  tags: ['tokens'],
  summary: 'Create a personal API token for yourself; the secret is shown only in this answer',
  description: `The token acts as you, in your scope, until it expires or is revoked, or your account is disabled. ${SESSION_NOTE}`,
  security: SESSION_SECURITY,
  middleware: [requireUser()],
  request: { body: { required: true, ...json(CreateApiTokenBodySchema) } },
  responses: { 201: { description: 'Created', ...json(IssuedApiTokenSchema) }, ...authedProblems() },
});

const listOwn = createRoute({
  method: 'get',
  path: '/tokens',
  tags: ['tokens'],
  summary: 'Your API tokens (never their secrets)',
  description: SESSION_NOTE,
  security: SESSION_SECURITY,
  middleware: [requireUser()],
  responses: { 200: { description: 'Your tokens, newest first', ...json(ApiTokenListSchema) }, ...authedProblems() },
});

const revokeOwn = createRoute({
  method: 'delete',
  path: '/tokens/{id}',
  tags: ['tokens'],
  summary: 'Revoke one of your API tokens',
  description: SESSION_NOTE,
  security: SESSION_SECURITY,
  middleware: [requireUser()],
  request: { params: ApiTokenIdParams },
  responses: { 200: { description: 'Revoked (again: unchanged)', ...json(ApiTokenSchema) }, ...authedProblems(404) },
});

const adminList = createRoute({
  method: 'get',
  path: '/admin/users/{id}/tokens',
  tags: ['admin', 'tokens'],
  summary: 'API tokens of an account (admin)',
  security: SESSION_SECURITY,
  middleware: [requireRole('admin')],
  request: { params: AccountIdParams },
  responses: { 200: { description: 'The account’s tokens, newest first', ...json(ApiTokenListSchema) }, ...authedProblems(404) },
});

const adminRevoke = createRoute({
  method: 'delete',
  path: '/admin/users/{id}/tokens/{tokenId}',
  tags: ['admin', 'tokens'],
  summary: 'Revoke an API token of an account (admin)',
  security: SESSION_SECURITY,
  middleware: [requireRole('admin')],
  request: { params: UserApiTokenParams },
  responses: { 200: { description: 'Revoked (again: unchanged)', ...json(ApiTokenSchema) }, ...authedProblems(404) },
});

export function tokenRoutes() {
  return newRouter()
    .openapi(create, async (c) => {
      const { db, now } = c.get('deps');
      const user = c.get('user');
      const body = c.req.valid('json');
      if (body.access === 'read-write' && !(WRITING_ROLES as readonly UserRole[]).includes(user.role)) {
        throw invalidRequest([
          fieldIssue('access', 'invalid-value', {
            en: `access: a ${user.role} account only reads, so its tokens are "read"`,
            th: `access: บัญชีบทบาท ${user.role} อ่านข้อมูลได้อย่างเดียว โทเค็นจึงต้องเป็น "read"`,
          }),
        ]);
      }
      const created = await createApiToken(db, {
        owner: user,
        name: body.name,
        access: body.access,
        expiresInDays: body.expiresInDays,
        actor: { id: user.id, username: user.username },
        now: now(),
      });
      return c.json(created, 201);
    })
    .openapi(listOwn, async (c) => {
      const { db, now } = c.get('deps');
      return c.json({ items: await apiTokenViews(db, { userId: c.get('user').id }, now()) }, 200);
    })
    .openapi(revokeOwn, async (c) => {
      const { db, now } = c.get('deps');
      const user = c.get('user');
      const view = await revokeApiToken(db, { id: c.req.valid('param').id, ownerId: user.id, actor: { id: user.id, username: user.username }, now: now() });
      if (!view) throw notFound();
      return c.json(view, 200);
    })
    .openapi(adminList, async (c) => {
      const { db, now } = c.get('deps');
      const { id } = c.req.valid('param');
      if (!(await accountById(db, id))) throw notFound();
      return c.json({ items: await apiTokenViews(db, { userId: id }, now()) }, 200);
    })
    .openapi(adminRevoke, async (c) => {
      const { db, now } = c.get('deps');
      const admin = c.get('user');
      const { id, tokenId } = c.req.valid('param');
      const view = await revokeApiToken(db, { id: tokenId, ownerId: id, actor: { id: admin.id, username: admin.username }, now: now() });
      if (!view) throw notFound();
      return c.json(view, 200);
    });
}
