import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../support/test-db.ts';
import { createApiFixture, signIn, type ApiFixture, type Client } from './support/api-fixture.ts';

// An office's own title for a required column: the dry run answers 422 with the header step
// (unmapped title, candidates, samples); the upload with `mapping` loads; the next file maps itself.
const HEADER = 'ลำดับ,ชื่อ,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์';
const ROW = '1,กลุ่มทอผ้าบ้านหนองคาย,3380100001019,กลุ่มผู้ผลิตชุมชน,บึงกาฬ,ผ้าทอมือ,ผ้า เครื่องแต่งกาย';

function form(text: string, fields: Record<string, string>): FormData {
  const fd = new FormData();
  fd.set('file', new File([text], 'own.csv', { type: 'text/csv' }));
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

type Column = { header: string; key: string | null; via: string | null; candidates: Array<{ key: string; confidence: number }>; samples?: string[] };
type HeaderStep = { source: string; needsMapping: boolean; missing: string[]; columns: Column[]; notices: Array<{ th: string; en: string }> };

describe(`upload with a mapping (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  let d3801: Client;
  beforeAll(async () => {
    f = await createApiFixture({ accounts: ['district3801'] });
    d3801 = await signIn(f.app, 'district3801');
  });
  afterAll(async () => f.close());

  it('dry run → 422 with candidates and samples; with mapping → 201; the next file maps itself', async () => {
    const asked = await d3801.send('POST', '/api/submissions', { body: form(`${HEADER}\n${ROW}\n`, { district: '3801', round: '2561-Q1', dryRun: 'true' }) });
    expect(asked.status).toBe(422);
    const problem = (await asked.json()) as { report: { headerMapping: HeaderStep } };
    const step = problem.report.headerMapping;
    expect(step).toMatchObject({ needsMapping: true, missing: ['producer_name'], source: 'recognised' });
    const name = step.columns.find((c) => c.header === 'ชื่อ')!;
    expect(name).toMatchObject({ key: null, samples: ['กลุ่มทอผ้าบ้านหนองคาย'] });
    expect(name.candidates[0]!.key).toBe('producer_name');
    expect(step.notices[0]!.en).toContain('A "ลำดับ" (a running number)');

    const loaded = await d3801.send('POST', '/api/submissions', {
      body: form(`${HEADER}\n${ROW}\n`, { district: '3801', round: '2561-Q1', mapping: JSON.stringify({ 'ชื่อ': 'producer_name' }) }),
    });
    expect(loaded.status).toBe(201);
    const report = (await loaded.json()) as { status: string; headerMapping: HeaderStep };
    expect(report.status).toBe('loaded');
    expect(report.headerMapping.columns.find((c) => c.header === 'ชื่อ')).toMatchObject({ key: 'producer_name', via: 'explicit' });

    const next = await d3801.send('POST', '/api/submissions', {
      body: form(`${HEADER}\n${ROW.replace('ผ้าทอมือ', 'ผ้าทอมือลายใหม่')}\n`, { district: '3801', round: '2561-Q1', dryRun: 'true' }),
    });
    expect(next.status).toBe(200);
    const again = (await next.json()) as { headerMapping: HeaderStep };
    expect(again.headerMapping).toMatchObject({ source: 'remembered', needsMapping: false });
  });

  it('a mapping that is not JSON, or names no column: 422 naming the field', async () => {
    const notJson = await d3801.send('POST', '/api/submissions', { body: form(`${HEADER}\n${ROW}\n`, { district: '3801', round: '2561-Q1', dryRun: 'true', mapping: '{ชื่อ' }) });
    expect(notJson.status).toBe(422);
    const p1 = (await notJson.json()) as { issues: Array<{ column: string; code: string }> };
    expect(p1.issues).toMatchObject([{ column: 'mapping', code: 'invalid-value' }]);
    const unknown = await d3801.send('POST', '/api/submissions', {
      body: form(`${HEADER}\n${ROW}\n`, { district: '3801', round: '2561-Q1', dryRun: 'true', mapping: JSON.stringify({ 'ชื่อ': 'nickname' }) }),
    });
    expect(unknown.status).toBe(422);
    const p2 = (await unknown.json()) as { issues: Array<{ message: { en: string } }> };
    expect(p2.issues[0]!.message.en).toBe('unknown column for "ชื่อ"');
  });
});
