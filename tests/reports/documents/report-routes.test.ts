// GET /api/reports/:slug.pdf and `npx otop report`: who may ask for which document (401 / 403,
// and 404 outside the caller's scope exactly as for an area that does not exist), what comes
// back (a PDF named for its scope), and the CLI that reads as the department, plus the printed
// account sheet of `otop users import --sheet`.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../api/config.ts';
import { prepareDatabase } from '../../../api/prepare-database.ts';
import type { CommandContext } from '../../../cli/command.ts';
import { reportCommand } from '../../../cli/commands/report-command.ts';
import { seedCommand } from '../../../cli/commands/seed-command.ts';
import { usersCommand } from '../../../cli/commands/users-command.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../../support/test-db.ts';
import { Client, createApiFixture, signIn, type AccountName, type ApiFixture } from '../../api/support/api-fixture.ts';
import { makeThaiId } from '../../../domain/thai-id.ts';
import { DISTRICTS } from '../thai-fixtures.ts';
import { squash } from '../thai-text-checks.ts';
import { missingStrings, officialPdfProblems, readDocument, rowNumbers } from './read-document.ts';

const SLUGS = ['plan', 'report-form', 'certification', 'accounts', 'summary', 'letter'] as const;

describe(`report routes (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  const clients = {} as Record<AccountName | 'anonymous', Client>;

  beforeAll(async () => {
    f = await createApiFixture({ now: '2017-12-28T03:00:00Z' });
    clients.anonymous = new Client(f.app);
    for (const name of ['district3801', 'district3802', 'province38', 'province43', 'department', 'analyst', 'admin'] as const) clients[name] = await signIn(f.app, name);
  }, 120_000);
  afterAll(async () => f.close());

  const get = (who: AccountName | 'anonymous', path: string) => clients[who].get(path);

  it('documents every report route in /api/openapi.json as a PDF', async () => {
    const doc = (await (await get('anonymous', '/api/openapi.json')).json()) as { paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }> };
    for (const slug of SLUGS) {
      const route = doc.paths[`/api/reports/${slug}.pdf`]?.get;
      expect(route, slug).toBeDefined();
      expect(Object.keys(route!.responses['200']!.content ?? {})).toEqual(['application/pdf']);
    }
  });

  it('answers 401 to anonymous callers, as a problem', async () => {
    for (const slug of SLUGS) {
      const res = await get('anonymous', `/api/reports/${slug}.pdf?fy=2561`);
      expect(res.status, slug).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('gives admin the account registry only (403 for every data document)', async () => {
    for (const slug of SLUGS.filter((s) => s !== 'accounts')) expect((await get('admin', `/api/reports/${slug}.pdf?fy=2561`)).status, slug).toBe(403);
    const res = await get('admin', '/api/reports/accounts.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
  });

  it('keeps province documents and the account registry from district officers (403)', async () => {
    for (const slug of ['certification', 'letter', 'accounts']) expect((await get('district3801', `/api/reports/${slug}.pdf`)).status, slug).toBe(403);
  });

  it('answers 404 outside the caller’s scope, like an area that does not exist', async () => {
    const cases: [AccountName, string][] = [
      ['district3801', '/api/reports/report-form.pdf?fy=2561&district=3802'],
      ['district3801', '/api/reports/report-form.pdf?fy=2561&province=43'],
      ['district3801', '/api/reports/summary.pdf?fy=2561&district=3802'],
      ['province43', '/api/reports/report-form.pdf?fy=2561&province=38'],
      ['province43', '/api/reports/report-form.pdf?fy=2561&district=3801'],
      ['province43', '/api/reports/certification.pdf?round=2561-Q1&province=38'],
      ['province43', '/api/reports/letter.pdf?round=2561-Q1&province=38'],
      ['province43', '/api/reports/accounts.pdf?province=38'],
      ['department', '/api/reports/report-form.pdf?fy=2561&district=9999'],
      ['admin', '/api/reports/accounts.pdf?province=99'],
      ['department', '/api/reports/plan.pdf?fy=2570'],
      ['department', '/api/reports/report-form.pdf?round=2561-Q1&province=39'],
    ];
    const notFound = await (await get('department', '/api/reports/report-form.pdf?fy=2561&district=9999')).text();
    for (const [who, path] of cases) {
      const res = await get(who, path);
      expect(res.status, `${who} ${path}`).toBe(404);
      expect(await res.text(), `${who} ${path}`).toBe(notFound.replace('/api/reports/report-form.pdf', new URL(path, 'http://x').pathname));
    }
  });

  it('answers 422 for a round outside the fiscal year, and for a province document without a province', async () => {
    expect((await get('department', '/api/reports/report-form.pdf?fy=2561&round=2560-Q4')).status).toBe(422);
    expect((await get('department', '/api/reports/certification.pdf?round=2561-Q1')).status).toBe(422);
    expect((await get('department', '/api/reports/report-form.pdf?round=2561-Q5')).status).toBe(422);
  });

  it('serves each role its own scope by default: a district officer gets their district’s form', async () => {
    const res = await get('district3801', '/api/reports/report-form.pdf?round=2561-Q1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="report-form-3801-2561-Q1.pdf"');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const doc = readDocument(Buffer.from(await res.arrayBuffer()), 'route-report-form-3801-2561-Q1', { pngs: false });
    expect(officialPdfProblems(doc)).toEqual([]);
    expect(missingStrings(doc.raw, ['อำเภอเมืองบึงกาฬ จังหวัดบึงกาฬ', 'ตำบล', 'โป่งเปือย', 'รวมทั้งสิ้น'])).toEqual([]);
    expect(squash(doc.raw)).not.toContain(squash('ดอนหญ้านาง')); // a subdistrict of 3802
  });

  it('reconciles over HTTP: the form’s totals row equals GET /api/progress for the same scope', async () => {
    const header = 'ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์';
    const lines = [
      `กลุ่มทอผ้าบ้านโนนสว่าง,${makeThaiId('338010000101')},กลุ่มผู้ผลิตชุมชน,โนนสว่าง,ผ้าไหมมัดหมี่,ผ้า เครื่องแต่งกาย`,
      `กลุ่มทอผ้าบ้านโนนสว่าง,${makeThaiId('338010000101')},กลุ่มผู้ผลิตชุมชน,โนนสว่าง,ผ้าขาวม้า,ผ้า เครื่องแต่งกาย`,
      `นางสมศรี ศรีสุข,${makeThaiId('338010000102')},ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว,หอคำ,น้ำพริกเผา,อาหาร`,
      `บึงกาฬฟู้ด,${makeThaiId('338010000103')},SME,บึงกาฬ,ชาใบหม่อน,เครื่องดื่ม`,
    ];
    const form = new FormData();
    form.set('file', new File([[header, ...lines].join('\n')], 'q1.csv'));
    form.set('district', '3801');
    form.set('round', '2561-Q1');
    expect((await clients.district3801.send('POST', '/api/submissions', { body: form })).status).toBe(201);

    const progress = (await (await get('province38', '/api/progress?fy=2561&province=38')).json()) as {
      provinceCells: { roundCode: string; producers: number; products: number; producersByType: Record<string, number>; productsByCategory: Record<string, number>; newProducers: number; renewedProducers: number }[];
    };
    const cell = progress.provinceCells.find((c) => c.roundCode === '2561-Q1')!;
    expect(cell.producers).toBe(3);
    const res = await get('province38', '/api/reports/report-form.pdf?round=2561-Q1');
    const doc = readDocument(Buffer.from(await res.arrayBuffer()), 'route-report-form-38-2561-Q1', { pngs: false });
    const byType = ['community-group', 'single-owner', 'sme'].map((k) => cell.producersByType[k]);
    const byCategory = ['food', 'beverage', 'textile', 'household', 'herbal'].map((k) => cell.productsByCategory[k]);
    expect(rowNumbers(doc.layout, 'รวมทั้งสิ้น')).toEqual([[...byType, cell.producers, ...byCategory, cell.products, cell.newProducers, cell.renewedProducers]]);
    // No FY2560 first-quarter round to compare with: the last two columns print –.
    expect(rowNumbers(doc.layout, 'เมืองบึงกาฬ')).toEqual([[1, 1, 1, 3, 1, 1, 2, 0, 0, 4, 3, 0]]);
  });

  it('serves every document to the roles it is for', async () => {
    const ok: [AccountName, string, string][] = [
      ['district3802', '/api/reports/plan.pdf?fy=2561', 'plan-2561.pdf'],
      ['province38', '/api/reports/report-form.pdf?fy=2561', 'report-form-38-2561.pdf'],
      ['province38', '/api/reports/letter.pdf', 'letter-38-2561-Q2.pdf'], // registration of Q1 closed on 20 Dec: the letter is Q2's
      ['province38', '/api/reports/accounts.pdf', 'accounts-38.pdf'],
      ['analyst', '/api/reports/summary.pdf?fy=2561&province=38', 'summary-38-2561.pdf'],
      ['department', '/api/reports/report-form.pdf?fy=2561&detail=district&digits=ascii', 'report-form-TH-districts-2561.pdf'],
    ];
    for (const [who, path, file] of ok) {
      const res = await get(who, path);
      expect(res.status, `${who} ${path}: ${res.status === 200 ? '' : await res.clone().text()}`).toBe(200);
      expect(res.headers.get('content-disposition'), path).toBe(`attachment; filename="${file}"`);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 5).toString('latin1'), path).toBe('%PDF-');
    }
  });
  it('refuses a certification that would certify nothing: 409, in Thai and English; prints it once a district is certified', async () => {
    const none = await get('province38', '/api/reports/certification.pdf');
    expect(none.status).toBe(409);
    // Province 38 certifies district 3802; province 43 certifies nothing.
    const form = new FormData();
    const header = 'ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์';
    form.set('file', new File([`${header}\nกลุ่มข้าวฮางบ้านศรีชมภู,${makeThaiId('338020000101')},กลุ่มผู้ผลิตชุมชน,ศรีชมภู,ข้าวฮาง,อาหาร`], '3802.csv'));
    form.set('district', '3802');
    form.set('round', '2561-Q1');
    expect((await clients.district3802.send('POST', '/api/submissions', { body: form })).status).toBe(201);
    expect((await clients.district3802.post('/api/rounds/2561-Q1/districts/3802/submit', {})).status).toBe(200);
    expect((await clients.province38.post('/api/rounds/2561-Q1/districts/3802/certify', {})).status).toBe(200);
    const announced = await get('province38', '/api/reports/certification.pdf');
    expect(announced.status).toBe(200);
    expect(announced.headers.get('content-disposition')).toBe('attachment; filename="certification-38-2561-Q1.pdf"');

    const res = await get('department', '/api/reports/certification.pdf?round=2561-Q1&province=43');
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const p = (await res.json()) as { type: string; title: string; titleTh: string; detail: string; detailTh: string };
    expect(p.type).toMatch(/nothing-certified$/);
    expect(p.title).toMatch(/Nothing is certified/);
    expect(p.titleTh).toContain('ยังไม่มีข้อมูลที่ได้รับการรับรอง');
    expect(p.detail).toContain('2561-Q1');
    expect(p.detailTh).toContain('2561-Q1');
  });
});

describe(`npx otop report and users import --sheet (${TEST_ENGINE})`, () => {
  let t: TestDb;
  let dir: string;
  let config: ReturnType<typeof loadConfig>;
  const run = async (command: typeof reportCommand, args: string[]) => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d: Buffer) => (out += d.toString()));
    stderr.on('data', (d: Buffer) => (err += d.toString()));
    const ctx: CommandContext = { config, stdout, stderr, stdin: Readable.from(['']), isTTY: false };
    return { code: await command.run(args, ctx), out: () => out, err: () => err };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'otop-report-'));
    if (TEST_ENGINE === 'postgres') {
      t = await createTestDb();
      await prepareDatabase(t.db, { demo: true });
      config = loadConfig({ DATABASE_URL: t.url! });
    } else {
      config = loadConfig({ DATA_DIR: join(dir, 'db') });
      expect((await run(seedCommand, ['--demo'])).code).toBe(0);
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the province report form of a round as the department would get it', async () => {
    const out = join(dir, 'form.pdf');
    const r = await run(reportCommand, ['report-form', '--province', '38', '--round', '2561-Q1', '--out', out]);
    expect(r.code, r.err()).toBe(0);
    expect(r.out()).toContain(`Wrote ${out}`);
    const doc = readDocument(await readFile(out), 'cli-report-form-38-2561-Q1', { pngs: false });
    expect(officialPdfProblems(doc)).toEqual([]);
    expect(missingStrings(doc.raw, ['ไตรมาส ๑ ปีงบประมาณ พ.ศ. ๒๕๖๑ จังหวัดบึงกาฬ', ...DISTRICTS, 'รวมทั้งสิ้น'])).toEqual([]);
  });

  it('refuses a certification that would certify nothing, with the reason in Thai and English', async () => {
    // The demo data set certifies nothing in the fourth quarter of FY2561.
    const cli = await run(reportCommand, ['certification', '--round', '2561-Q4', '--province', '38', '--out', join(dir, 'none.pdf')]);
    expect(cli.code).toBe(1);
    expect(cli.err()).toContain('Nothing is certified');
    expect(cli.err()).toContain('ยังไม่มีข้อมูลที่ได้รับการรับรอง');
  });

  it('refuses what it cannot do, with the reason', async () => {
    const noOut = await run(reportCommand, ['plan']);
    expect(noOut.code).toBe(2);
    expect(noOut.err()).toContain('--out is required');
    const unknown = await run(reportCommand, ['minutes', '--out', join(dir, 'x.pdf')]);
    expect(unknown.code).toBe(2);
    const noProvince = await run(reportCommand, ['certification', '--round', '2561-Q1', '--out', join(dir, 'c.pdf')]);
    expect(noProvince.code).toBe(1);
    expect(noProvince.err()).toContain('province is required');
    const missing = await run(reportCommand, ['report-form', '--district', '9999', '--out', join(dir, 'm.pdf')]);
    expect(missing.code).toBe(1);
    expect(missing.err()).toContain('Not found');
  });

  it('otop users import --sheet prints the activation codes it issues as the account sheet', async () => {
    const csv = join(dir, 'accounts.csv');
    await writeFile(csv, ['username,role,scope,display_name', 'sheet3806,district,3806,บึงโขงหลง', 'sheet3807,district,3807,ศรีวิไล'].join('\n'));
    const codes = join(dir, 'codes.csv');
    const sheet = join(dir, 'sheet.pdf');
    const r = await run(usersCommand, ['import', csv, '--out', codes, '--sheet', sheet]);
    expect(r.code, r.err()).toBe(0);
    expect(r.err()).toContain(`Account sheet written to ${sheet}`);
    const issued = (await readFile(codes, 'utf8')).trim().split('\n').slice(1).map((l) => l.split(','));
    const doc = readDocument(await readFile(sheet), 'cli-account-sheet', { pngs: false });
    expect(officialPdfProblems(doc)).toEqual([]);
    expect(missingStrings(doc.raw, ['อำเภอบึงโขงหลง (3806)', 'อำเภอศรีวิไล (3807)', 'รหัสเปิดใช้งาน (ใช้ได้ครั้งเดียว)'])).toEqual([]);
    for (const [username, , , , code] of issued) {
      expect(doc.raw).toContain(username!);
      expect(doc.raw).toContain(code!);
    }
  });
});
