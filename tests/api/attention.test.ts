import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiFixture, signIn, type ApiFixture } from './support/api-fixture.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import type { ProvinceAttention } from '../../api/queries/attention/province-attention.ts';
import type { DepartmentAttention } from '../../api/queries/attention/department-attention.ts';

describe(`GET /api/attention (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture({ now: '2017-12-10T05:00:00Z' }); // inside FY2561 Q1 step 1
  });
  afterAll(async () => f.close());

  const province = async (who: Parameters<typeof signIn>[1], code = '38') => {
    const res = await (await signIn(f.app, who)).get(`/api/attention/provinces/${code}?fy=2561`);
    return { status: res.status, type: res.headers.get('content-type'), body: res.status === 200 ? ((await res.json()) as ProvinceAttention) : null };
  };

  it('lists overdue, waiting and returned districts with days and the reason', async () => {
    // Inside the window: nobody is late yet.
    expect((await province('province38')).body!.overdue).toEqual([]);
    const district = await signIn(f.app, 'district3801');
    expect((await district.post('/api/rounds/2561-Q1/districts/3801/submit', {})).status).toBe(200);
    const district2 = await signIn(f.app, 'district3802');
    expect((await district2.post('/api/rounds/2561-Q1/districts/3802/submit', {})).status).toBe(200);
    const manager = await signIn(f.app, 'province38');
    expect((await manager.post('/api/rounds/2561-Q1/districts/3802/return', { reason: 'ชื่อตำบลไม่ครบ' })).status).toBe(200);

    f.clock.set('2017-12-25T05:00:00Z'); // five days after step 1 closed (20 Dec)
    const a = (await province('province38')).body!;
    const q1 = a.overdue.filter((d) => d.roundCode === '2561-Q1');
    // 3802 was returned and has not submitted again: late too; 3801 is not.
    expect(q1.map((d) => d.code)).toContain('3802');
    expect(q1.map((d) => d.code)).not.toContain('3801');
    expect(new Set(q1.map((d) => d.daysLate))).toEqual(new Set([5]));
    expect(a.awaitingCertification.map((d) => [d.code, d.roundCode, d.daysWaiting, d.daysLate])).toEqual([['3801', '2561-Q1', 15, null]]);
    expect(a.returned.map((d) => [d.code, d.reason])).toEqual([['3802', 'ชื่อตำบลไม่ครบ']]);
    // Q2 has not started: not listed.
    expect(a.overdue.some((d) => d.roundCode !== '2561-Q1')).toBe(false);

    // Certified districts leave the list.
    const again = await signIn(f.app, 'province38');
    expect((await again.post('/api/rounds/2561-Q1/districts/3801/certify', {})).status).toBe(200);
    expect((await province('province38')).body!.awaitingCertification).toEqual([]);
  });

  it('is scoped: another province is 404, district officers and admin 403, problem+json', async () => {
    const other = await province('province38', '43');
    expect(other.status).toBe(404);
    expect(other.type).toMatch(/problem\+json/);
    expect((await province('district3801')).status).toBe(403);
    expect((await province('admin')).status).toBe(403);
    expect((await province('department', '43')).status).toBe(200);
  });

  it('gives the department the provinces late to report and those waiting for announcement', async () => {
    f.clock.set('2018-01-02T05:00:00Z'); // Q1 step 2 closed 29 Dec
    const manager = await signIn(f.app, 'province43');
    // 4301 is the only district of 43: certify it and report.
    const d = await signIn(f.app, 'department');
    let res = await d.get('/api/attention/department?fy=2561');
    let body = (await res.json()) as DepartmentAttention;
    expect(body.late.filter((p) => p.roundCode === '2561-Q1').map((p) => [p.code, p.daysLate])).toEqual([
      ['38', 4],
      ['43', 4],
    ]);
    expect((await manager.post('/api/rounds/2561-Q1/provinces/43/report', { reason: 'เมืองหนองคาย ยังไม่ส่งข้อมูล' })).status).toBe(200);
    res = await d.get('/api/attention/department?fy=2561');
    body = (await res.json()) as DepartmentAttention;
    expect(body.late.map((p) => p.code)).toEqual(['38']);
    expect(body.awaitingAnnouncement.map((p) => [p.code, p.roundCode, p.daysWaiting, p.districts])).toEqual([['43', '2561-Q1', 0, 1]]);
    expect((await (await signIn(f.app, 'province38')).get('/api/attention/department?fy=2561')).status).toBe(403);
  });
});
