// READ_DATABASE_URL: with a read handle, progress, the registration PDFs and the exports read
// it; sign-in, uploads, workflow transitions, the submission list and the account registry stay
// on the primary. Two real databases stand in for a primary and a lagging replica: the
// "replica" holds different registrations (district 3802 only it has, fewer in 3801), so every
// answer shows which one it came from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Hono } from 'hono';
import { tableFromIPC } from 'apache-arrow';
import { createApp, type AppEnv } from '../../api/create-app.ts';
import type { ProgressResult } from '../../api/queries/progress.ts';
import { submitDistrictRound } from '../../api/workflow/index.ts';
import { queryRows } from '../../db/query-rows.ts';
import type { Db } from '../../db/create-db.ts';
import { makeThaiId } from '../../domain/thai-id.ts';
import { ingestSubmission } from '../../pipeline/ingest-submission.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { missingStrings, readDocument, rowNumbers } from '../reports/documents/read-document.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { createApiFixture, signIn, type ApiFixture, type Client } from './support/api-fixture.ts';

const HEADER = 'ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์';
const id = (n: number) => makeThaiId(`3380100${String(n).padStart(5, '0')}`);
const csv = (lines: readonly string[]) => new TextEncoder().encode([HEADER, ...lines].join('\n'));

/** What the district officer of 3801 uploads through the API: four producers, on the primary. */
const PRIMARY_3801 = [
  `กลุ่มแม่บ้านน้ำพริกบึงกาฬ,${id(1)},กลุ่มผู้ผลิตชุมชน,บึงกาฬ,น้ำพริกเผา,อาหาร`,
  `นางสมใจ ทอผ้า,${id(2)},ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว,โนนสมบูรณ์,ผ้าไหมมัดหมี่,ผ้า เครื่องแต่งกาย`,
  `กลุ่มทอผ้าบ้านโนนสว่าง,${id(3)},กลุ่มผู้ผลิตชุมชน,โนนสว่าง,ผ้าขาวม้า,ผ้า เครื่องแต่งกาย`,
  `นางสมศรี ศรีสุข,${id(4)},ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว,หอคำ,ชาใบหม่อน,เครื่องดื่ม`,
];
/** The replica's own registrations: one producer in 3801, two in 3802 (which the primary lacks). */
const REPLICA_3801 = [`กลุ่มสมุนไพรหนองเลิง,${id(31)},กลุ่มผู้ผลิตชุมชน,หนองเลิง,ยาหม่องสมุนไพร,สมุนไพรที่ไม่ใช่อาหาร`];
const REPLICA_3802 = [
  `กลุ่มจักสานพรเจริญ,${id(41)},กลุ่มผู้ผลิตชุมชน,ศรีชมภู,ตะกร้าหวาย,ของใช้ ของตกแต่ง ของที่ระลึก`,
  `กลุ่มข้าวกล้องดอนหญ้านาง,${id(42)},กลุ่มผู้ผลิตชุมชน,ดอนหญ้านาง,ข้าวกล้องงอก,อาหาร`,
];

const NOW = '2017-11-15T05:00:00Z'; // inside FY2561 Q1's registration window
const SCRIPT = { id: null, username: 'replica-load', role: 'department', districtCode: null, provinceCode: null } as const;

async function counts(db: Db) {
  const [row] = await queryRows<{ producers: number; submissions: number; sessions: number; districtRounds: number }>(
    db,
    sql`select (select count(*)::int from producers) as producers,
               (select count(*)::int from submissions) as submissions,
               (select count(*)::int from sessions) as sessions,
               (select count(*)::int from district_rounds where state <> 'open') as "districtRounds"`,
  );
  return row!;
}

async function districtRoundState(db: Db, districtCode: string): Promise<string | null> {
  const [row] = await queryRows<{ state: string }>(
    db,
    sql`select state from district_rounds where round_code = '2561-Q1' and district_code = ${districtCode}`,
  );
  return row?.state ?? null;
}

const q1 = (p: ProgressResult, district: string) => p.cells.find((c) => c.roundCode === '2561-Q1' && c.districtCode === district)!;

