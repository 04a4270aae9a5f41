import { createRoute, z } from '@hono/zod-openapi';
import {
  allowedDistrictActions,
  allowedProvinceActions,
  isDistrictRoundLocked,
  type DistrictAction,
  type ProvinceAction,
  type Role,
} from '../../domain/round-state.ts';
import { assertDistrictInScope, assertProvinceInScope } from '../auth/scope.ts';
import { requireRole, requireUser } from '../auth/require-user.ts';
import { DATA_ROLES, type SessionUser } from '../auth/session-user.ts';
import type { AppEnv } from '../app-env.ts';
import { authedProblems, FiscalYear, newRouter, SECURITY } from '../http/openapi-common.ts';
import { notFound } from '../http/standard-problems.ts';
import { districtRoundStatus } from '../queries/district-round-status.ts';
import { provinceRoundStatus } from '../queries/province-round-status.ts';
import { roundPlan } from '../queries/round-plan.ts';
import {
  DistrictParams,
  DistrictRoundStatusSchema,
  DistrictTransitionSchema,
  ProvinceParams,
  ProvinceRoundStatusSchema,
  ProvinceTransitionSchema,
  RoundPlanSchema,
  TransitionBodySchema,
} from '../schemas/workflow-schemas.ts';
import { transitionDistrictRound } from '../workflow/transition-district-round.ts';
import { transitionProvinceRound } from '../workflow/transition-province-round.ts';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });
const WORKFLOW_ROLES: readonly string[] = ['district', 'province', 'department'];
const workflowRole = (user: SessionUser): Role | null => (WORKFLOW_ROLES.includes(user.role) ? (user.role as Role) : null);

const plan = createRoute({
  method: 'get',
  path: '/rounds',
  tags: ['workflow'],
  summary: 'The registration plan: rounds and their three step windows',
  security: SECURITY,
  middleware: [requireUser()],
  request: { query: z.object({ fy: FiscalYear.optional() }) },
  responses: { 200: { description: 'The plan', ...json(RoundPlanSchema) }, ...authedProblems() },
});

const districtStatus = createRoute({
  method: 'get',
  path: '/rounds/{round}/districts/{code}',
  tags: ['workflow'],
  summary: "A district's state in a round, the actions the caller may take, and its history",
  security: SECURITY,
  middleware: [requireRole(...DATA_ROLES)],
  request: { params: DistrictParams },
  responses: { 200: { description: 'State', ...json(DistrictRoundStatusSchema) }, ...authedProblems(404) },
});

const provinceStatus = createRoute({
  method: 'get',
  path: '/rounds/{round}/provinces/{code}',
  tags: ['workflow'],
  summary: "A province's state in a round with every district's state",
  security: SECURITY,
  middleware: [requireRole('province', 'department', 'analyst')],
  request: { params: ProvinceParams },
  responses: { 200: { description: 'State', ...json(ProvinceRoundStatusSchema) }, ...authedProblems(404) },
});

const DISTRICT_ACTION_DOCS: Record<DistrictAction, { role: 'district' | 'province'; summary: string }> = {
  submit: { role: 'district', summary: 'District submits its round to the province (open/returned → submitted; step 1)' },
  certify: { role: 'province', summary: 'Province certifies a submitted district (submitted → certified; locks its data; step 2)' },
  return: { role: 'province', summary: 'Province returns a submitted district for correction, with a reason (→ returned; step 2)' },
  reopen: { role: 'province', summary: 'Province reopens a certified district, with a reason, until announced (→ returned; step 2)' },
};

const PROVINCE_ACTION_DOCS: Record<ProvinceAction, { role: 'province' | 'department'; summary: string }> = {
  report: {
    role: 'province',
    summary: 'Province reports the round to the department (open → reported; needs every district certified or a reason naming the others; step 2)',
  },
  announce: { role: 'department', summary: 'Department announces the round (reported → announced; locks the province’s round; step 3)' },
};

function districtTransition<A extends DistrictAction>(action: A) {
  return createRoute({
    method: 'post',
    path: `/rounds/{round}/districts/{code}/${action}` as `/rounds/{round}/districts/{code}/${A}`,
    tags: ['workflow'],
    summary: DISTRICT_ACTION_DOCS[action].summary,
    description: 'Records who, when, from, to, reason and timeliness (Asia/Bangkok window of the step) in the audit trail. 409 carries the current state.',
    security: SECURITY,
    middleware: [requireRole(DISTRICT_ACTION_DOCS[action].role)],
    request: { params: DistrictParams, body: { required: false, ...json(TransitionBodySchema) } },
    responses: { 200: { description: 'Done', ...json(DistrictTransitionSchema) }, ...authedProblems(404, 409) },
  });
}

