import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, districtRounds } from '../../db/schema/index.ts';
import type { DistrictAction, DistrictRoundState } from '../../domain/round-state.ts';
import { createAccount } from '../../api/accounts/create-account.ts';
import { CLI_ACTOR } from '../../api/accounts/account-actor.ts';
import {
  announceProvinceRound,
  certifyDistrictRound,
  reopenDistrictRound,
  reportProvinceRound,
  returnDistrictRound,
  submitDistrictRound,
  WorkflowError,
  type WorkflowActor,
} from '../../api/workflow/index.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { Client, createApiFixture, signIn, type ApiFixture } from './support/api-fixture.ts';

type Transition = { from: string; to: string; version: number; timeliness: string | null; reason: string | null; auditId: number };
type Problem = { type: string; status: number; currentState?: string; provinceState?: string; version?: number; missingDistricts?: { code: string }[]; issues?: { column: string }[] };

const BUENG_KAN = ['3801', '3802', '3803', '3804', '3805', '3806', '3807', '3808'];

describe(`workflow: district → province → department (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  let district: Record<string, Client>;
  let province: Client;
  let department: Client;
  const actor = (districtCode: string): WorkflowActor => ({ id: null, username: `district${districtCode}`, role: 'district', provinceCode: '38', districtCode });
  const provinceActor: WorkflowActor = { id: null, username: 'province38', role: 'province', provinceCode: '38', districtCode: null };
  const departmentActor: WorkflowActor = { id: null, username: 'department', role: 'department', provinceCode: null, districtCode: null };

  /** Moves the clock and signs in again those used afterwards (sessions last hours; the plan spans a year). */
  async function setClock(iso: string): Promise<void> {
    f.clock.set(iso);
    for (const code of ['3801', '3802']) {
      const c = new Client(f.app);
      expect((await c.login(`district${code}`, `district-${code}-password`, { 'x-forwarded-for': `10.3.1.${code.slice(2)}` })).status).toBe(200);
      district[code] = c;
    }
    province = await signIn(f.app, 'province38');
    department = await signIn(f.app, 'department');
  }

  beforeAll(async () => {
    f = await createApiFixture();
    // Districts 3803–3808 get officers too, so every district's action can go over HTTP.
    await Promise.all(
      BUENG_KAN.slice(2).map((code) =>
        createAccount(f.t.db, { username: `district${code}`, role: 'district', scope: code, password: `district-${code}-password` }, { actor: CLI_ACTOR, now: new Date(), activationTtlDays: 1 }),
      ),
    );
    district = { '3801': await signIn(f.app, 'district3801'), '3802': await signIn(f.app, 'district3802') };
    for (const code of BUENG_KAN.slice(2)) {
      const c = new Client(f.app);
      expect((await c.login(`district${code}`, `district-${code}-password`, { 'x-forwarded-for': `10.3.0.${code.slice(2)}` })).status).toBe(200);
      district[code] = c;
    }
    province = await signIn(f.app, 'province38');
    department = await signIn(f.app, 'department');
  });
  afterAll(async () => f.close());

  const at = (iso: string) => new Date(iso);
  const act = (client: Client, round: string, code: string, action: string, body: Record<string, unknown> = {}) =>
    client.post(`/api/rounds/${round}/districts/${code}/${action}`, body);
  const actProvince = (client: Client, round: string, action: string, body: Record<string, unknown> = {}) =>
    client.post(`/api/rounds/${round}/provinces/38/${action}`, body);

  /** Drives a district of a round into a state through the commands (each step audited). */
  async function driveTo(round: string, code: string, state: DistrictRoundState): Promise<void> {
    const when = at('2017-11-01T05:00:00Z');
    if (state === 'open') return;
    await submitDistrictRound(f.t.db, { roundCode: round, districtCode: code, actor: actor(code), at: when });
    if (state === 'submitted') return;
    if (state === 'returned') {
      await returnDistrictRound(f.t.db, { roundCode: round, districtCode: code, actor: provinceActor, at: when, reason: 'แก้ไขข้อมูล' });
      return;
    }
    await certifyDistrictRound(f.t.db, { roundCode: round, districtCode: code, actor: provinceActor, at: when });
  }

  describe('every district transition from every state', () => {
    const NEXT: Record<DistrictAction, Partial<Record<DistrictRoundState, DistrictRoundState>>> = {
      submit: { open: 'submitted', returned: 'submitted' },
      certify: { submitted: 'certified' },
      return: { submitted: 'returned' },
      reopen: { certified: 'returned' },
    };
    const states: DistrictRoundState[] = ['open', 'submitted', 'returned', 'certified'];
    const actions: DistrictAction[] = ['submit', 'certify', 'return', 'reopen'];
    // 16 cases, each in its own (round, district) so they do not disturb each other.
    const rounds = ['2560-Q4', '2561-Q2'];
    const cases = states.flatMap((state) => actions.map((action) => ({ state, action })));
    cases.forEach(({ state, action }, i) => {
      const round = rounds[Math.floor(i / 8)]!;
      const code = BUENG_KAN[i % 8]!;
      const to = NEXT[action][state];
      it(`${action} from ${state}: ${to ? `→ ${to}` : '409 with the current state'}`, async () => {
        await driveTo(round, code, state);
        const client = action === 'submit' ? district[code]! : province;
        const before = await f.t.db.select().from(auditLog).where(and(eq(auditLog.roundCode, round), eq(auditLog.districtCode, code)));
        const res = await act(client, round, code, action, action === 'return' || action === 'reopen' ? { reason: 'ตรวจพบข้อมูลไม่ครบ' } : {});
        const after = await f.t.db.select().from(auditLog).where(and(eq(auditLog.roundCode, round), eq(auditLog.districtCode, code)));
        if (to) {
          expect(res.status).toBe(200);
          const body = (await res.json()) as Transition;
          expect(body).toMatchObject({ from: state, to });
          expect(after).toHaveLength(before.length + 1);
          const row = after.find((r) => r.id === body.auditId)!;
          expect(row).toMatchObject({ action, fromState: state, toState: to, username: action === 'submit' ? `district${code}` : 'province38' });
          expect(row.userId).toEqual(action === 'submit' ? expect.any(String) : f.userIds.province38);
        } else {
          expect(res.status).toBe(409);
          expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          const p = (await res.json()) as Problem;
          expect(p.type).toMatch(/\/invalid-transition$/);
          expect(p.currentState).toBe(state);
          expect(after).toHaveLength(before.length);
        }
        const status = (await (await province.get(`/api/rounds/${round}/districts/${code}`)).json()) as { state: string };
        expect(status.state).toBe(to ?? state);
      });
    });
  });

  describe('reasons', () => {
    it('return and reopen need a reason (422, nothing changes); blank does not count', async () => {
      await driveTo('2561-Q3', '3801', 'submitted');
      for (const body of [{}, { reason: '   ' }, { reason: '\u200B' }]) {
        const res = await act(province, '2561-Q3', '3801', 'return', body);
        expect(res.status).toBe(422);
        const p = (await res.json()) as Problem;
        expect(p.type).toMatch(/\/reason-required$/);
        expect(p.issues?.[0]?.column).toBe('reason');
      }
      expect((await act(province, '2561-Q3', '3801', 'certify')).status).toBe(200);
      expect((await act(province, '2561-Q3', '3801', 'reopen')).status).toBe(422);
      const reopened = await act(province, '2561-Q3', '3801', 'reopen', { reason: 'พบข้อมูลซ้ำ ต้องแก้ไข' });
      expect(reopened.status).toBe(200);
      expect(((await reopened.json()) as Transition).reason).toBe('พบข้อมูลซ้ำ ต้องแก้ไข');
    });
  });

  describe('timeliness in Asia/Bangkok', () => {
    // FY2561 Q1: step 1 ends 20 Dec 2017, step 2 is 23–29 Dec, step 3 is 30 Dec.
    it('submit at 23:59:59 on the last day is on time, at 00:00 the next day late', async () => {
      await setClock('2017-12-20T16:59:59Z'); // 23:59:59 Bangkok, 20 Dec
      const onTime = (await (await act(district['3801']!, '2561-Q1', '3801', 'submit')).json()) as Transition;
      expect(onTime.timeliness).toBe('on-time');
      await setClock('2017-12-20T17:00:00Z'); // 00:00 Bangkok, 21 Dec
      const late = (await (await act(district['3802']!, '2561-Q1', '3802', 'submit')).json()) as Transition;
      expect(late.timeliness).toBe('late');
      const rows = await f.t.db
        .select({ districtCode: auditLog.districtCode, timeliness: auditLog.timeliness, at: auditLog.at })
        .from(auditLog)
        .where(and(eq(auditLog.roundCode, '2561-Q1'), eq(auditLog.action, 'submit')));
      expect(rows.map((r) => [r.districtCode, r.timeliness, r.at.toISOString()]).sort()).toEqual([
        ['3801', 'on-time', '2017-12-20T16:59:59.000Z'],
        ['3802', 'late', '2017-12-20T17:00:00.000Z'],
      ]);
    });

    it('certify before step 2 opens is early; on its last day on time; the day after late', async () => {
      await setClock('2017-12-22T16:59:59Z'); // 23:59:59 on 22 Dec: step 2 opens on the 23rd
      expect(((await (await act(province, '2561-Q1', '3801', 'certify')).json()) as Transition).timeliness).toBe('early');
      await setClock('2017-12-29T16:59:59Z');
      expect(((await (await act(province, '2561-Q1', '3802', 'return', { reason: 'แก้ไข' })).json()) as Transition).timeliness).toBe('on-time');
      await setClock('2017-12-29T17:00:00Z');
      expect(((await (await act(district['3802']!, '2561-Q1', '3802', 'submit')).json()) as Transition).timeliness).toBe('late');
      expect(((await (await act(province, '2561-Q1', '3802', 'certify')).json()) as Transition).timeliness).toBe('late');
    });

    it('announce on its day at 23:59:59 is on time; at 00:00 the next day late', async () => {
      for (const code of BUENG_KAN.slice(2)) {
        await driveTo('2561-Q1', code, 'certified');
      }
      await setClock('2017-12-29T10:00:00Z');
      const report = (await (await actProvince(province, '2561-Q1', 'report')).json()) as Transition;
      expect(report).toMatchObject({ from: 'open', to: 'reported', timeliness: 'on-time' });
      await setClock('2017-12-30T16:59:59Z');
      const announce = (await (await actProvince(department, '2561-Q1', 'announce')).json()) as Transition;
      expect(announce).toMatchObject({ from: 'reported', to: 'announced', timeliness: 'on-time' });
      // The late case, in a round whose step 3 is 31 Mar 2018 (FY2561 Q2), at 00:00 on 1 Apr.
      const q4 = await reportProvinceRound(f.t.db, { roundCode: '2561-Q4', provinceCode: '38', actor: provinceActor, at: at('2018-09-28T05:00:00Z'), reason: BUENG_KAN.join(' ') });
      expect(q4.timeliness).toBe('on-time');
      const late = await announceProvinceRound(f.t.db, { roundCode: '2561-Q4', provinceCode: '38', actor: departmentActor, at: at('2018-09-28T17:00:00Z') });
      expect(late.timeliness).toBe('late');
    });
  });

  describe('reopen after certify, announce locks', () => {
    it('the province may reopen a certified district after reporting, until the department announces', async () => {
      // 2561-Q1 is announced above: every district action there is refused with the lock.
      for (const [client, action, body] of [
        [district['3801']!, 'submit', {}],
        [province, 'reopen', { reason: 'ขอแก้ไข' }],
        [province, 'certify', {}],
        [province, 'return', { reason: 'ขอแก้ไข' }],
      ] as const) {
        const res = await act(client, '2561-Q1', '3801', action, body);
        expect(res.status).toBe(409);
        const p = (await res.json()) as Problem;
        expect(p.type).toMatch(/\/round-announced$/);
        expect(p).toMatchObject({ currentState: 'certified', provinceState: 'announced' });
      }
      const status = (await (await district['3801']!.get('/api/rounds/2561-Q1/districts/3801')).json()) as { locked: boolean; allowedActions: string[] };
      expect(status).toMatchObject({ locked: true, allowedActions: [] });
      // Report and announce again: 409 with the current state.
      const again = await actProvince(province, '2561-Q1', 'report');
      expect(again.status).toBe(409);
      expect(((await again.json()) as Problem).currentState).toBe('announced');
      const twice = await actProvince(department, '2561-Q1', 'announce');
      expect(twice.status).toBe(409);
      expect(((await twice.json()) as Problem).currentState).toBe('announced');
    });

    it('reported but not announced: reopen is allowed, and the district can re-submit', async () => {
      // 2561-Q3: 3801 went certified → returned (reopen) → certify again; now report with every district named.
      await certifyDistrictRound(f.t.db, { roundCode: '2561-Q3', districtCode: '3801', actor: provinceActor, at: at('2018-06-23T05:00:00Z') }).catch((e: unknown) => {
        if (!(e instanceof WorkflowError)) throw e;
      });
      await submitDistrictRound(f.t.db, { roundCode: '2561-Q3', districtCode: '3801', actor: actor('3801'), at: at('2018-06-23T05:00:00Z') }).catch(() => {});
      await certifyDistrictRound(f.t.db, { roundCode: '2561-Q3', districtCode: '3801', actor: provinceActor, at: at('2018-06-23T05:00:00Z') }).catch(() => {});
      await setClock('2018-06-24T05:00:00Z');
      const reported = await actProvince(province, '2561-Q3', 'report', { reason: 'ยังไม่ครบ: 3802 3803 3804 3805 3806 3807 3808' });
      expect(reported.status).toBe(200);
      const reopened = await act(province, '2561-Q3', '3801', 'reopen', { reason: 'พบข้อผิดพลาดหลังรายงาน' });
      expect(reopened.status).toBe(200);
      expect(((await reopened.json()) as Transition).to).toBe('returned');
      expect((await act(district['3801']!, '2561-Q3', '3801', 'submit')).status).toBe(200);
      // The department announces; from then on nothing moves.
      expect((await actProvince(department, '2561-Q3', 'announce')).status).toBe(200);
      expect((await act(province, '2561-Q3', '3801', 'certify')).status).toBe(409);
    });
  });

  describe('province transitions', () => {
    it('report with uncertified districts needs a reason naming each of them (by code or name)', async () => {
      const round = '2560-Q4';
      // Reset for clarity: districts of 2560-Q4 are in mixed states from the matrix above.
      const noReason = await actProvince(province, round, 'report');
      expect(noReason.status).toBe(422);
      const p1 = (await noReason.json()) as Problem;
      expect(p1.type).toMatch(/\/reason-required$/);
      const missing = p1.missingDistricts!.map((d) => d.code);
      expect(missing.length).toBeGreaterThan(0);
      const partial = await actProvince(province, round, 'report', { reason: `ยังไม่ครบ ${missing.slice(1).join(' ')}` });
      expect(partial.status).toBe(422);
      const p2 = (await partial.json()) as Problem;
      expect(p2.type).toMatch(/\/reason-incomplete$/);
      expect(p2.missingDistricts!.map((d) => d.code)).toEqual([missing[0]]);
      // Names work as well as codes: Thai for the first, English for the rest.
      const names = await f.t.db.execute(sql`select code, name_th, name_en from districts where province_code = '38' order by code`);
      const rows = (Array.isArray(names) ? names : (names as { rows: unknown[] }).rows) as { code: string; name_th: string; name_en: string }[];
      const byCode = new Map(rows.map((r) => [r.code, r]));
      const reason = `อำเภอ${byCode.get(missing[0]!)!.name_th} ยังไม่ส่ง; ${missing.slice(1).map((c) => byCode.get(c)!.name_en).join(', ')} pending`;
      const ok = await actProvince(province, round, 'report', { reason });
      expect(ok.status).toBe(200);
      const done = (await ok.json()) as Transition & { uncertifiedDistricts: { code: string }[] };
      expect(done.uncertifiedDistricts.map((d) => d.code)).toEqual(missing);
      const [row] = await f.t.db.select().from(auditLog).where(eq(auditLog.id, done.auditId));
      expect(row).toMatchObject({ action: 'report', fromState: 'open', toState: 'reported', reason, provinceCode: '38', districtCode: null });
    });

    it('report with every district certified needs no reason; announce from open is 409', async () => {
      for (const code of BUENG_KAN) await driveTo('2561-Q2', code, 'certified').catch(() => {});
      // 2561-Q2 has districts in other states from the matrix: certify what can be certified.
      const status = (await (await province.get('/api/rounds/2561-Q2/provinces/38')).json()) as { districts: { code: string; state: string }[]; allowedActions: string[] };
      for (const d of status.districts) {
        if (d.state === 'open' || d.state === 'returned') await submitDistrictRound(f.t.db, { roundCode: '2561-Q2', districtCode: d.code, actor: actor(d.code), at: at('2018-03-01T05:00:00Z') });
        if (d.state !== 'certified') await certifyDistrictRound(f.t.db, { roundCode: '2561-Q2', districtCode: d.code, actor: provinceActor, at: at('2018-03-24T05:00:00Z') });
      }
      expect(status.allowedActions).toEqual(['report']);
      const early = await actProvince(department, '2561-Q2', 'announce');
      expect(early.status).toBe(409);
      expect(((await early.json()) as Problem).currentState).toBe('open');
      await setClock('2018-03-25T05:00:00Z');
      const res = await actProvince(province, '2561-Q2', 'report');
      expect(res.status).toBe(200);
      expect(((await res.json()) as Transition).reason).toBeNull();
      const deptView = (await (await department.get('/api/rounds/2561-Q2/provinces/38')).json()) as { state: string; allowedActions: string[] };
      expect(deptView).toMatchObject({ state: 'reported', allowedActions: ['announce'] });
    });
  });

  describe('concurrency', () => {
    // Bueng Kan's rounds are all reported or announced by now; province 43 (district 4301) is untouched.
    const actor4301 = actor('4301');
    actor4301.provinceCode = '43';
    const province43: WorkflowActor = { ...provinceActor, username: 'province43', provinceCode: '43' };

    it('two province officers certify and return at once: one wins, the other gets 409, one audit row', async () => {
      await createAccount(f.t.db, { username: 'province43b', role: 'province', scope: '43', password: 'province-43b-password' }, { actor: CLI_ACTOR, now: new Date(), activationTtlDays: 1 });
      const first = await signIn(f.app, 'province43');
      const second = new Client(f.app);
      expect((await second.login('province43b', 'province-43b-password', { 'x-forwarded-for': '10.4.0.1' })).status).toBe(200);
      const round = '2561-Q1';
      const code = '4301';
      await submitDistrictRound(f.t.db, { roundCode: round, districtCode: code, actor: actor4301, at: at('2017-12-01T05:00:00Z') });
      const [a, b] = await Promise.all([
        act(first, round, code, 'certify'),
        act(second, round, code, 'return', { reason: 'ข้อมูลไม่ครบ' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = (a.status === 409 ? await a.json() : await b.json()) as Problem;
      const winner = (a.status === 200 ? await a.json() : await b.json()) as Transition;
      expect(loser.currentState).toBe(winner.to);
      const rows = await f.t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.roundCode, round), eq(auditLog.districtCode, code), sql`${auditLog.action} in ('certify', 'return')`));
      expect(rows).toHaveLength(1);
      const [state] = await f.t.db.select().from(districtRounds).where(and(eq(districtRounds.roundCode, round), eq(districtRounds.districtCode, code)));
      expect(state?.state).toBe(winner.to);
      expect(state?.version).toBe(winner.version);
    });

    it('five certify commands at once on one district: exactly one succeeds, the others see it certified', async () => {
      const round = '2561-Q2';
      const code = '4301';
      await submitDistrictRound(f.t.db, { roundCode: round, districtCode: code, actor: actor4301, at: at('2018-03-01T05:00:00Z') });
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, () => certifyDistrictRound(f.t.db, { roundCode: round, districtCode: code, actor: province43, at: at('2018-03-24T05:00:00Z') })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused).toHaveLength(4);
      for (const r of refused) {
        expect(r.reason).toBeInstanceOf(WorkflowError);
        expect((r.reason as WorkflowError).kind).toBe('conflict');
        expect((r.reason as WorkflowError).info.currentState).toBe('certified');
      }
      const rows = await f.t.db.select().from(auditLog).where(and(eq(auditLog.roundCode, round), eq(auditLog.districtCode, code), eq(auditLog.action, 'certify')));
      expect(rows).toHaveLength(1);
    });

    it('a report racing a reopen: both serialise on the province row, the report sees the outcome', async () => {
      const round = '2561-Q3';
      const code = '4301';
      await submitDistrictRound(f.t.db, { roundCode: round, districtCode: code, actor: actor4301, at: at('2018-06-01T05:00:00Z') });
      await certifyDistrictRound(f.t.db, { roundCode: round, districtCode: code, actor: province43, at: at('2018-06-23T05:00:00Z') });
      const [reopen, report] = await Promise.allSettled([
        reopenDistrictRound(f.t.db, { roundCode: round, districtCode: code, actor: province43, at: at('2018-06-23T06:00:00Z'), reason: 'แก้ไข' }),
        reportProvinceRound(f.t.db, { roundCode: round, provinceCode: '43', actor: province43, at: at('2018-06-23T06:00:00Z') }),
      ]);
      // Once failed in CI: the reopen, woken by the report's commit, found the report's advisory
      // lock not yet released and was refused 'load-running' (actions now take it shared;
      // tests/reliability/load-workflow-race.test.ts holds that order open). Say why if again.
      const why = reopen.status === 'rejected' ? `${String(reopen.reason)} ${JSON.stringify((reopen.reason as { info?: unknown }).info)}` : '';
      expect(reopen.status, why).toBe('fulfilled');
      if (report.status === 'fulfilled') {
        // The report went first: it saw 4301 certified and needed no reason.
        expect(report.value.uncertifiedDistricts).toEqual([]);
      } else {
        // The reopen went first: the report saw 4301 returned and asked for a reason naming it.
        expect((report.reason as WorkflowError).kind).toBe('reason-required');
        expect((report.reason as WorkflowError).info.missingDistricts?.map((d) => d.code)).toEqual(['4301']);
      }
    });

    it('a stale version answers 409 version-conflict with the current version', async () => {
      const round = '2561-Q4';
      const code = '4301';
      const s = await submitDistrictRound(f.t.db, { roundCode: round, districtCode: code, actor: actor4301, at: at('2018-09-22T05:00:00Z') });
      const p43 = await signIn(f.app, 'province43');
      const stale = await act(p43, round, code, 'certify', { version: s.version - 1 });
      expect(stale.status).toBe(409);
      const p = (await stale.json()) as Problem;
      expect(p.type).toMatch(/\/version-conflict$/);
      expect(p).toMatchObject({ version: s.version, currentState: 'submitted' });
      expect((await act(p43, round, code, 'certify', { version: s.version })).status).toBe(200);
    });
  });

  describe('the audit trail', () => {
    it('the database refuses UPDATE and DELETE on it', async () => {
      await expect(f.t.db.update(auditLog).set({ reason: 'rewritten' })).rejects.toThrow();
      await expect(f.t.db.delete(auditLog)).rejects.toThrow();
      const [row] = await f.t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.reason, 'rewritten'));
      expect(row?.n).toBe(0);
    });

    it('GET /api/audit: the district sees its own rows and its province’s report/announce, never another district’s', async () => {
      const res = await district['3801']!.get('/api/audit?limit=200');
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: { districtCode: string | null; provinceCode: string | null; action: string }[]; total: number };
      expect(page.items.length).toBeGreaterThan(0);
      for (const row of page.items) {
        expect(row.districtCode === '3801' || (row.districtCode === null && row.provinceCode === '38')).toBe(true);
        expect(row.action.startsWith('user.')).toBe(false);
      }
      expect(page.items.some((r) => r.action === 'announce')).toBe(true);
      const provinceView = (await (await province.get('/api/audit?district=3802&limit=200')).json()) as { items: { districtCode: string | null }[] };
      expect(provinceView.items.every((r) => r.districtCode === '3802' || r.districtCode === null)).toBe(true);
    });
  });
});
