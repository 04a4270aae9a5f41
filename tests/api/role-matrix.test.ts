import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeThaiId } from '../../domain/thai-id.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { ACCOUNTS, Client, createApiFixture, signIn, type AccountName, type ApiFixture } from './support/api-fixture.ts';

// Every role (and no sign-in at all) against every route. One line per route: adding a route
// to the API without a line here fails the coverage test at the bottom.

type Role = 'anonymous' | 'district' | 'province' | 'department' | 'analyst' | 'admin';
const ROLES: readonly Role[] = ['anonymous', 'district', 'province', 'department', 'analyst', 'admin'];
const SIGNED_IN: Record<Exclude<Role, 'anonymous'>, AccountName> = {
  district: 'district3801',
  province: 'province38',
  department: 'department',
  analyst: 'analyst',
  admin: 'admin',
};
const ALL: Role[] = ['district', 'province', 'department', 'analyst', 'admin'];
const DATA: Role[] = ['district', 'province', 'department', 'analyst'];

interface Ids {
  submission3801: string;
  submission3802: string;
  scratchUser: string;
  counter: number;
}

interface RouteCase {
  /** The route as the router knows it ('POST /api/rounds/:round/districts/:code/submit'). */
  route: string;
  /** A concrete request in the scope of district 3801 / province 38. */
  path: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  /** Roles that get past authorisation; every other signed-in role gets 403, anonymous 401. */
  allowed: Role[] | 'public';
  /** Acceptable statuses for allowed roles (state-changing routes may meet a state they cannot change: 409/422). */
  ok?: number[];
  /** Per-role exceptions: allowed by role but refused for this target (e.g. 403 on rejected rows for national roles). */
  expect?: Partial<Record<Role, number>>;
  /** Sign in afresh for this request (it ends or changes the session). */
  fresh?: boolean;
  /** An event stream: a 200 is closed at once instead of read to its (never coming) end. */
  stream?: boolean;
}

const HEADER = 'ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์';
const SECRET_3802 = { name: 'กลุ่มลับเฉพาะพรเจริญ', id: makeThaiId('338020000001') };
const upload = (district: string, lines: string[]) => () => {
  const fd = new FormData();
  fd.set('file', new File([[HEADER, ...lines].join('\n')], 'm.csv'));
  fd.set('district', district);
  fd.set('round', '2561-Q1');
  return fd;
};

const NO_TOKEN = '00000000-0000-4000-8000-000000000000';

