import { createRoute } from '@hono/zod-openapi';
import { createAccount } from '../accounts/create-account.ts';
import { resetAccount } from '../accounts/reset-account.ts';
import { setAccountDisabled } from '../accounts/set-account-disabled.ts';
import { requireRole } from '../auth/require-user.ts';
import { authedProblems, newRouter, SECURITY } from '../http/openapi-common.ts';
import { notFound } from '../http/standard-problems.ts';
import { accountById } from '../queries/account-by-id.ts';
import { userPage } from '../queries/user-page.ts';
import {
  AccountIdParams,
  AccountPageSchema,
  AccountQuerySchema,
  AccountSchema,
  CreateAccountBodySchema,
  IssuedAccountSchema,
} from '../schemas/account-schemas.ts';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });
const adminOnly = [requireRole('admin')];

const list = createRoute({
  method: 'get',
  path: '/admin/users',
  tags: ['admin'],
  summary: 'Accounts (admin)',
  security: SECURITY,
  middleware: adminOnly,
  request: { query: AccountQuerySchema },
  responses: { 200: { description: 'A page of accounts', ...json(AccountPageSchema) }, ...authedProblems() },
});

const create = createRoute({
  method: 'post',
  path: '/admin/users',
  tags: ['admin'],
  summary: 'Create an account with a one-time activation code (admin)',
  security: SECURITY,
  middleware: adminOnly,
  request: { body: { required: true, ...json(CreateAccountBodySchema) } },
  responses: { 201: { description: 'Created; the activation code is shown only here', ...json(IssuedAccountSchema) }, ...authedProblems(409) },
});

const one = createRoute({
  method: 'get',
  path: '/admin/users/{id}',
  tags: ['admin'],
  summary: 'One account (admin)',
  security: SECURITY,
  middleware: adminOnly,
  request: { params: AccountIdParams },
  responses: { 200: { description: 'The account', ...json(AccountSchema) }, ...authedProblems(404) },
});

const disable = createRoute({
  method: 'post',
  path: '/admin/users/{id}/disable',
  tags: ['admin'],
  summary: 'Disable an account and end its sessions (admin)',
  security: SECURITY,
  middleware: adminOnly,
  request: { params: AccountIdParams },
  responses: { 200: { description: 'Disabled', ...json(AccountSchema) }, ...authedProblems(404, 409) },
});

const enable = createRoute({
  method: 'post',
  path: '/admin/users/{id}/enable',
  tags: ['admin'],
  summary: 'Enable a disabled account (admin)',
  security: SECURITY,
  middleware: adminOnly,
  request: { params: AccountIdParams },
  responses: { 200: { description: 'Enabled', ...json(AccountSchema) }, ...authedProblems(404) },
});

const reset = createRoute({
  method: 'post',
  path: '/admin/users/{id}/reset',
  tags: ['admin'],
  summary: 'Reset: clear the password, end sessions, issue a new one-time activation code (admin)',
  security: SECURITY,
  middleware: adminOnly,
  request: { params: AccountIdParams },
  responses: { 200: { description: 'Reset; the activation code is shown only here', ...json(IssuedAccountSchema) }, ...authedProblems(404) },
});

export function adminUserRoutes() {
  return newRouter()
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      const page = await userPage(
        c.get('deps').db,
        { role: q.role, provinceCode: q.province, districtCode: q.district, q: q.q },
        { limit: q.limit, offset: q.offset },
      );
      return c.json(page, 200);
    })
    .openapi(create, async (c) => {
      const { db, now, config } = c.get('deps');
      const user = c.get('user');
      const body = c.req.valid('json');
      const created = await createAccount(db, body, {
        actor: { id: user.id, username: user.username },
        now: now(),
        activationTtlDays: config.activationTtlDays,
      });
      return c.json(created, 201);
    })
    .openapi(one, async (c) => {
      const account = await accountById(c.get('deps').db, c.req.valid('param').id);
      if (!account) throw notFound();
      return c.json(account, 200);
    })
    .openapi(disable, async (c) => {
      const { db, now } = c.get('deps');
      const user = c.get('user');
      return c.json(await setAccountDisabled(db, c.req.valid('param').id, true, { actor: { id: user.id, username: user.username }, now: now() }), 200);
    })
    .openapi(enable, async (c) => {
      const { db, now } = c.get('deps');
      const user = c.get('user');
      return c.json(await setAccountDisabled(db, c.req.valid('param').id, false, { actor: { id: user.id, username: user.username }, now: now() }), 200);
    })
    .openapi(reset, async (c) => {
      const { db, now, config } = c.get('deps');
      const user = c.get('user');
      const issued = await resetAccount(db, c.req.valid('param').id, {
        actor: { id: user.id, username: user.username },
        now: now(),
        activationTtlDays: config.activationTtlDays,
      });
      return c.json(issued, 200);
    });
}
