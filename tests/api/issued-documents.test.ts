// Issued documents are frozen: a province's report and the department's announcement of a
// round issue the province's certification and report form, rendered once inside the act's
// transaction and stored with their SHA-256; every later download is those bytes, whatever the
// data does afterwards, and the act's audit row names the same hashes. A round not yet issued
// prints 'ฉบับร่าง / DRAFT'. Everything goes through the HTTP API as the officers act.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/query-rows.ts';
import { auditLog, issuedDocuments } from '../../db/schema/index.ts';
import { makeThaiId } from '../../domain/thai-id.ts';
import { provinceRoundDocument } from '../../api/reports/documents/report-document.ts';
import { renderReportPdf } from '../../api/reports/documents/report-pdf.ts';
import { reportPeriod } from '../../api/reports/documents/report-period.ts';
import { readDocument } from '../reports/documents/read-document.ts';
import { squash } from '../reports/thai-text-checks.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { createApiFixture, signIn, type AccountName, type ApiFixture, type Client } from './support/api-fixture.ts';

const ROUND = '2561-Q1';
const HEADER = 'ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์';
// Every district but 3801, which the province certifies: a report names the ones it has not.
const OTHERS = '3802 3803 3804 3805 3806 3807 3808';
const DRAFT = 'ฉบับร่าง / DRAFT';