const ROUTES: RouteCase[] = [
  { route: 'GET /api/health', path: () => '/api/health', allowed: 'public' },
  { route: 'GET /api/openapi.json', path: () => '/api/openapi.json', allowed: 'public' },
  { route: 'POST /api/auth/login', path: () => '/api/auth/login', body: (ids) => ({ username: `nobody-${ids.counter++}`, password: 'not-a-password' }), allowed: 'public', ok: [401] },
  { route: 'POST /api/auth/logout', path: () => '/api/auth/logout', allowed: 'public', ok: [204], fresh: true },
  { route: 'GET /api/me', path: () => '/api/me', allowed: ALL },
  { route: 'POST /api/auth/password', path: () => '/api/auth/password', body: () => ({ currentPassword: 'x' }), allowed: ALL, ok: [422] },
  { route: 'GET /api/rounds', path: () => '/api/rounds?fy=2561', allowed: ALL },
  { route: 'GET /api/rounds/:round/districts/:code', path: () => '/api/rounds/2561-Q1/districts/3801', allowed: DATA },
  { route: 'GET /api/rounds/:round/provinces/:code', path: () => '/api/rounds/2561-Q1/provinces/38', allowed: ['province', 'department', 'analyst'] },
  { route: 'POST /api/rounds/:round/districts/:code/submit', path: () => '/api/rounds/2561-Q1/districts/3801/submit', allowed: ['district'], ok: [200, 409] },
  { route: 'POST /api/rounds/:round/districts/:code/certify', path: () => '/api/rounds/2561-Q1/districts/3801/certify', allowed: ['province'], ok: [200, 409] },
  { route: 'POST /api/rounds/:round/districts/:code/return', path: () => '/api/rounds/2561-Q1/districts/3801/return', body: () => ({ reason: 'r' }), allowed: ['province'], ok: [200, 409] },
  { route: 'POST /api/rounds/:round/districts/:code/reopen', path: () => '/api/rounds/2561-Q1/districts/3801/reopen', body: () => ({ reason: 'r' }), allowed: ['province'], ok: [200, 409] },
  { route: 'POST /api/rounds/:round/provinces/:code/report', path: () => '/api/rounds/2561-Q1/provinces/38/report', allowed: ['province'], ok: [200, 409, 422] },
  { route: 'POST /api/rounds/:round/provinces/:code/announce', path: () => '/api/rounds/2561-Q1/provinces/38/announce', allowed: ['department'], ok: [200, 409] },
  { route: 'GET /api/progress', path: () => '/api/progress?fy=2561', allowed: DATA },
  { route: 'GET /api/events', path: () => '/api/events', allowed: DATA, stream: true },
  { route: 'GET /api/boundaries', path: () => '/api/boundaries', allowed: DATA },
  { route: 'GET /api/attention/provinces/:code', path: () => '/api/attention/provinces/38?fy=2561', allowed: ['province', 'department', 'analyst'] },
  { route: 'GET /api/attention/department', path: () => '/api/attention/department?fy=2561', allowed: ['department', 'analyst'] },
  { route: 'GET /api/producers', path: () => '/api/producers', allowed: DATA },
  { route: 'GET /api/producers.xlsx', path: () => '/api/producers.xlsx?fy=2561', allowed: DATA },
  { route: 'GET /api/products.xlsx', path: () => '/api/products.xlsx?fy=2561', allowed: DATA },
  { route: 'GET /api/products', path: () => '/api/products', allowed: DATA },
  { route: 'POST /api/tables.xlsx', path: () => '/api/tables.xlsx', body: () => ({ title: 'ตาราง', columns: [{ label: 'อำเภอ', kind: 'text' }], rows: [['เมือง']] }), allowed: ALL },
  { route: 'GET /api/audit', path: () => '/api/audit', allowed: ALL },
  { route: 'GET /api/submissions', path: () => '/api/submissions', allowed: DATA },
  { route: 'GET /api/submissions/:id', path: (ids) => `/api/submissions/${ids.submission3801}`, allowed: DATA },
  {
    route: 'GET /api/submissions/:id/rejected.csv',
    path: (ids) => `/api/submissions/${ids.submission3801}/rejected.csv`,
    allowed: DATA,
    expect: { department: 403, analyst: 403 },
  },
  {
    route: 'POST /api/submissions',
    path: () => '/api/submissions',
    body: upload('3801', [`กลุ่มเมทริกซ์,${makeThaiId('338010000777')},กลุ่มผู้ผลิตชุมชน,บึงกาฬ,ขนม,อาหาร`]),
    allowed: ['district', 'province', 'department'],
    ok: [201, 409],
  },
  {
    route: 'POST /api/registrations',
    path: () => '/api/registrations',
    body: () => ({
      district: '3801',
      round: '2561-Q1',
      fields: { producer_name: 'กลุ่มฟอร์ม', citizen_id: makeThaiId('338010000888'), producer_type: 'กลุ่มผู้ผลิตชุมชน', subdistrict: 'บึงกาฬ', product_name: 'ขนม', category: 'อาหาร' },
    }),
    allowed: ['district', 'province', 'department'],
    ok: [201, 409],
  },
  { route: 'GET /api/templates/registration.xlsx', path: () => '/api/templates/registration.xlsx?district=3801', allowed: DATA },
  { route: 'GET /api/templates/registration.csv', path: () => '/api/templates/registration.csv', allowed: DATA },
  { route: 'GET /api/reports/plan.pdf', path: () => '/api/reports/plan.pdf?fy=2561', allowed: DATA },
  { route: 'GET /api/reports/report-form.pdf', path: () => '/api/reports/report-form.pdf?fy=2561', allowed: DATA },
  { route: 'GET /api/reports/summary.pdf', path: () => '/api/reports/summary.pdf?fy=2561', allowed: DATA },
  { route: 'GET /api/reports/certification.pdf', path: () => '/api/reports/certification.pdf?round=2561-Q1&province=38', allowed: ['province', 'department', 'analyst'], ok: [200, 409] /* 409: nothing of the round is certified at this point of the matrix */ },
  { route: 'GET /api/reports/letter.pdf', path: () => '/api/reports/letter.pdf?round=2561-Q1&province=38', allowed: ['province', 'department', 'analyst'] },
  { route: 'GET /api/reports/plan-check.pdf', path: () => '/api/reports/plan-check.pdf?fy=2561', allowed: DATA },
  { route: 'GET /api/reports/announcement.pdf', path: () => '/api/reports/announcement.pdf?round=2561-Q1', allowed: DATA },
  { route: 'GET /api/reports/letter.zip', path: () => '/api/reports/letter.zip?round=2561-Q1&province=38', allowed: ['province', 'department', 'analyst'] },
  { route: 'GET /api/offices/:province', path: () => '/api/offices/38', allowed: ['admin', 'province', 'department'], ok: [200, 404] /* 404: no office set yet */ },
  { route: 'GET /api/offices/:province/emblem', path: () => '/api/offices/38/emblem', allowed: ['admin', 'province', 'department'], ok: [404] /* no emblem set */ },
  { route: 'PUT /api/offices/:province', path: () => '/api/offices/38', body: () => ({ name: '', address: '', phone: '', email: '' }), allowed: ['admin'], ok: [422] },
  { route: 'POST /api/offices/:province/emblem', path: () => '/api/offices/38/emblem', allowed: ['admin'], ok: [409, 422] },
  { route: 'DELETE /api/offices/:province/emblem', path: () => '/api/offices/38/emblem', allowed: ['admin'], ok: [409, 200] },
  { route: 'GET /api/reports/accounts.pdf', path: () => '/api/reports/accounts.pdf', allowed: ['province', 'department', 'admin'] },
  { route: 'GET /api/exports/:file', path: () => '/api/exports/products.arrows?fy=2561', allowed: DATA },
  { route: 'GET /api/admin/users', path: () => '/api/admin/users', allowed: ['admin'] },
  { route: 'POST /api/admin/users', path: () => '/api/admin/users', body: (ids) => ({ username: `matrix-user-${ids.counter++}`, role: 'analyst' }), allowed: ['admin'], ok: [201] },
  { route: 'GET /api/admin/users/:id', path: (ids) => `/api/admin/users/${ids.scratchUser}`, allowed: ['admin'] },
  { route: 'POST /api/admin/users/:id/disable', path: (ids) => `/api/admin/users/${ids.scratchUser}/disable`, allowed: ['admin'] },
  { route: 'POST /api/admin/users/:id/enable', path: (ids) => `/api/admin/users/${ids.scratchUser}/enable`, allowed: ['admin'] },
  { route: 'POST /api/admin/users/:id/reset', path: (ids) => `/api/admin/users/${ids.scratchUser}/reset`, allowed: ['admin'] },
  { route: 'POST /api/tokens', path: () => '/api/tokens', body: () => ({ name: 'matrix', expiresInDays: 30 }), allowed: ALL, ok: [201] },
  { route: 'GET /api/tokens', path: () => '/api/tokens', allowed: ALL },
  { route: 'DELETE /api/tokens/:id', path: () => `/api/tokens/${NO_TOKEN}`, allowed: ALL, ok: [404] },
  { route: 'GET /api/admin/users/:id/tokens', path: (ids) => `/api/admin/users/${ids.scratchUser}/tokens`, allowed: ['admin'] },
  { route: 'DELETE /api/admin/users/:id/tokens/:tokenId', path: (ids) => `/api/admin/users/${ids.scratchUser}/tokens/${NO_TOKEN}`, allowed: ['admin'], ok: [404] },
];