function provinceTransition<A extends ProvinceAction>(action: A) {
  return createRoute({
    method: 'post',
    path: `/rounds/{round}/provinces/{code}/${action}` as `/rounds/{round}/provinces/{code}/${A}`,
    tags: ['workflow'],
    summary: PROVINCE_ACTION_DOCS[action].summary,
    security: SECURITY,
    middleware: [requireRole(PROVINCE_ACTION_DOCS[action].role)],
    request: { params: ProvinceParams, body: { required: false, ...json(TransitionBodySchema) } },
    responses: { 200: { description: 'Done', ...json(ProvinceTransitionSchema) }, ...authedProblems(404, 409) },
  });
}

type Deps = AppEnv['Variables']['deps'];
type TransitionBody = { reason?: string | undefined; version?: number | undefined };

async function runDistrictAction(deps: Deps, user: SessionUser, action: DistrictAction, param: { round: string; code: string }, body: TransitionBody) {
  await assertDistrictInScope(deps.db, user, param.code);
  const result = await transitionDistrictRound(deps.db, action, {
    roundCode: param.round,
    districtCode: param.code,
    actor: user,
    at: deps.now(),
    reason: body.reason,
    expectedVersion: body.version,
  });
  return { ...result, at: result.at.toISOString() };
}

async function runProvinceAction(deps: Deps, user: SessionUser, action: ProvinceAction, param: { round: string; code: string }, body: TransitionBody) {
  assertProvinceInScope(user, param.code);
  const result = await transitionProvinceRound(deps.db, action, {
    roundCode: param.round,
    provinceCode: param.code,
    actor: user,
    at: deps.now(),
    reason: body.reason,
    expectedVersion: body.version,
  });
  return { ...result, at: result.at.toISOString() };
}

export function roundRoutes() {
  return newRouter()
    .openapi(plan, async (c) => {
      const { fy } = c.req.valid('query');
      return c.json({ rounds: await roundPlan(c.get('deps').db, { fiscalYear: fy }) }, 200);
    })
    .openapi(districtStatus, async (c) => {
      const { db } = c.get('deps');
      const user = c.get('user');
      const { round, code } = c.req.valid('param');
      await assertDistrictInScope(db, user, code);
      const status = await districtRoundStatus(db, round, code);
      if (!status) throw notFound();
      const role = workflowRole(user);
      return c.json(
        {
          ...status,
          locked: isDistrictRoundLocked(status.state, status.provinceState),
          allowedActions: role ? allowedDistrictActions(status.state, role, status.provinceState) : [],
        },
        200,
      );
    })
    .openapi(provinceStatus, async (c) => {
      const { db } = c.get('deps');
      const user = c.get('user');
      const { round, code } = c.req.valid('param');
      assertProvinceInScope(user, code);
      const status = await provinceRoundStatus(db, round, code);
      if (!status) throw notFound();
      const role = workflowRole(user);
      return c.json({ ...status, allowedActions: role ? allowedProvinceActions(status.state, role) : [] }, 200);
    })
    .openapi(districtTransition('submit'), async (c) =>
      c.json(await runDistrictAction(c.get('deps'), c.get('user'), 'submit', c.req.valid('param'), c.req.valid('json')), 200),
    )
    .openapi(districtTransition('certify'), async (c) =>
      c.json(await runDistrictAction(c.get('deps'), c.get('user'), 'certify', c.req.valid('param'), c.req.valid('json')), 200),
    )
    .openapi(districtTransition('return'), async (c) =>
      c.json(await runDistrictAction(c.get('deps'), c.get('user'), 'return', c.req.valid('param'), c.req.valid('json')), 200),
    )
    .openapi(districtTransition('reopen'), async (c) =>
      c.json(await runDistrictAction(c.get('deps'), c.get('user'), 'reopen', c.req.valid('param'), c.req.valid('json')), 200),
    )
    .openapi(provinceTransition('report'), async (c) =>
      c.json(await runProvinceAction(c.get('deps'), c.get('user'), 'report', c.req.valid('param'), c.req.valid('json')), 200),
    )
    .openapi(provinceTransition('announce'), async (c) =>
      c.json(await runProvinceAction(c.get('deps'), c.get('user'), 'announce', c.req.valid('param'), c.req.valid('json')), 200),
    );
}
