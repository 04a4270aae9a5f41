// The sending office of a province's papers: an admin sets it (API, CLI), the province reads its
// own, every problem comes back at once in Thai and English, and the emblem is checked by its bytes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../db/schema/index.ts';
import { tinyPng } from '../support/tiny-png.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { createApiFixture, signIn, type AccountName, type ApiFixture, type Client } from './support/api-fixture.ts';

const OFFICE = {
  name: 'สำนักงานพัฒนาชุมชนจังหวัดบึงกาฬ',
  address: 'ศาลากลางจังหวัดบึงกาฬ ถนนบึงกาฬ-นครพนม อำเภอเมืองบึงกาฬ บก ๓๘๐๐๐',
  phone: '๐ ๔๒๔๙ ๒๓๑๑',
  email: 'buengkan@cdd.go.th',
};
type Problem = { status: number; title: string; titleTh: string; issues?: { column: string; code: string; message: { th: string; en: string } }[] };

describe(`office profile (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  const c = {} as Record<AccountName, Client>;

  beforeAll(async () => {
    f = await createApiFixture();
    for (const name of ['admin', 'province38', 'province43', 'district3801', 'department'] as const) c[name] = await signIn(f.app, name);
  }, 120_000);
  afterAll(async () => f.close());

  const put = (who: AccountName, path: string, body: unknown) => c[who].send('PUT', path, { json: body });

  it('refuses a profile with every problem at once, in Thai and English; nothing is stored', async () => {
    const res = await put('admin', '/api/offices/38', { name: '  ', address: OFFICE.address, phone: 'call us', email: 'not-an-address' });
    expect(res.status).toBe(422);
    const p = (await res.json()) as Problem;
    expect(p.issues!.map((i) => [i.column, i.code])).toEqual([['name', 'missing-value'], ['phone', 'invalid-value'], ['email', 'invalid-value']]);
    for (const i of p.issues!) {
      expect(i.message.th).toMatch(/[\u0E01-\u0E4F]/u);
      expect(i.message.en).toMatch(/[a-z]/);
    }
    expect((await c.admin.get('/api/offices/38')).status).toBe(404);
  });

  it('an admin sets it; the province reads its own (Thai digits folded), not another’s; a district may not', async () => {
    const res = await put('admin', '/api/offices/38', OFFICE);
    expect(res.status, await res.clone().text()).toBe(200);
    const mine = await c.province38.get('/api/offices/38');
    expect(mine.status).toBe(200);
    expect(await mine.json()).toMatchObject({ provinceCode: '38', provinceNameTh: 'บึงกาฬ', name: OFFICE.name, phone: '0 4249 2311', email: OFFICE.email, emblem: null, updatedBy: 'admin' });
    expect((await c.province43.get('/api/offices/38')).status).toBe(404);
    expect((await c.department.get('/api/offices/38')).status).toBe(200);
    expect((await c.district3801.get('/api/offices/38')).status).toBe(403);
    expect((await put('province38', '/api/offices/38', OFFICE)).status).toBe(403);
    expect((await put('admin', '/api/offices/99', OFFICE)).status).toBe(404);
  });

  it('takes a PNG emblem by its bytes, refuses what is not an image or is too large, and serves it back', async () => {
    const png = tinyPng(64);
    const send = (body: Uint8Array) => {
      const form = new FormData();
      form.set('emblem', new File([new Uint8Array(body)], 'emblem.png', { type: 'image/png' }));
      return c.admin.send('POST', '/api/offices/38/emblem', { body: form });
    };
    const saved = await send(png);
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect(((await saved.json()) as { emblem: unknown }).emblem).toEqual({ type: 'image/png', width: 64, height: 64, bytes: png.length });
    const back = await c.province38.get('/api/offices/38/emblem');
    expect(back.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await back.arrayBuffer()).equals(png)).toBe(true);

    // A text file called an image, a PNG whose data is broken, one too wide: 422, each with its reason.
    const broken = Buffer.from(png);
    broken.fill(0x41, 40, broken.length - 12);
    const wide = tinyPng(8);
    wide.writeUInt32BE(5000, 16);
    for (const [body, code] of [[Buffer.from('GIF89a not really'), 'invalid-value'], [broken, 'invalid-value'], [wide, 'too-large']] as const) {
      const res = await send(body);
      expect(res.status).toBe(422);
      const p = (await res.json()) as Problem;
      expect(p.issues!.map((i) => [i.column, i.code])).toEqual([['emblem', code]]);
    }
    // Past 256 KB the body is not even read.
    expect((await send(Buffer.alloc(300 * 1024, 1))).status).toBe(413);
    // The stored emblem is still the good one.
    expect(Buffer.from(await (await c.admin.get('/api/offices/38/emblem')).arrayBuffer()).equals(png)).toBe(true);
    const rows = await f.t.db.select({ details: auditLog.details }).from(auditLog).where(and(eq(auditLog.action, 'office.set'), eq(auditLog.provinceCode, '38')));
    expect(rows).toHaveLength(2);
    expect(rows[1]!.details).toMatchObject({ emblem: { type: 'image/png', width: 64, height: 64 } });
  });

  it('takes the signer’s position as up to three lines (blank lines dropped, each trimmed), keeps it when the emblem changes, and clears it when left out', async () => {
    const signer = 'รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน\r\n\n  ผู้ว่าราชการจังหวัดบึงกาฬ  ';
    const res = await put('admin', '/api/offices/38', { ...OFFICE, signer });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { signer: string }).signer).toBe('รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน\nผู้ว่าราชการจังหวัดบึงกาฬ');
    // An emblem change keeps it.
    const form = new FormData();
    form.set('emblem', new File([new Uint8Array(tinyPng(32))], 'emblem.png', { type: 'image/png' }));
    expect((await c.admin.send('POST', '/api/offices/38/emblem', { body: form })).status).toBe(200);
    expect(((await (await c.province38.get('/api/offices/38')).json()) as { signer: string | null }).signer).toBe('รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน\nผู้ว่าราชการจังหวัดบึงกาฬ');

    // Four lines, or a line of 101 characters: 422 on the signer alone, nothing changed.
    for (const bad of ['ก\nข\nค\nง', `ตำแหน่ง ${'ก'.repeat(93)}`]) {
      const refused = await put('admin', '/api/offices/38', { ...OFFICE, signer: bad });
      expect(refused.status).toBe(422);
      expect(((await refused.json()) as Problem).issues!.map((i) => [i.column, i.code])).toEqual([['signer', 'invalid-value']]);
    }
    // A line 100 characters long is taken; a PUT without it (or blank) goes back to the default.
    expect((await put('admin', '/api/offices/38', { ...OFFICE, signer: `ตำแหน่ง ${'ก'.repeat(92)}` })).status).toBe(200);
    for (const body of [OFFICE, { ...OFFICE, signer: ' \n ' }, { ...OFFICE, signer: null }]) {
      const cleared = await put('admin', '/api/offices/38', body);
      expect(((await cleared.json()) as { signer: string | null }).signer).toBeNull();
    }
    const rows = await f.t.db.select({ details: auditLog.details }).from(auditLog).where(and(eq(auditLog.action, 'office.set'), eq(auditLog.provinceCode, '38')));
    expect(rows.map((r) => (r.details as { changed: string[] }).changed)).toContainEqual(['signerPosition']);
  });
});