/**
 * The district officer of 3801 asking for 3802's data (and province 43's) by every path: each
 * answer is 403 or 404, and none carries 3802's producers.
 */
const FOREIGN: { label: string; method: 'GET' | 'POST'; path: (ids: Ids) => string; body?: (ids: Ids) => unknown }[] = [
  { label: 'district state', method: 'GET', path: () => '/api/rounds/2561-Q1/districts/3802' },
  { label: 'province state of its own province', method: 'GET', path: () => '/api/rounds/2561-Q1/provinces/38' },
  { label: 'another province’s state', method: 'GET', path: () => '/api/rounds/2561-Q1/provinces/43' },
  { label: 'submit for 3802', method: 'POST', path: () => '/api/rounds/2561-Q1/districts/3802/submit' },
  { label: 'certify 3802', method: 'POST', path: () => '/api/rounds/2561-Q1/districts/3802/certify' },
  { label: 'return 3802', method: 'POST', path: () => '/api/rounds/2561-Q1/districts/3802/return', body: () => ({ reason: 'x' }) },
  { label: 'reopen 3802', method: 'POST', path: () => '/api/rounds/2561-Q1/districts/3802/reopen', body: () => ({ reason: 'x' }) },
  { label: 'report province', method: 'POST', path: () => '/api/rounds/2561-Q1/provinces/38/report', body: () => ({ reason: 'x' }) },
  { label: 'announce province', method: 'POST', path: () => '/api/rounds/2561-Q1/provinces/38/announce' },
  { label: 'progress of 3802', method: 'GET', path: () => '/api/progress?fy=2561&district=3802' },
  { label: 'progress of province 43', method: 'GET', path: () => '/api/progress?fy=2561&province=43' },
  { label: 'report form of 3802', method: 'GET', path: () => '/api/reports/report-form.pdf?fy=2561&district=3802' },
  { label: 'report form of province 43', method: 'GET', path: () => '/api/reports/report-form.pdf?fy=2561&province=43' },
  { label: 'summary of 3802', method: 'GET', path: () => '/api/reports/summary.pdf?fy=2561&district=3802' },
  { label: 'producers export of 3802', method: 'GET', path: () => '/api/exports/producers.arrows?district=3802' },
  { label: 'products export of province 43', method: 'GET', path: () => '/api/exports/products.csv?province=43' },
  { label: 'producers of 3802', method: 'GET', path: () => '/api/producers?district=3802' },
  { label: 'producers of province 43', method: 'GET', path: () => '/api/producers?province=43' },
  { label: 'products of 3802', method: 'GET', path: () => '/api/products?district=3802' },
  { label: 'audit of 3802', method: 'GET', path: () => '/api/audit?district=3802' },
  { label: 'submissions of 3802', method: 'GET', path: () => '/api/submissions?district=3802' },
  { label: 'a 3802 submission', method: 'GET', path: (ids) => `/api/submissions/${ids.submission3802}` },
  { label: 'a 3802 submission’s rejected rows', method: 'GET', path: (ids) => `/api/submissions/${ids.submission3802}/rejected.csv` },
  { label: 'upload for 3802', method: 'POST', path: () => '/api/submissions', body: upload('3802', [`กลุ่มแทรก,${makeThaiId('338020000999')},กลุ่มผู้ผลิตชุมชน,ศรีชมภู,ขนม,อาหาร`]) },
  { label: 'upload for the whole province', method: 'POST', path: () => '/api/submissions', body: upload('38', []) },
  {
    label: 'form for 3802',
    method: 'POST',
    path: () => '/api/registrations',
    body: () => ({ district: '3802', round: '2561-Q1', fields: { producer_name: 'x', citizen_id: makeThaiId('338020000998'), producer_type: 'กลุ่มผู้ผลิตชุมชน', subdistrict: 'ศรีชมภู', product_name: 'x', category: 'อาหาร' } }),
  },
  { label: 'the import template of 3802', method: 'GET', path: () => '/api/templates/registration.xlsx?district=3802' },
  { label: 'accounts', method: 'GET', path: () => '/api/admin/users?district=3802' },
];