describe(`READ_DATABASE_URL: a second handle for lag-tolerant reads (${TEST_ENGINE})`, () => {
  let f: ApiFixture; // the primary, with the accounts
  let replica: TestDb;
  let app: Hono<AppEnv>;
  const c = {} as Record<'district3801' | 'province38' | 'analyst' | 'admin', Client>;

  const progress = async (client: Client, query = '?fy=2561&province=38') => {
    const res = await client.get(`/api/progress${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as ProgressResult;
  };

  beforeAll(async () => {
    [f, replica] = await Promise.all([createApiFixture({ now: NOW }), createTestDb()]);
    // The replica has the same reference data (it follows the primary's schema) and its own
    // registrations, loaded through the pipeline like any other; no accounts, no sessions.
    await seedReference(replica.db);
    for (const [district, lines] of [['3801', REPLICA_3801], ['3802', REPLICA_3802]] as const) {
      const report = await ingestSubmission(replica.db, {
        source: { kind: 'bytes', bytes: csv(lines) },
        fileName: `replica-${district}.csv`,
        districtCode: district,
        roundCode: '2561-Q1',
        dryRun: false,
        user: SCRIPT,
        now: new Date(NOW),
      });
      expect(report.status, JSON.stringify(report.issues)).toBe('loaded');
    }
    app = createApp({ db: f.t.db, readDb: replica.db, engine: f.t.engine, config: f.config, now: () => f.clock.now });
    for (const name of ['district3801', 'province38', 'analyst', 'admin'] as const) c[name] = await signIn(app, name);
  }, 120_000);
  afterAll(async () => Promise.all([f?.close(), replica?.close()]));

  it('signs in against the primary: the sessions are there, none on the replica', async () => {
    expect((await counts(f.t.db)).sessions).toBe(4);
    expect((await counts(replica.db)).sessions).toBe(0);
  });

  it('uploads to the primary and lists the upload at once; the replica is untouched', async () => {
    const replicaBefore = await counts(replica.db);
    const form = new FormData();
    form.set('file', new File([csv(PRIMARY_3801)], 'q1-3801.csv', { type: 'text/csv' }));
    form.set('district', '3801');
    form.set('round', '2561-Q1');
    const res = await c.district3801.send('POST', '/api/submissions', { body: form });
    expect(res.status).toBe(201);
    const { submissionId } = (await res.json()) as { submissionId: string };

    expect(await counts(f.t.db)).toMatchObject({ producers: 4, submissions: 1 });
    expect(await counts(replica.db)).toEqual(replicaBefore);
    // Read-your-own-writes: the list right after the upload comes from the primary.
    const list = (await (await c.district3801.get('/api/submissions')).json()) as { items: { id: string }[]; total: number };
    expect(list.items.map((s) => s.id)).toEqual([submissionId]);
  });

  it('answers progress from the replica: its districts and counts, not the primary’s', async () => {
    const p = await progress(c.province38);
    expect(q1(p, '3801').producers).toBe(1); // the primary has 4
    expect(q1(p, '3802').producers).toBe(2); // the primary has none
    expect(p.provinceCells.find((x) => x.roundCode === '2561-Q1')!.producers).toBe(3);
    // The default fiscal year is looked up on the replica too (same plan on both).
    expect((await progress(c.district3801, '')).fiscalYear).toBe(2561);
  });

  it('writes a workflow transition to the primary; progress shows it once the replica has it', async () => {
    const before = await progress(c.district3801, '?fy=2561');
    expect(q1(before, '3801').state).toBe('open');
    const replicaBefore = await counts(replica.db);

    const res = await c.district3801.post('/api/rounds/2561-Q1/districts/3801/submit', {});
    expect(res.status).toBe(200);
    expect(await districtRoundState(f.t.db, '3801')).toBe('submitted');
    expect(await counts(replica.db)).toEqual(replicaBefore);
    // The replica has not caught up: progress still shows the round open (replica lag).
    expect(q1(await progress(c.district3801, '?fy=2561'), '3801').state).toBe('open');

    // Replication delivers the transition: the replica's progress version moves, so the cached
    // answer (filed under the version read from the replica) gives way to the new state.
    await submitDistrictRound(replica.db, {
      roundCode: '2561-Q1',
      districtCode: '3801',
      actor: { ...SCRIPT, role: 'district', provinceCode: '38', districtCode: '3801' },
      at: f.clock.now,
    });
    expect(q1(await progress(c.district3801, '?fy=2561'), '3801').state).toBe('submitted');
  });

  it('prints the report form from the replica', async () => {
    const res = await c.province38.get('/api/reports/report-form.pdf?round=2561-Q1');
    expect(res.status).toBe(200);
    const doc = readDocument(Buffer.from(await res.arrayBuffer()), 'read-database-report-form-38-2561-Q1', { pngs: false });
    // Producers are the fourth figure of a row (after the three producer types).
    expect(rowNumbers(doc.layout, 'เมืองบึงกาฬ').map((r) => r[3])).toEqual([1]);
    expect(rowNumbers(doc.layout, 'พรเจริญ').map((r) => r[3])).toEqual([2]);
    expect(rowNumbers(doc.layout, 'รวมทั้งสิ้น').map((r) => r[3])).toEqual([3]);
  }, 60_000);

  it('prints the account registry from the primary (the replica has no accounts)', async () => {
    const res = await c.admin.get('/api/reports/accounts.pdf');
    expect(res.status).toBe(200);
    const doc = readDocument(Buffer.from(await res.arrayBuffer()), 'read-database-accounts', { pngs: false });
    expect(missingStrings(doc.raw, ['district3801', 'province38', 'analyst'])).toEqual([]);
  }, 60_000);

  it('exports from the replica', async () => {
    const res = await c.analyst.get('/api/exports/producers.arrows?fy=2561');
    expect(res.status).toBe(200);
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    expect(table.numRows).toBe(3);
    expect([...table.getChild('district_code')!].map(String).sort()).toEqual(['3801', '3802', '3802']);
    // A district the primary has no registrations for: in the export, and scoped from the replica.
    const district = await c.analyst.get('/api/exports/producers.arrows?district=3802');
    expect(tableFromIPC(new Uint8Array(await district.arrayBuffer())).numRows).toBe(2);
  });

  it('without a read handle, reads the primary exactly as before', async () => {
    const plain = createApp({ db: f.t.db, engine: f.t.engine, config: f.config, now: () => f.clock.now });
    const p = await progress(await signIn(plain, 'province38'));
    expect(q1(p, '3801')).toMatchObject({ producers: 4, state: 'submitted' });
    expect(q1(p, '3802').producers).toBe(0);
    const res = await (await signIn(plain, 'analyst')).get('/api/exports/producers.arrows?fy=2561');
    expect(tableFromIPC(new Uint8Array(await res.arrayBuffer())).numRows).toBe(4);
  });
});
