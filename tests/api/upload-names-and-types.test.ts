import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { submissions } from '../../db/schema/index.ts';
import { makeThaiId } from '../../domain/thai-id.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { createApiFixture, signIn, type ApiFixture, type Client } from './support/api-fixture.ts';

const HEADER = 'ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์';
const ROW = `กลุ่มทดสอบชื่อไฟล์,${makeThaiId('338010000777')},กลุ่มผู้ผลิตชุมชน,บึงกาฬ,น้ำพริกเผา,อาหาร`;

function upload(client: Client, file: File) {
  const fd = new FormData();
  fd.set('file', file);
  fd.set('district', '3801');
  fd.set('round', '2561-Q1');
  fd.set('dryRun', 'true');
  return client.send('POST', '/api/submissions', { body: fd });
}

describe(`upload file names and types (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  let district: Client;
  beforeAll(async () => {
    f = await createApiFixture({ accounts: ['district3801'] });
    district = await signIn(f.app, 'district3801');
  });
  afterAll(async () => f.close());

  it('keeps only a safe base name of a path-traversal file name, in the answer and in the database', async () => {
    const res = await upload(district, new File([`${HEADER}\n${ROW}\n`], '../../etc/passwd<script>.csv', { type: 'text/csv' }));
    expect(res.status).toBe(200);
    const report = (await res.json()) as { submissionId: string; fileName: string; status: string };
    expect(report.status).toBe('validated');
    expect(report.fileName).toBe('passwd_script_.csv');
    const [row] = await f.t.db.select({ fileName: submissions.fileName }).from(submissions).where(eq(submissions.id, report.submissionId));
    expect(row?.fileName).toBe('passwd_script_.csv');
  });

  it('refuses a program posing as a spreadsheet by its content, whatever its name and type', async () => {
    const elf = new Uint8Array(4096);
    elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
    const res = await upload(district, new File([elf], 'registrations.csv', { type: 'text/csv' }));
    // A file refused as a whole is a 422 problem carrying the pipeline's file-level issue.
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { issues: { code: string; row: number | null; message: { th: string; en: string } }[] };
    expect(problem.issues.map((i) => [i.code, i.row])).toEqual([['binary-file', null]]);
    expect(problem.issues[0]!.message.th.length).toBeGreaterThan(0);
  });
});
