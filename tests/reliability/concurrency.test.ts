import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../api/accounts/create-account.ts';
import { CLI_ACTOR } from '../../api/accounts/account-actor.ts';
import { auditLog, districtRounds, submissions } from '../../db/schema/index.ts';
import { ingestSubmission } from '../../pipeline/ingest-submission.ts';
import { ADMIN, fixtureBytes, IN_WINDOW, tableCounts } from '../pipeline/pipeline-fixtures.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { id } from '../../testkit/bad-input-corpus.ts';
import { Client, createApiFixture, signIn, type ApiFixture } from '../api/support/api-fixture.ts';

// Races a user could cause: the same file sent twice at once (a double click, two officers),
// and two province officers acting on one district at once. One outcome, never a lost update.
describe(`concurrency: double uploads and racing officers (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture();
    await createAccount(f.t.db, { username: 'province43b', role: 'province', scope: '43', password: 'province-43b-password' }, { actor: CLI_ACTOR, now: new Date(), activationTtlDays: 1 });
  });
  afterAll(async () => f.close());

  const upload = (client: Client, bytes: Uint8Array, name: string, district = '3801') => {
    const form = new FormData();
    form.set('file', new File([Buffer.from(bytes)], name, { type: 'text/csv' }));
    form.set('round', '2561-Q1');
    form.set('district', district);
    return client.send('POST', '/api/submissions', { body: form });
  };

  it('the same file through the pipeline five times at once: one load, four duplicates of it, the rows once', async () => {
    const before = await tableCounts(f.t.db);
    const bytes = fixtureBytes('many-products.csv');
    const reports = await Promise.all(
      Array.from({ length: 5 }, () =>
        ingestSubmission(f.t.db, { source: { kind: 'bytes', bytes }, fileName: 'many-products.csv', districtCode: '3801', roundCode: '2561-Q1', dryRun: false, user: ADMIN, now: IN_WINDOW }),
      ),
    );
    const loaded = reports.filter((r) => r.status === 'loaded');
    expect(loaded).toHaveLength(1);
    expect(reports.filter((r) => r.status === 'duplicate').map((r) => r.duplicateOf)).toEqual(Array(4).fill(loaded[0]!.submissionId));
    const after = await tableCounts(f.t.db);
    expect(after.products - before.products).toBe(loaded[0]!.accepted.created);
    expect(after.submissions - before.submissions).toBe(5);
  });

  it('the same file uploaded over HTTP by the district and its province at the same moment: one 201 loaded, one duplicate, rows once', async () => {
    const district = await signIn(f.app, 'district3801');
    const province = await signIn(f.app, 'province38');
    const before = await tableCounts(f.t.db);
    const lines = ['ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์'];
    for (let i = 1; i <= 3; i++) lines.push(`ผู้ผลิตพร้อมกัน ${i},${id(700, i)},1,บึงกาฬ,สินค้า ${i},อาหาร`);
    const bytes = new Uint8Array(Buffer.from(`${lines.join('\n')}\n`));
    const [a, b] = await Promise.all([upload(district, bytes, 'ส่งพร้อมกัน.csv'), upload(province, bytes, 'ส่งซ้ำ.csv')]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const reports = [(await a.json()) as { status: string; submissionId: string; duplicateOf?: string }, (await b.json()) as { status: string; submissionId: string; duplicateOf?: string }];
    expect(reports.map((r) => r.status).sort()).toEqual(['duplicate', 'loaded']);
    const winner = reports.find((r) => r.status === 'loaded')!;
    expect(reports.find((r) => r.status === 'duplicate')!.duplicateOf).toBe(winner.submissionId);
    const after = await tableCounts(f.t.db);
    expect(after.producers - before.producers).toBe(3);
    expect(after.products - before.products).toBe(3);
    const live = await f.t.db.select().from(submissions).where(eq(submissions.status, 'processing'));
    expect(live).toEqual([]);
  });

  it('two province officers certify and return the same district at once, ten times over: each race one winner, one audit row, state and version consistent', async () => {
    const first = await signIn(f.app, 'province43');
    const second = new Client(f.app);
    expect((await second.login('province43b', 'province-43b-password', { 'x-forwarded-for': '10.9.0.1' })).status).toBe(200);
    const district = new Client(f.app);
    await createAccount(f.t.db, { username: 'district4301', role: 'district', scope: '4301', password: 'district-4301-password' }, { actor: CLI_ACTOR, now: new Date(), activationTtlDays: 1 });
    expect((await district.login('district4301', 'district-4301-password', { 'x-forwarded-for': '10.9.0.2' })).status).toBe(200);
    const round = '2561-Q1';
    let lastVersion = 0;
    for (let race = 0; race < 10; race++) {
      // From 'open' or 'returned' the district submits again; then the two officers race.
      const submitted = await district.post(`/api/rounds/${round}/districts/4301/submit`, {});
      expect(submitted.status, await submitted.clone().text()).toBe(200);
      const auditBefore = await f.t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(and(eq(auditLog.roundCode, round), eq(auditLog.districtCode, '4301')));
      const [a, b] = await Promise.all([
        first.post(`/api/rounds/${round}/districts/4301/certify`, {}),
        second.post(`/api/rounds/${round}/districts/4301/return`, { reason: `รอบที่ ${race}` }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const winner = (await (a.status === 200 ? a : b).json()) as { to: string; version: number };
      const loser = (await (a.status === 409 ? a : b).json()) as { currentState: string };
      expect(loser.currentState).toBe(winner.to);
      const auditAfter = await f.t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(and(eq(auditLog.roundCode, round), eq(auditLog.districtCode, '4301')));
      expect(auditAfter[0]!.n - auditBefore[0]!.n).toBe(1);
      const [state] = await f.t.db.select().from(districtRounds).where(and(eq(districtRounds.roundCode, round), eq(districtRounds.districtCode, '4301')));
      expect(state).toMatchObject({ state: winner.to, version: winner.version });
      expect(winner.version).toBeGreaterThan(lastVersion);
      lastVersion = winner.version;
      // A certified district is reopened (to 'returned') so the next race can start.
      if (winner.to === 'certified') expect((await first.post(`/api/rounds/${round}/districts/4301/reopen`, { reason: 'race again' })).status).toBe(200);
    }
  }, 60_000);
});