async function send(client: Client, method: string, path: string, body: unknown): Promise<Response> {
  if (body instanceof FormData) return client.send(method, path, { body });
  if (method === 'GET') return client.get(path);
  return body === undefined && method !== 'POST' ? client.send(method, path) : client.send(method, path, { json: body });
}

describe(`role × route matrix (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  const clients = {} as Record<Role, Client>;
  const ids: Ids = { submission3801: '', submission3802: '', scratchUser: '', counter: 0 };

  beforeAll(async () => {
    f = await createApiFixture();
    clients.anonymous = new Client(f.app);
    for (const role of ALL) clients[role] = await signIn(f.app, SIGNED_IN[role as Exclude<Role, 'anonymous'>]);
    const d3802 = await signIn(f.app, 'district3802');
    const a = await send(clients.district, 'POST', '/api/submissions', upload('3801', [`กลุ่มเมือง,${makeThaiId('338010000001')},กลุ่มผู้ผลิตชุมชน,บึงกาฬ,ขนม,อาหาร`, `ผิด,${makeThaiId('338010000002')},กลุ่มผู้ผลิตชุมชน,ไม่มี,ขนม,อาหาร`])());
    expect(a.status).toBe(201);
    ids.submission3801 = ((await a.json()) as { submissionId: string }).submissionId;
    const b = await send(d3802, 'POST', '/api/submissions', upload('3802', [`${SECRET_3802.name},${SECRET_3802.id},กลุ่มผู้ผลิตชุมชน,ศรีชมภู,ข้าวหลาม,อาหาร`, `ผิด,${makeThaiId('338020000002')},กลุ่มผู้ผลิตชุมชน,ไม่มี,ขนม,อาหาร`])());
    expect(b.status).toBe(201);
    ids.submission3802 = ((await b.json()) as { submissionId: string }).submissionId;
    const scratch = await clients.admin.post('/api/admin/users', { username: 'scratch-user', role: 'analyst' });
    ids.scratchUser = ((await scratch.json()) as { account: { id: string } }).account.id;
  });
  afterAll(async () => f.close());

  for (const r of ROUTES) {
    describe(r.route, () => {
      for (const role of ROLES) {
        const allowed = r.allowed === 'public' || (role !== 'anonymous' && r.allowed.includes(role));
        const expected = r.expect?.[role];
        const label = expected ? `→ ${expected}` : allowed ? `→ ${(r.ok ?? [200]).join('/')}` : role === 'anonymous' ? '→ 401' : '→ 403';
        it(`${role} ${label}`, async () => {
          let client = clients[role];
          if (r.fresh && role !== 'anonymous') client = await signIn(f.app, SIGNED_IN[role]);
          const res = await send(client, r.route.split(' ')[0]!, r.path(ids), r.body?.(ids));
          const text = r.stream && res.status === 200 ? (await res.body?.cancel(), '') : await res.text();
          if (expected) {
            expect(res.status, text.slice(0, 300)).toBe(expected);
          } else if (allowed) {
            expect(r.ok ?? [200], text.slice(0, 300)).toContain(res.status);
          } else {
            expect(res.status, text.slice(0, 300)).toBe(role === 'anonymous' ? 401 : 403);
          }
          if (res.status >= 400) {
            expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
            expect(text).not.toContain(SECRET_3802.name);
          }
        });
      }
    });
  }

  describe('the district officer of 3801 asking for 3802 (or province 43) by every path', () => {
    for (const q of FOREIGN) {
      it(`${q.method} ${q.label}: 403 or 404, never data`, async () => {
        const res = await send(clients.district, q.method, q.path(ids), q.body?.(ids));
        const text = await res.text();
        expect([403, 404], text.slice(0, 300)).toContain(res.status);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(text).not.toContain(SECRET_3802.name);
        expect(text).not.toContain(SECRET_3802.id);
        expect(text).not.toContain('ข้าวหลาม');
      });
    }

    it('unfiltered reads hold only 3801’s rows', async () => {
      for (const path of ['/api/producers?limit=200', '/api/products?limit=200', '/api/submissions?limit=200', '/api/audit?limit=200', '/api/progress?fy=2561']) {
        const res = await clients.district.get(path);
        expect(res.status, path).toBe(200);
        const text = await res.text();
        expect(text, path).not.toContain(SECRET_3802.name);
        expect(text, path).not.toContain(SECRET_3802.id);
        expect(text, path).not.toContain('"3802"');
      }
    });

    it('the province officer of 43 sees nothing of 38 by any path', async () => {
      const p43 = await signIn(f.app, 'province43');
      for (const path of [
        '/api/rounds/2561-Q1/districts/3802',
        '/api/rounds/2561-Q1/provinces/38',
        '/api/producers?province=38',
        '/api/producers?district=3802',
        `/api/submissions/${ids.submission3802}`,
        `/api/submissions/${ids.submission3802}/rejected.csv`,
        '/api/progress?fy=2561&province=38',
      ]) {
        const res = await p43.get(path);
        expect(res.status, path).toBe(404);
      }
      for (const path of ['/api/producers?limit=200', '/api/submissions', '/api/audit?limit=200']) {
        const text = await (await p43.get(path)).text();
        expect(text).not.toContain(SECRET_3802.name);
        expect(text).not.toContain('"38"');
      }
    });
  });

  it('covers every route of the API (a new route needs a line in this matrix)', () => {
    const routes = new Set(
      f.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
        .map((r) => `${r.method} ${r.path}`),
    );
    const covered = new Set(ROUTES.map((r) => r.route));
    expect([...routes].filter((r) => !covered.has(r)).sort()).toEqual([]);
    expect([...covered].filter((r) => !routes.has(r)).sort()).toEqual([]);
  });

  it('the fixture accounts are the five roles', () => {
    expect(new Set(Object.values(SIGNED_IN).map((n) => ACCOUNTS[n].role))).toEqual(new Set(['district', 'province', 'department', 'analyst', 'admin']));
  });
});
