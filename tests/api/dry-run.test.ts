import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query-rows.ts';
import { makeThaiId } from '../../domain/thai-id.ts';
import { toThaiDigits } from '../../domain/thai-digits.ts';
import { DRY_RUNS_PER_MINUTE } from '../../api/routes/submission-routes.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { createApiFixture, signIn, type ApiFixture, type Client } from './support/api-fixture.ts';

type Issue = { row: number | null; column: string | null; code: string; value: string | null };
type Report = { submissionId: string; status: string; dryRun: boolean; rowsRead: number; rejected: number; issues: Issue[]; normalized: { total: number; samples: unknown[] } };
type Problem = { type: string; status: number; title: string; titleTh: string; detail: string; detailTh: string; retryAfterSeconds?: number };

const HEADER = 'ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์,โทรศัพท์';
const id = (n: number) => makeThaiId(`3380100${String(n).padStart(5, '0')}`);

function uploadForm(text: string, fields: Record<string, string>): FormData {
  const fd = new FormData();
  fd.set('file', new File([text], 'dry.csv', { type: 'text/csv' }));
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

describe(`dry runs (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  let d3801: Client;
  let d3802: Client;

  beforeAll(async () => {
    f = await createApiFixture({ accounts: ['district3801', 'district3802', 'province38'] });
    d3801 = await signIn(f.app, 'district3801');
    d3802 = await signIn(f.app, 'district3802');
  });
  afterAll(async () => f.close());

  it('store their report but no cell of the file: every table is searched for the file’s values', async () => {
    // Cells that identify people: citizen IDs (one typed in Thai digits, one invalid), names, phones, and a bad category.
    const secrets = {
      acceptedId: id(7),
      thaiDigitId: id(8),
      invalidId: '1234567890123',
      name: 'นางลับเฉพาะ ทดสอบดี',
      otherName: 'กลุ่มลับสุดยอดบึงกาฬ',
      phone: '0819998877',
      category: 'ของกินเล่นลับ',
    };
    const text = [
      HEADER,
      `${secrets.otherName},${secrets.acceptedId},กลุ่มผู้ผลิตชุมชน,บึงกาฬ,น้ำพริกลับ,อาหาร,${secrets.phone}`,
      `${secrets.name},${toThaiDigits(secrets.thaiDigitId)},ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว,บึงกาฬ,ผ้าทอลับ,ผ้า เครื่องแต่งกาย,`,
      `${secrets.name},${secrets.invalidId},ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว,บึงกาฬ,ผ้าไหมลับ,ผ้า เครื่องแต่งกาย,0812223344`,
      `กลุ่มปฏิเสธ,${id(9)},กลุ่มผู้ผลิตชุมชน,บึงกาฬ,ขนมลับ,${secrets.category},`,
    ].join('\n');
    const res = await d3801.send('POST', '/api/submissions', { body: uploadForm(text, { district: '3801', round: '2561-Q1', dryRun: 'true' }) });
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect(report).toMatchObject({ status: 'validated', dryRun: true, rowsRead: 4, rejected: 2 });
    // Whoever ran it still sees what was wrong, values included (the citizen ID masked, as always).
    expect(report.issues.map((i) => [i.row, i.code, i.value])).toEqual([
      [4, 'invalid-citizen-id', 'x-xxxx-xxxxx-12-3'],
      [5, 'invalid-category', secrets.category],
    ]);
    expect(report.normalized.total).toBeGreaterThan(0);

    const tables = await queryRows<{ name: string }>(
      f.t.db,
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    );
    expect(tables.length).toBeGreaterThan(15);
    const found: string[] = [];
    for (const { name } of tables) {
      for (const [what, value] of Object.entries({ ...secrets, maskedInvalidId: 'x-xxxx-xxxxx-12-3', thaiDigits: toThaiDigits(secrets.thaiDigitId) })) {
        const [hit] = await queryRows<{ n: number }>(f.t.db, sql`select count(*)::int as n from ${sql.identifier(name)} x where x::text like ${`%${value}%`}`);
        if (hit!.n > 0) found.push(`${name}: ${what}`);
      }
    }
    expect(found).toEqual([]);

    // What is stored is the report: counts, and issues by row, column, code and message.
    const stored = (await (await d3801.get(`/api/submissions/${report.submissionId}`)).json()) as Report;
    expect(stored.issues.map((i) => [i.row, i.column, i.code, i.value])).toEqual([
      [4, 'เลขประจำตัวประชาชน', 'invalid-citizen-id', null],
      [5, 'ประเภทผลิตภัณฑ์', 'invalid-category', null],
    ]);
    expect(stored.rejected).toBe(2);
    const csv = await d3801.get(`/api/submissions/${report.submissionId}/rejected.csv`);
    expect(csv.status).toBe(409);
    expect(((await csv.json()) as Problem).type).toMatch(/\/dry-run-keeps-no-rows$/);
  });

  it(`are limited to ${DRY_RUNS_PER_MINUTE} a minute per user: the next answers 429 problem+json with Retry-After`, async () => {
    const text = [HEADER, `กลุ่มจักสาน,${id(31)},กลุ่มผู้ผลิตชุมชน,ศรีชมภู,ตะกร้า,ของใช้ ของตกแต่ง ของที่ระลึก,`].join('\n');
    const dryUpload = (client: Client, district: string) =>
      client.send('POST', '/api/submissions', { body: uploadForm(text, { district, round: '2561-Q1', dryRun: 'true' }) });
    const dryForm = (client: Client) =>
      client.post('/api/registrations', {
        district: '3802', round: '2561-Q1', dryRun: true,
        fields: { producer_name: 'กลุ่มจักสาน', citizen_id: id(31), producer_type: 'กลุ่มผู้ผลิตชุมชน', subdistrict: 'ศรีชมภู', product_name: 'ตะกร้า', category: 'ของใช้ ของตกแต่ง ของที่ระลึก' },
      });

    for (let i = 0; i < DRY_RUNS_PER_MINUTE - 1; i++) expect((await dryUpload(d3802, '3802')).status).toBe(200);
    expect((await dryForm(d3802)).status).toBe(200);

    f.clock.advance(20_000);
    const refused = await dryUpload(d3802, '3802');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('retry-after')).toBe('40');
    const body = (await refused.json()) as Problem;
    expect(body).toMatchObject({ status: 429, type: expect.stringMatching(/\/too-many-dry-runs$/), retryAfterSeconds: 40 });
    expect(body.detail).toContain('10');
    expect(body.titleTh).not.toBe('');
    // The form's dry run counts against the same limit; the refused one was not made (and is not counted).
    expect((await dryForm(d3802)).status).toBe(429);
    const [made] = await queryRows<{ n: number }>(
      f.t.db,
      sql`select count(*)::int as n from submissions where user_id = ${f.userIds.district3802} and dry_run`,
    );
    expect(made!.n).toBe(DRY_RUNS_PER_MINUTE);

    // Another user is not held back, nor is a real load.
    expect((await dryUpload(d3801, '3801')).status).toBe(200);
    expect((await d3802.send('POST', '/api/submissions', { body: uploadForm(text, { district: '3802', round: '2561-Q1' }) })).status).toBe(201);

    // A minute after those dry runs, the user may dry-run again.
    f.clock.advance(40_000);
    expect((await dryUpload(d3802, '3802')).status).toBe(200);
  });
  it(`a burst of 30 dry runs sent at once by one user: ${DRY_RUNS_PER_MINUTE} are made, the rest answer 429`, async () => {
    // The count comes from the audit trail, which only knows finished dry runs: on PostgreSQL all
    // 30 passed it before (PGlite runs one request's queries at a time, so it held there).
    const province38 = await signIn(f.app, 'province38');
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const text = [HEADER, `กลุ่มจักสานรอบ${i},${id(40 + i)},กลุ่มผู้ผลิตชุมชน,ศรีชมภู,ตะกร้า,ของใช้ ของตกแต่ง ของที่ระลึก,`].join('\n');
        return province38.send('POST', '/api/submissions', { body: uploadForm(text, { district: '3802', round: '2561-Q1', dryRun: 'true' }) });
      }),
    );
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(DRY_RUNS_PER_MINUTE);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - DRY_RUNS_PER_MINUTE);
    const [made] = await queryRows<{ n: number }>(
      f.t.db,
      sql`select count(*)::int as n from submissions s where user_id = ${f.userIds.province38} and dry_run`,
    );
    expect(made!.n).toBe(DRY_RUNS_PER_MINUTE);
  });
});
