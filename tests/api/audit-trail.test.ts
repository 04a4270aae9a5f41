import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { importAccounts } from '../../api/accounts/import-accounts.ts';
import { createApp } from '../../api/create-app.ts';
import { createDb } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import { makeThaiId } from '../../domain/thai-id.ts';
import { LETTER_PLAN_AS_MEANT } from '../../domain/letter-plan.ts';
import { readGeographyDir } from '../../pipeline/generate/national-geography.ts';
import { importGeography } from '../../pipeline/import-geography.ts';
import { loadPlan } from '../../pipeline/load-plan.ts';
import { DISTRICT_ROUND_LOCK_CLASS } from '../../pipeline/load/district-round-locks.ts';
import { fixture } from '../pipeline/pipeline-fixtures.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { Client, createApiFixture, signIn, type ApiFixture } from './support/api-fixture.ts';

type AuditRow = {
  id: number;
  user_id: string | null;
  username: string;
  action: string;
  round_code: string | null;
  province_code: string | null;
  district_code: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
};
type Problem = { type: string; status: number; title: string; titleTh: string; detail: string; detailTh: string; submissionId?: string };

const HEADER = 'ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์';
const id = (n: number) => makeThaiId(`3380100${String(n).padStart(5, '0')}`);
const sha256 = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');