type DocumentHash = { kind: 'certification' | 'report-form' | 'announcement'; sha256: string; byteLength: number; fileName: string };
type Download = { status: number; bytes: Buffer; sha256: string | null; etag: string | null; disposition: string | null; cache: string | null };

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe(`issued documents are frozen (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  const c = {} as Record<AccountName, Client>;
  let issuedAtReport: DocumentHash[];
  const firstDownload = new Map<string, Buffer>();

  beforeAll(async () => {
    f = await createApiFixture({ now: '2017-12-28T03:00:00Z' });
    for (const name of ['district3801', 'district3802', 'province38', 'department'] as const) c[name] = await signIn(f.app, name);
  }, 120_000);
  afterAll(async () => f.close());

  async function upload(who: AccountName, district: string, lines: string[], round = ROUND): Promise<void> {
    const form = new FormData();
    form.set('file', new File([[HEADER, ...lines].join('\n')], `${district}-${lines.length}-${Date.now()}.csv`));
    form.set('district', district);
    form.set('round', round);
    const res = await c[who].send('POST', '/api/submissions', { body: form });
    expect(res.status, await res.clone().text()).toBe(201);
  }

  async function act(who: AccountName, path: string, body: Record<string, unknown> = {}): Promise<{ auditId: number }> {
    const res = await c[who].post(`/api/rounds/${path}`, body);
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
    return (await res.json()) as { auditId: number };
  }

  async function download(who: AccountName, path: string, headers: Record<string, string> = {}): Promise<Download> {
    const res = await c[who].get(path, { headers });
    return {
      status: res.status,
      bytes: Buffer.from(await res.arrayBuffer()),
      sha256: res.headers.get('x-document-sha256'),
      etag: res.headers.get('etag'),
      disposition: res.headers.get('content-disposition'),
      cache: res.headers.get('cache-control'),
    };
  }

  async function auditDocuments(auditId: number): Promise<DocumentHash[]> {
    const [row] = await f.t.db.select({ details: auditLog.details }).from(auditLog).where(eq(auditLog.id, auditId));
    return (row?.details as { documents: DocumentHash[] }).documents;
  }

  const text = (pdf: Buffer, name: string) => squash(readDocument(pdf, `issued-${TEST_ENGINE}-${name}`, { pngs: false }).raw);
  const path = (kind: string, round = ROUND) => `/api/reports/${kind}.pdf?round=${round}&province=38`;

  it('prints the certification and province report form of a round not yet reported as a draft, without a hash', async () => {
    await upload('district3801', '3801', [
      `กลุ่มทอผ้าบ้านโนนสว่าง,${makeThaiId('338010000101')},กลุ่มผู้ผลิตชุมชน,โนนสว่าง,ผ้าไหมมัดหมี่,ผ้า เครื่องแต่งกาย`,
      `นางสมศรี ศรีสุข,${makeThaiId('338010000102')},ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว,หอคำ,น้ำพริกเผา,อาหาร`,
    ]);
    // Nothing is certified yet: there is no certification to print, not even as a draft.
    expect((await download('province38', path('certification'))).status).toBe(409);
    await act('district3801', `${ROUND}/districts/3801/submit`);
    await act('province38', `${ROUND}/districts/3801/certify`);
    for (const kind of ['certification', 'report-form']) {
      const d = await download('province38', path(kind));
      expect(d.status, kind).toBe(200);
      expect(d.sha256, kind).toBeNull();
      expect(d.etag, kind).toBeNull();
      expect(text(d.bytes, `draft-${kind}`), kind).toContain(squash(DRAFT));
    }
    // A district's own form is a working document, not one an act issues: no mark.
    const own = await download('district3801', `/api/reports/report-form.pdf?round=${ROUND}`);
    expect(text(own.bytes, 'district-form')).not.toContain(squash(DRAFT));
    expect(await f.t.db.select().from(issuedDocuments)).toEqual([]);
  });

  it('a report issues both; every download is the stored bytes, whose SHA-256 the audit row names', async () => {
    f.clock.advance(60_000);
    const { auditId } = await act('province38', `${ROUND}/provinces/38/report`, { reason: `ยังไม่ส่ง ${OTHERS}` });
    issuedAtReport = await auditDocuments(auditId);
    expect(issuedAtReport.map((d) => d.kind)).toEqual(['certification', 'report-form']);

    for (const issued of issuedAtReport) {
      const first = await download('province38', path(issued.kind));
      f.clock.advance(3_600_000); // a later download, an hour on: still the same bytes
      const second = await download('province38', path(issued.kind));
      const byDepartment = await download('department', `${path(issued.kind)}&digits=ascii`);
      for (const d of [first, second, byDepartment]) {
        expect(d.status).toBe(200);
        expect(d.bytes.equals(first.bytes)).toBe(true);
        expect(d.sha256).toBe(sha256(d.bytes));
        expect(d.sha256).toBe(issued.sha256);
        expect(d.etag).toBe(`"${issued.sha256}"`);
        expect(d.disposition).toBe(`attachment; filename="${issued.kind}-38-${ROUND}.pdf"`);
        expect(d.cache).toBe('private, no-store'); // the annex names producers
      }
      expect(first.bytes.length).toBe(issued.byteLength);
      expect(text(first.bytes, `reported-${issued.kind}`)).not.toContain(squash('ฉบับร่าง'));
      firstDownload.set(issued.kind, first.bytes);
      // A client holding the copy may ask by its hash.
      expect((await download('province38', path(issued.kind), { 'if-none-match': `"${issued.sha256}"` })).status).toBe(304);
    }
    expect(text(firstDownload.get('certification')!, 'reported-certification-names')).toContain(squash('กลุ่มทอผ้าบ้านโนนสว่าง'));
  });

  it('still serves the issued bytes after the data changes; the announcement issues the final copy and serves it', async () => {
    // The province reopens 3801 (allowed until the announcement); the district adds a producer.
    await act('province38', `${ROUND}/districts/3801/reopen`, { reason: 'เพิ่มผู้ผลิตที่ตกหล่น' });
    await upload('district3801', '3801', [`นายสมชาย ใจดี,${makeThaiId('338010000103')},ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว,หอคำ,ปลาส้ม,อาหาร`]);
    await upload('district3802', '3802', [`กลุ่มจักสานดอนหญ้านาง,${makeThaiId('338020000101')},กลุ่มผู้ผลิตชุมชน,ดอนหญ้านาง,กระติบข้าว,ของใช้ ของตกแต่ง ของที่ระลึก`]);
    await act('district3801', `${ROUND}/districts/3801/submit`);
    await act('province38', `${ROUND}/districts/3801/certify`);

    for (const issued of issuedAtReport) {
      const d = await download('province38', path(issued.kind));
      expect(d.bytes.equals(firstDownload.get(issued.kind)!), issued.kind).toBe(true);
      expect(d.sha256).toBe(issued.sha256);
      // The same document built now, at the very instant of the report, is different: the
      // bytes served are the stored ones, not a deterministic re-render.
      const at = (await f.t.db.select({ at: auditLog.at }).from(auditLog).where(and(eq(auditLog.action, 'report'), eq(auditLog.roundCode, ROUND))))[0]!.at;
      const period = await reportPeriod(f.t.db, { roundCode: ROUND }, at, 'none');
      const now = await renderReportPdf(f.t.db, await provinceRoundDocument(f.t.db, issued.kind, '38', { ...period, round: period.round! }, at, 'thai'), 'thai', at, { provinceCode: '38' });
      expect(sha256(now), issued.kind).not.toBe(issued.sha256);
    }
    expect(text(firstDownload.get('certification')!, 'reported-certification-after')).not.toContain(squash('นายสมชาย ใจดี'));

    f.clock.set('2018-01-15T03:00:00Z');
    c.department = await signIn(f.app, 'department');
    c.province38 = await signIn(f.app, 'province38');
    // Before any announcement the department's national paper is a draft, without a hash.
    const draftNational = await download('department', `/api/reports/announcement.pdf?round=${ROUND}`);
    expect(draftNational.status).toBe(200);
    expect(draftNational.sha256).toBeNull();
    expect(text(draftNational.bytes, 'announcement-draft')).toContain(squash(DRAFT));
    const { auditId } = await act('department', `${ROUND}/provinces/38/announce`);
    const announced = await auditDocuments(auditId);
    expect(announced.map((d) => d.kind)).toEqual(['certification', 'report-form', 'announcement']);
    const national = announced.find((d) => d.kind === 'announcement')!;
    const paper = await download('province38', `/api/reports/announcement.pdf?round=${ROUND}`);
    expect(paper.sha256).toBe(national.sha256);
    expect(paper.sha256).toBe(sha256(paper.bytes));
    expect(paper.etag).toBe(`"${national.sha256}"`);
    expect(paper.disposition).toBe(`attachment; filename="announcement-${ROUND}.pdf"`);
    const paperText = text(paper.bytes, 'announcement-issued');
    for (const s of ['ประกาศกรมการพัฒนาชุมชน', 'อธิบดีกรมการพัฒนาชุมชน', 'จังหวัดบึงกาฬ', 'ประกาศรับรองข้อมูลผลการลงทะเบียนของ ๑ จังหวัด']) expect(paperText, s).toContain(squash(s));
    expect(paperText).not.toContain(squash('ฉบับร่าง'));
    for (const issued of announced.filter((d) => d.kind !== 'announcement')) {
      expect(issued.sha256).not.toBe(issuedAtReport.find((r) => r.kind === issued.kind)!.sha256);
      const d = await download('province38', path(issued.kind));
      expect(d.sha256).toBe(sha256(d.bytes));
      expect(d.sha256).toBe(issued.sha256);
    }
    const certification = await download('department', path('certification'));
    expect(text(certification.bytes, 'announced-certification')).toContain(squash('นายสมชาย ใจดี'));
    // The report's copies stay on record beside the announcement's.
    const rows = await queryRows<{ action: string; kind: string; sha256: string }>(
      f.t.db,
      sql`select action, kind, sha256 from issued_documents where round_code = ${ROUND} order by id`,
    );
    expect(rows).toEqual([...issuedAtReport, ...announced].map((d, i) => ({ action: i < 2 ? 'report' : 'announce', kind: d.kind, sha256: d.sha256 })));
    // Later downloads stay the issued bytes, after the data changes too.
    expect((await download('department', `/api/reports/announcement.pdf?round=${ROUND}`)).bytes.equals(paper.bytes)).toBe(true);
  });

  it('a report that fails mid-way (its audit row refused) issues nothing; the retry issues once', async () => {
    const round = '2561-Q2';
    f.clock.set('2018-03-28T03:00:00Z');
    c.province38 = await signIn(f.app, 'province38');
    await f.t.db.execute(sql.raw(`
      create function test_refuse_report() returns trigger as $$
      begin raise exception 'test: audit row refused'; end; $$ language plpgsql`));
    await f.t.db.execute(sql.raw(`
      create trigger test_refuse_report before insert on audit_log
      for each row when (new.action = 'report') execute function test_refuse_report()`));
    const failed = await c.province38.post(`/api/rounds/${round}/provinces/38/report`, { reason: `ยังไม่ส่ง 3801 ${OTHERS}` });
    expect(failed.status).toBe(500);
    const count = async () =>
      (await queryRows<{ n: number }>(f.t.db, sql`select count(*)::int as n from issued_documents where round_code = ${round}`))[0]!.n;
    expect(await count()).toBe(0);
    const status = (await (await c.province38.get(`/api/rounds/${round}/provinces/38`)).json()) as { state: string };
    expect(status.state).toBe('open');
    const draft = await download('province38', path('report-form', round));
    expect(draft.sha256).toBeNull();
    expect(text(draft.bytes, 'rolled-back-report-form')).toContain(squash(DRAFT));

    await f.t.db.execute(sql.raw('drop trigger test_refuse_report on audit_log'));
    const { auditId } = await act('province38', `${round}/provinces/38/report`, { reason: `ยังไม่ส่ง 3801 ${OTHERS}` });
    // No district is certified for the round: the report issues its form, and no certification.
    expect(await count()).toBe(1);
    expect((await auditDocuments(auditId)).map((d) => d.kind)).toEqual(['report-form']);
    const form = (await auditDocuments(auditId)).find((d) => d.kind === 'report-form')!;
    expect((await download('province38', path('report-form', round))).sha256).toBe(form.sha256);
    expect((await download('province38', path('certification', round))).status).toBe(409);
  });

  it('the database refuses to rewrite or erase an issued document, or to store bytes under a wrong hash', async () => {
    const refused = (pattern: RegExp) => (err: unknown) => pattern.test(String((err as { cause?: Error }).cause?.message ?? err));
    await expect(f.t.db.execute(sql`update issued_documents set bytes = '\\x00'::bytea`)).rejects.toSatisfy(refused(/append-only/));
    await expect(f.t.db.execute(sql`delete from issued_documents`)).rejects.toSatisfy(refused(/append-only/));
    await expect(f.t.db.execute(sql`truncate issued_documents`)).rejects.toSatisfy(refused(/append-only/));
    const forged = Buffer.from('%PDF-1.3 forged');
    await expect(
      f.t.db.insert(issuedDocuments).values({
        kind: 'certification', action: 'report', roundCode: '2561-Q3', fiscalYear: 2561, provinceCode: '38',
        sha256: sha256(Buffer.from('something else')), bytes: forged, byteLength: forged.length,
        fileName: 'certification-38-2561-Q3.pdf', issuedAt: new Date(), issuedByUsername: 'tester',
      }),
    ).rejects.toSatisfy(refused(/issued_documents_sha256_matches/));
    expect((await queryRows<{ n: number }>(f.t.db, sql`select count(*)::int as n from issued_documents`))[0]!.n).toBe(6); // Q1: report 2 + announce 3 (with the national announcement); Q2: the form only
  });
});