function uploadForm(text: string, fields: Record<string, string>, name = 'registrations.csv'): FormData {
  const fd = new FormData();
  fd.set('file', new File([text], name, { type: 'text/csv' }));
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

describe(`the audit trail of writes (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  let district: Client;
  let admin: Client;
  const audit = (where: ReturnType<typeof sql>) =>
    queryRows<AuditRow>(f.t.db, sql`select id, user_id, username, action, round_code, province_code, district_code, reason, details from audit_log where ${where} order by id`);
  const ofSubmission = (submissionId: string) => audit(sql`details->>'submissionId' = ${submissionId}`);

  beforeAll(async () => {
    f = await createApiFixture();
    district = await signIn(f.app, 'district3801');
    admin = await signIn(f.app, 'admin');
  });
  afterAll(async () => f.close());

  it('an upload writes exactly one audit row: who, district, round, the file’s SHA-256 and what the load did', async () => {
    const text = [
      HEADER,
      `กลุ่มแม่บ้านน้ำพริก,${id(1)},กลุ่มผู้ผลิตชุมชน,บึงกาฬ,น้ำพริกเผา,อาหาร`,
      `กลุ่มแม่บ้านน้ำพริก,${id(1)},กลุ่มผู้ผลิตชุมชน,บึงกาฬ,ชาตะไคร้,เครื่องดื่ม`,
      `นางสมใจ ทอผ้า,1234567890123,ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว,บึงกาฬ,ผ้าไหม,ผ้า เครื่องแต่งกาย`,
    ].join('\n');
    const res = await district.send('POST', '/api/submissions', { body: uploadForm(text, { district: '3801', round: '2561-Q1' }) });
    expect(res.status).toBe(201);
    const report = (await res.json()) as { submissionId: string; status: string };
    expect(report.status).toBe('partially-loaded');
    const rows = await ofSubmission(report.submissionId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      user_id: f.userIds.district3801,
      username: 'district3801',
      action: 'submission.partially-loaded',
      round_code: '2561-Q1',
      province_code: '38',
      district_code: '3801',
      reason: null,
      details: {
        submissionId: report.submissionId, kind: 'file', status: 'partially-loaded', dryRun: false, fileName: 'registrations.csv',
        fileSha256: sha256(text), sizeBytes: Buffer.byteLength(text), rowsRead: 3, accepted: 2, created: 2, updated: 0, unchanged: 0, rejected: 1,
      },
    });

    // The same file again: nothing changes, and that is audited too (as a duplicate).
    const again = await district.send('POST', '/api/submissions', { body: uploadForm(text, { district: '3801', round: '2561-Q1' }) });
    const second = (await again.json()) as { submissionId: string; status: string };
    expect(second.status).toBe('duplicate');
    expect((await ofSubmission(second.submissionId)).map((r) => [r.action, r.details?.fileSha256, r.details?.duplicateOf])).toEqual([
      ['submission.duplicate', sha256(text), report.submissionId],
    ]);
  });

  it('a single registration from the form is audited like a file', async () => {
    const res = await district.post('/api/registrations', {
      district: '3801',
      round: '2561-Q1',
      fields: { producer_name: 'กลุ่มจักสาน', citizen_id: id(3), producer_type: 'กลุ่มผู้ผลิตชุมชน', subdistrict: 'บึงกาฬ', product_name: 'ตะกร้า', category: 'ของใช้ ของตกแต่ง ของที่ระลึก' },
    });
    expect(res.status).toBe(201);
    const report = (await res.json()) as { submissionId: string };
    const rows = await ofSubmission(report.submissionId);
    expect(rows.map((r) => [r.action, r.username, r.district_code, r.details?.kind, r.details?.created])).toEqual([
      ['submission.loaded', 'district3801', '3801', 'form', 1],
    ]);
  });

  it('a load that fails answers 500 problem+json with the submission id — never 2xx — and audits the failure, not a load', async () => {
    // A condition of the database the file runs into: a rule on product names (real constraint, real rollback).
    await f.t.db.execute(sql.raw(`alter table products add constraint audit_test_no_forbidden check (name <> 'ผ้าต้องห้าม') not valid`));
    try {
      const text = [HEADER, `กลุ่มทอผ้า,${id(4)},กลุ่มผู้ผลิตชุมชน,บึงกาฬ,ผ้าต้องห้าม,ผ้า เครื่องแต่งกาย`].join('\n');
      const res = await district.send('POST', '/api/submissions', { body: uploadForm(text, { district: '3801', round: '2561-Q1' }) });
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = (await res.json()) as Problem;
      expect(body).toMatchObject({ status: 500, type: expect.stringMatching(/\/load-failed$/) });
      expect(body.submissionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.detail).toContain(body.submissionId);
      expect(body.detailTh).toContain(body.submissionId);
      // The officer finds it again by its id: failed, nothing loaded.
      const stored = (await (await district.get(`/api/submissions/${body.submissionId}`)).json()) as { status: string };
      expect(stored.status).toBe('failed');
      const [n] = await queryRows<{ n: number }>(f.t.db, sql`select count(*)::int as n from products where name = 'ผ้าต้องห้าม'`);
      expect(n!.n).toBe(0);
      const rows = await ofSubmission(body.submissionId!);
      expect(rows.map((r) => r.action)).toEqual(['submission.failed']);
      expect(rows[0]!.reason).toContain('audit_test_no_forbidden');
      expect(rows[0]!.username).toBe('district3801');
    } finally {
      await f.t.db.execute(sql.raw('alter table products drop constraint audit_test_no_forbidden'));
    }
  });

  const onPostgres = TEST_ENGINE === 'postgres';
  // The advisory lock a workflow action on district 3801, round 2561-Q1 takes (docs/security.md, Lock order).
  const ROUND_3801_KEY = (2561 * 10 + 1) * 10000 + 3801;

  it.skipIf(!onPostgres)(
    'a load that cannot get its lock within lock_timeout answers 409 with the submission id (PostgreSQL only: the embedded engine has one session, so nothing else can hold a lock)',
    async () => {
      const name = new URL(f.t.url!).pathname.slice(1);
      await f.t.db.execute(sql.raw(`alter database "${name}" set lock_timeout = '300ms'`));
      const second = await createDb({ databaseUrl: f.t.url!, maxConnections: 3 });
      const holder = postgres(f.t.url!, { max: 1, onnotice: () => {} });
      try {
        const app = createApp({ db: second.db, engine: 'postgres', config: f.config, now: () => f.clock.now });
        const client = Object.assign(new Client(app), { cookie: district.cookie, csrf: district.csrf });
        const text = [HEADER, `กลุ่มสมุนไพร,${id(5)},กลุ่มผู้ผลิตชุมชน,บึงกาฬ,ยาหม่อง,สมุนไพรที่ไม่ใช่อาหาร`].join('\n');
        let status = 0;
        let body = {} as Problem;
        // Another transaction holds the district's round lock (as a certify in progress does): the load waits, then times out.
        await holder.begin(async (tx) => {
          await tx`select pg_advisory_xact_lock_shared(${DISTRICT_ROUND_LOCK_CLASS}, ${ROUND_3801_KEY})`;
          const res = await client.send('POST', '/api/submissions', { body: uploadForm(text, { district: '3801', round: '2561-Q1' }) });
          status = res.status;
          body = (await res.json()) as Problem;
        });
        expect(status).toBe(409);
        expect(body).toMatchObject({ status: 409, type: expect.stringMatching(/\/load-conflict$/) });
        expect(body.submissionId).toMatch(/^[0-9a-f-]{36}$/);
        const rows = await ofSubmission(body.submissionId!);
        expect(rows.map((r) => r.action)).toEqual(['submission.failed']);
        expect(rows[0]!.reason).toMatch(/^\[55P03\]/);
      } finally {
        await holder.end();
        await second.close();
        await f.t.db.execute(sql.raw(`alter database "${name}" reset lock_timeout`));
      }
    },
  );

  it.skipIf(!onPostgres)(
    'a load whose database connection is cut answers 503 with the submission id (PostgreSQL only: the embedded engine has no connection to cut)',
    async () => {
      const holder = postgres(f.t.url!, { max: 1, onnotice: () => {} });
      try {
        const text = [HEADER, `กลุ่มไม้ไผ่,${id(6)},กลุ่มผู้ผลิตชุมชน,บึงกาฬ,กระติ๊บ,ของใช้ ของตกแต่ง ของที่ระลึก`].join('\n');
        let answer: Promise<Response> | null = null;
        await holder.begin(async (tx) => {
          await tx`select pg_advisory_xact_lock_shared(${DISTRICT_ROUND_LOCK_CLASS}, ${ROUND_3801_KEY})`;
          answer = district.send('POST', '/api/submissions', { body: uploadForm(text, { district: '3801', round: '2561-Q1' }) });
          // The load waits for the lock; its connection is then ended by the server (as a failover or restart would).
          for (let i = 0; i < 200; i++) {
            // The one backend our lock blocks is the load's (it waits for the district's round lock).
            const waiting = await tx<{ pid: number }[]>`
              select pid from pg_stat_activity where pg_backend_pid() = any(pg_blocking_pids(pid))`;
            if (waiting.length > 0) {
              await tx`select pg_terminate_backend(${waiting[0]!.pid})`;
              break;
            }
            await new Promise((r) => setTimeout(r, 25));
          }
        });
        const res = await answer!;
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('30');
        const body = (await res.json()) as Problem;
        expect(body).toMatchObject({ status: 503, type: expect.stringMatching(/\/database-unavailable$/) });
        const rows = await ofSubmission(body.submissionId!);
        expect(rows.map((r) => r.action)).toEqual(['submission.failed']);
        expect(rows[0]!.reason).toMatch(/^\[(57P01|CONNECTION_\w+)\]/);
      } finally {
        await holder.end();
      }
    },
  );

  it('account create, reset, disable, enable and password change are audited without a password or code', async () => {
    const created = await admin.post('/api/admin/users', { username: 'audit-officer', role: 'district', scope: '3802' });
    expect(created.status).toBe(201);
    const { account, activationCode: first } = (await created.json()) as { account: { id: string }; activationCode: string };
    const reset = (await (await admin.post(`/api/admin/users/${account.id}/reset`, {})).json()) as { activationCode: string };
    expect((await admin.post(`/api/admin/users/${account.id}/disable`, {})).status).toBe(200);
    expect((await admin.post(`/api/admin/users/${account.id}/enable`, {})).status).toBe(200);
    const officer = new Client(f.app);
    expect((await officer.post('/api/auth/login', { username: 'audit-officer', activationCode: reset.activationCode }, { headers: { 'x-forwarded-for': '10.7.0.1' } })).status).toBe(200);
    const me = (await (await officer.get('/api/me')).json()) as { csrfToken?: string };
    officer.csrf ??= me.csrfToken;
    const newPassword = 'a-new-password-for-audit-42';
    const changed = await officer.post('/api/auth/password', { activationCode: reset.activationCode, newPassword });
    expect(changed.status).toBeLessThan(300);

    const rows = await audit(sql`details->>'targetId' = ${account.id}`);
    expect(rows.map((r) => [r.action, r.username, r.district_code])).toEqual([
      ['user.create', 'admin', '3802'],
      ['user.reset', 'admin', '3802'],
      ['user.disable', 'admin', '3802'],
      ['user.enable', 'admin', '3802'],
      ['user.password', 'audit-officer', '3802'],
    ]);
    const everything = await queryRows<{ row: string }>(f.t.db, sql`select a::text as row from audit_log a`);
    const text = everything.map((r) => r.row).join('\n');
    for (const secret of [first, reset.activationCode, first.replace(/-/g, ''), reset.activationCode.replace(/-/g, ''), newPassword]) {
      expect(text).not.toContain(secret);
    }
  });

  it('an account import is audited: one row per account and one for the import, no codes', async () => {
    const result = await importAccounts(
      f.t.db,
      [
        { line: 2, input: { username: 'import-one', role: 'district', scope: '3803' } },
        { line: 3, input: { username: 'district3801', role: 'district', scope: '3801' } },
      ],
      { actor: { id: null, username: 'cli:registrar' }, now: f.clock.now, activationTtlDays: 14 },
    );
    expect(result.created).toHaveLength(1);
    const rows = await audit(sql`username = 'cli:registrar'`);
    expect(rows.map((r) => [r.action, r.details?.target ?? null])).toEqual([
      ['user.create', 'import-one'],
      ['user.import', null],
    ]);
    expect(rows[1]!.details).toEqual({ lines: 2, created: [{ username: 'import-one', role: 'district', scope: '3803' }], skipped: ['district3801'] });
    expect(JSON.stringify(rows)).not.toContain(result.created[0]!.activationCode);
  });

  it('a plan load and a geography import that change something are audited in their transaction; a repeat writes nothing', async () => {
    // The fixture's plan (the seed's) with one window's note changed.
    const windows = LETTER_PLAN_AS_MEANT.map((w, i) => (i === 0 ? { ...w, note: 'แก้ไขหมายเหตุโดยการทดสอบ' } : w));
    const plan = await loadPlan(f.t.db, windows, { acceptWarnings: true, actor: { id: null, username: 'cli:planner' }, source: { fileName: 'plan.csv', sha256: 'a'.repeat(64) } });
    expect(plan.loaded).toBe(true);
    await loadPlan(f.t.db, windows, { acceptWarnings: true, actor: { id: null, username: 'cli:planner' } });
    const planRows = await audit(sql`action = 'plan.load' and username = 'cli:planner'`);
    expect(planRows).toHaveLength(1);
    expect(planRows[0]!.details).toMatchObject({ newRounds: [], windowsChanged: 1, windows: 15, fileName: 'plan.csv', fileSha256: 'a'.repeat(64) });

    const files = readGeographyDir(fixture('geo'))!;
    const geo = await importGeography(f.t.db, files, { actor: { id: f.userIds.admin, username: 'admin' } });
    await importGeography(f.t.db, files, { actor: { id: f.userIds.admin, username: 'admin' } });
    const geoRows = await audit(sql`action = 'geography.import'`);
    expect(geoRows).toHaveLength(1);
    expect(geoRows[0]).toMatchObject({ user_id: f.userIds.admin, username: 'admin', details: { provinces: geo.provinces, districts: geo.districts, subdistricts: geo.subdistricts, problems: geo.problems.length } });
  });

  it.skipIf(!onPostgres)(
    'the CLI audits as --as <account>, or as cli:<OS user> without it (PostgreSQL only: the CLI runs in a process of its own)',
    () => {
      const env = { ...process.env, DATABASE_URL: f.t.url!, DEMO: '0' };
      const asAdmin = spawnSync(process.execPath, ['bin/otop.js', 'users', 'create', '--username', 'cli-made', '--role', 'analyst', '--as', 'admin'], { encoding: 'utf8', env });
      expect(asAdmin.status, asAdmin.stderr).toBe(0);
      const asOs = spawnSync(process.execPath, ['bin/otop.js', 'users', 'reset', '--username', 'cli-made'], { encoding: 'utf8', env });
      expect(asOs.status, asOs.stderr).toBe(0);
      const nobody = spawnSync(process.execPath, ['bin/otop.js', 'users', 'reset', '--username', 'cli-made', '--as', 'no-such-admin'], { encoding: 'utf8', env });
      expect(nobody.status).toBe(2);
      expect(nobody.stderr).toContain('ไม่พบผู้ใช้');
      return audit(sql`details->>'target' = 'cli-made'`).then((rows) => {
        expect(rows.map((r) => [r.action, r.user_id === f.userIds.admin, r.username.startsWith('cli:')])).toEqual([
          ['user.create', true, false],
          ['user.reset', false, true],
        ]);
      });
    },
  );
});
