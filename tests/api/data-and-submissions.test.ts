import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { submissions, producers as producersTable } from '../../db/schema/index.ts';
import { makeThaiId } from '../../domain/thai-id.ts';
import { createApp } from '../../api/create-app.ts';
import { loadConfig } from '../../api/config.ts';
import { reportProvinceRound, announceProvinceRound, submitDistrictRound, certifyDistrictRound } from '../../api/workflow/index.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { Client, createApiFixture, signIn, type ApiFixture } from './support/api-fixture.ts';

type Page<T> = { items: T[]; total: number; limit: number; offset: number };
type Producer = { id: number; thaiId: string; thaiIdMasked: boolean; name: string; districtCode: string; producerType: string; fiscalYears: number[] };
type Product = { name: string; category: string; districtCode: string; producerName: string; roundCode: string; stars: number | null };
type Report = { submissionId: string; status: string; dryRun: boolean; fileName: string; accepted: { total: number }; rejected: number };
type Problem = { type: string; status: number; issues?: { code: string; column: string | null; row: number | null }[]; submissionId?: string };

const HEADER = 'ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์,ระดับดาว';
const id = (n: number) => makeThaiId(`3380100${String(n).padStart(5, '0')}`);
const ROWS = {
  '3801': [
    `กลุ่มแม่บ้านน้ำพริกบึงกาฬ,${id(1)},กลุ่มผู้ผลิตชุมชน,บึงกาฬ,น้ำพริกเผา,อาหาร,4`,
    `กลุ่มแม่บ้านน้ำพริกบึงกาฬ,${id(1)},กลุ่มผู้ผลิตชุมชน,บึงกาฬ,ชาตะไคร้,เครื่องดื่ม,3`,
    `นางสมใจ ทอผ้า,${id(2)},ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว,โนนสมบูรณ์,ผ้าไหมมัดหมี่,ผ้า เครื่องแต่งกาย,5`,
    `บริษัท สมุนไพรโขง จำกัด,${makeThaiId('010555000001')},ผู้ผลิตที่เป็นวิสาหกิจขนาดกลางและขนาดย่อม,หอคำ,ยาหม่องสมุนไพร,สมุนไพรที่ไม่ใช่อาหาร,`,
  ],
  '3802': [
    `กลุ่มจักสานพรเจริญ,${id(11)},กลุ่มผู้ผลิตชุมชน,ศรีชมภู,ตะกร้าหวาย,ของใช้ ของตกแต่ง ของที่ระลึก,2`,
    `กลุ่มข้าวกล้องดอนหญ้านาง,${id(12)},กลุ่มผู้ผลิตชุมชน,ดอนหญ้านาง,ข้าวกล้องงอก,อาหาร,`,
  ],
  '4301': [`กลุ่มผ้าหนองคาย,${id(21)},กลุ่มผู้ผลิตชุมชน,ในเมือง,ผ้าฝ้ายทอมือ,ผ้า เครื่องแต่งกาย,3`],
} as const;

function csvFile(lines: readonly string[], name = 'registrations.csv'): File {
  return new File([[HEADER, ...lines].join('\n')], name, { type: 'text/csv' });
}

function uploadForm(file: File, fields: Record<string, string>): FormData {
  const fd = new FormData();
  fd.set('file', file);
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

describe(`data reads and submissions (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  const c = {} as Record<'district3801' | 'district3802' | 'province38' | 'province43' | 'department' | 'analyst' | 'admin', Client>;
  const uploaded: Record<string, Report> = {};

  beforeAll(async () => {
    f = await createApiFixture();
    for (const name of ['district3801', 'district3802', 'province38', 'province43', 'department', 'analyst', 'admin'] as const) {
      c[name] = await signIn(f.app, name);
    }
    for (const [district, client] of [
      ['3801', c.district3801],
      ['3802', c.district3802],
      ['4301', c.province43],
    ] as const) {
      const res = await client.send('POST', '/api/submissions', { body: uploadForm(csvFile(ROWS[district]), { district, round: '2561-Q1' }) });
      expect(res.status).toBe(201);
      uploaded[district] = (await res.json()) as Report;
    }
  });
  afterAll(async () => f.close());

  describe('GET /api/producers', () => {
    it('a district officer sees only the district, with citizen IDs in full', async () => {
      const page = (await (await c.district3801.get('/api/producers')).json()) as Page<Producer>;
      expect(page.total).toBe(3);
      expect(page.items.every((p) => p.districtCode === '3801' && !p.thaiIdMasked && /^\d{13}$/.test(p.thaiId))).toBe(true);
      expect(page.items.map((p) => p.thaiId).sort()).toEqual([id(1), id(2), makeThaiId('010555000001')].sort());
    });

    it('the province sees its districts in full; the department and analysts see every province, masked', async () => {
      const province = (await (await c.province38.get('/api/producers')).json()) as Page<Producer>;
      expect(province.total).toBe(5);
      expect(province.items.every((p) => !p.thaiIdMasked)).toBe(true);
      for (const client of [c.department, c.analyst]) {
        const res = await client.get('/api/producers?limit=200');
        const text = await res.text();
        const page = JSON.parse(text) as Page<Producer>;
        expect(page.total).toBe(6);
        expect(page.items.every((p) => p.thaiIdMasked && /^x-xxxx-xxxxx-\d{2}-\d$/.test(p.thaiId))).toBe(true);
        for (const n of [1, 2, 11, 12, 21]) expect(text).not.toContain(id(n));
      }
    });

    it('filters by type, category, text, fiscal year and round; sorts; paginates with a total', async () => {
      const get = async (q: string) => (await (await c.province38.get(`/api/producers?${q}`)).json()) as Page<Producer>;
      expect((await get('producerType=sme')).items.map((p) => p.name)).toEqual(['บริษัท สมุนไพรโขง จำกัด']);
      expect((await get('category=food')).items.map((p) => p.name).sort()).toEqual(['กลุ่มข้าวกล้องดอนหญ้านาง', 'กลุ่มแม่บ้านน้ำพริกบึงกาฬ']);
      expect((await get('q=%E0%B8%99%E0%B9%89%E0%B8%B3%E0%B8%9E%E0%B8%A3%E0%B8%B4%E0%B8%81')).total).toBe(1); // น้ำพริก
      expect((await get('q=100%25')).total).toBe(0); // % is a literal, not a wildcard
      expect((await get('fy=2561')).total).toBe(5);
      expect((await get('fy=2560')).total).toBe(0);
      expect((await get('round=2561-Q1&district=3802')).total).toBe(2);
      expect((await get('subdistrict=380102')).items.map((p) => p.name)).toEqual(['นางสมใจ ทอผ้า']);
      const asc = (await get('sort=name&order=asc')).items.map((p) => p.name);
      const desc = (await get('sort=name&order=desc')).items.map((p) => p.name);
      expect(desc).toEqual([...asc].reverse());
      const p1 = await get('sort=name&limit=2&offset=0');
      const p2 = await get('sort=name&limit=2&offset=2');
      const p3 = await get('sort=name&limit=2&offset=4');
      expect([p1.total, p2.total, p3.total]).toEqual([5, 5, 5]);
      expect([...p1.items, ...p2.items, ...p3.items].map((p) => p.name)).toEqual(asc);
    });

    it('refuses bad parameters with 422 and the field named', async () => {
      for (const q of ['limit=201', 'limit=0', 'offset=-1', 'sort=thaiId', 'fy=abc', 'district=38011', 'category=cars']) {
        const res = await c.province38.get(`/api/producers?${q}`);
        expect(res.status, q).toBe(422);
        const p = (await res.json()) as Problem;
        expect(p.issues?.[0]?.column, q).toMatch(/^query\./);
      }
    });

    it('asking for data outside the scope answers 404, never data', async () => {
      for (const [client, q] of [
        [c.district3801, 'district=3802'],
        [c.district3801, 'province=43'],
        [c.province38, 'district=4301'],
        [c.province38, 'province=43'],
        [c.province43, 'district=3801'],
      ] as const) {
        for (const path of ['/api/producers', '/api/products', '/api/submissions', '/api/audit']) {
          const res = await client.get(`${path}?${q}`);
          expect(res.status, `${path}?${q}`).toBe(404);
          expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        }
      }
      expect((await c.admin.get('/api/producers')).status).toBe(403);
    });
  });

  describe('GET /api/products', () => {
    it('lists products in scope with producer and round, filters and sorts by stars', async () => {
      const page = (await (await c.district3801.get('/api/products?sort=stars&order=desc')).json()) as Page<Product>;
      expect(page.total).toBe(4);
      expect(page.items.map((p) => p.stars)).toEqual([5, 4, 3, null]);
      expect(page.items.every((p) => p.districtCode === '3801' && p.roundCode === '2561-Q1')).toBe(true);
      const herbal = (await (await c.department.get('/api/products?category=herbal')).json()) as Page<Product>;
      expect(herbal.items.map((p) => p.name)).toEqual(['ยาหม่องสมุนไพร']);
      const byProducer = (await (await c.analyst.get(`/api/products?q=${encodeURIComponent('หนองคาย')}`)).json()) as Page<Product>;
      expect(byProducer.items.map((p) => [p.name, p.producerName])).toEqual([['ผ้าฝ้ายทอมือ', 'กลุ่มผ้าหนองคาย']]);
      const all = (await (await c.department.get('/api/products?fy=2561&limit=1')).json()) as Page<Product>;
      expect(all).toMatchObject({ total: 7, limit: 1 });
    });
  });

  describe('submissions', () => {
    it('lists only the caller’s submissions; a report of another district answers 404', async () => {
      const mine = (await (await c.district3801.get('/api/submissions')).json()) as Page<{ id: string; districtCode: string }>;
      expect(mine.items.map((s) => s.id)).toEqual([uploaded['3801']!.submissionId]);
      const province = (await (await c.province38.get('/api/submissions')).json()) as Page<{ districtCode: string }>;
      expect(province.items.map((s) => s.districtCode).sort()).toEqual(['3801', '3802']);
      expect(((await (await c.department.get('/api/submissions')).json()) as Page<unknown>).total).toBe(3);
      const other = uploaded['3802']!.submissionId;
      for (const path of [`/api/submissions/${other}`, `/api/submissions/${other}/rejected.csv`]) {
        const res = await c.district3801.get(path);
        expect(res.status).toBe(404);
        expect(await res.text()).not.toContain('จักสาน');
      }
      expect((await c.province43.get(`/api/submissions/${uploaded['3801']!.submissionId}`)).status).toBe(404);
      expect((await c.district3801.get(`/api/submissions/${uploaded['3801']!.submissionId}`)).status).toBe(200);
      expect((await c.district3801.get('/api/submissions/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    });

    it('rejected rows: a CSV with BOM for the district and province; refused to analysts (IDs in full)', async () => {
      const res = await c.district3801.send('POST', '/api/submissions', {
        body: uploadForm(csvFile([`กลุ่มผิด,${id(99)},กลุ่มผู้ผลิตชุมชน,ไม่มีตำบลนี้,ของดี,อาหาร,`, ROWS['3801'][0]], 'fix.csv'), { district: '3801', round: '2561-Q1' }),
      });
      expect(res.status).toBe(201);
      const report = (await res.json()) as Report;
      expect(report).toMatchObject({ status: 'partially-loaded', rejected: 1 });
      const csv = await c.district3801.get(`/api/submissions/${report.submissionId}/rejected.csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const bytes = new Uint8Array(await csv.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes);
      expect(text).toContain(id(99));
      expect(text).toContain('unknown-subdistrict');
      expect((await c.province38.get(`/api/submissions/${report.submissionId}/rejected.csv`)).status).toBe(200);
      expect((await c.analyst.get(`/api/submissions/${report.submissionId}/rejected.csv`)).status).toBe(403);
      expect((await c.department.get(`/api/submissions/${report.submissionId}/rejected.csv`)).status).toBe(403);
    });

    it('sanitises the file name; a dry run changes no data and answers 200', async () => {
      const before = await f.t.db.select({ n: count() }).from(producersTable);
      const res = await c.district3802.send('POST', '/api/submissions', {
        body: uploadForm(csvFile([`กลุ่มทดลอง,${id(31)},กลุ่มผู้ผลิตชุมชน,ศรีชมภู,แหนม,อาหาร,`], '..\\..\\C:\\Windows\\evil\u202Egpj.csv'), {
          district: '3802',
          round: '2561-Q1',
          dryRun: 'true',
        }),
      });
      expect(res.status).toBe(200);
      const report = (await res.json()) as Report;
      expect(report).toMatchObject({ dryRun: true, status: 'validated', fileName: 'evilgpj.csv' });
      expect(await f.t.db.select({ n: count() }).from(producersTable)).toEqual(before);
    });

    it('refuses an upload outside the scope with 404 and records nothing', async () => {
      const before = await f.t.db.select({ n: count() }).from(submissions);
      for (const district of ['3802', '38', 'all', '4301']) {
        const res = await c.district3801.send('POST', '/api/submissions', { body: uploadForm(csvFile(ROWS['3802']), { district, round: '2561-Q1' }) });
        expect(res.status, district).toBe(404);
      }
      expect((await c.province38.send('POST', '/api/submissions', { body: uploadForm(csvFile(ROWS['4301']), { district: '4301', round: '2561-Q1' }) })).status).toBe(404);
      expect(await f.t.db.select({ n: count() }).from(submissions)).toEqual(before);
      expect((await c.analyst.send('POST', '/api/submissions', { body: uploadForm(csvFile(ROWS['3801']), { district: '3801', round: '2561-Q1' }) })).status).toBe(403);
      expect((await c.admin.send('POST', '/api/submissions', { body: uploadForm(csvFile(ROWS['3801']), { district: '3801', round: '2561-Q1' }) })).status).toBe(403);
    });

    it('a missing file or round is 422; a file without the required columns is 422 with the pipeline’s issues', async () => {
      const noFile = new FormData();
      noFile.set('district', '3801');
      const res = await c.district3801.send('POST', '/api/submissions', { body: noFile });
      expect(res.status).toBe(422);
      expect(((await res.json()) as Problem).issues?.map((i) => i.column).sort()).toEqual(['file', 'round']);
      const bad = await c.district3801.send('POST', '/api/submissions', {
        body: uploadForm(new File(['ชื่อ,อื่นๆ\nก,ข\n'], 'bad.csv'), { district: '3801', round: '2561-Q1' }),
      });
      expect(bad.status).toBe(422);
      const p = (await bad.json()) as Problem;
      expect(p.type).toMatch(/\/submission-rejected$/);
      expect(p.submissionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(p.issues?.some((i) => i.code === 'missing-column' && i.row === null)).toBe(true);
    });

    it('413 before reading: from Content-Length, and while streaming a body without one', async () => {
      const small = createApp({ db: f.t.db, engine: f.t.engine, config: loadConfig({ UPLOAD_LIMIT_MB: '0.01', TRUST_PROXY: '1' }), now: () => f.clock.now });
      const client = await signIn(small, 'district3801');
      const big = 'x'.repeat(200_000);
      const byLength = await client.send('POST', '/api/submissions', {
        body: uploadForm(new File([big], 'big.csv'), { district: '3801', round: '2561-Q1' }),
      });
      expect(byLength.status).toBe(413);
      expect(byLength.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await byLength.json()) as Problem).type).toMatch(/\/too-large$/);

      let pulled = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 1;
          if (pulled > 1000) controller.close();
          else controller.enqueue(new TextEncoder().encode('y'.repeat(1024)));
        },
      });
      const res = await small.request('/api/submissions', {
        method: 'POST',
        headers: { cookie: `otop_session=${client.cookie}`, 'x-csrf-token': client.csrf!, 'content-type': 'multipart/form-data; boundary=x' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(pulled).toBeLessThan(100); // stopped at the limit, not after reading the megabyte
    });

    it('POST /api/registrations registers one producer through the pipeline; invalid values are 422', async () => {
      const fields = { producer_name: 'กลุ่มฟอร์มทดสอบ', citizen_id: id(41), producer_type: 'กลุ่มผู้ผลิตชุมชน', subdistrict: 'ศรีชมภู' };
      const ok = await c.district3802.post('/api/registrations', {
        district: '3802',
        round: '2561-Q1',
        fields,
        rows: [{ product_name: 'ปลาร้าบอง', category: 'อาหาร' }, { product_name: 'ผ้าขาวม้า', category: 'ผ้า เครื่องแต่งกาย' }],
      });
      expect(ok.status).toBe(201);
      expect(((await ok.json()) as Report).accepted.total).toBe(2);
      const names = (await (await c.district3802.get(`/api/products?q=${encodeURIComponent('ปลาร้า')}`)).json()) as Page<Product>;
      expect(names.items.map((p) => p.producerName)).toEqual(['กลุ่มฟอร์มทดสอบ']);
      const bad = await c.district3802.post('/api/registrations', { district: '3802', round: '2561-Q1', fields: { ...fields, citizen_id: '1234567890123' }, rows: [{ product_name: 'x', category: 'อาหาร' }] });
      expect(bad.status).toBe(422);
      const text = await bad.text();
      expect(text).toContain('invalid-citizen-id');
      expect(text).not.toContain('1234567890123');
      expect((await c.district3801.post('/api/registrations', { district: '3802', round: '2561-Q1', fields })).status).toBe(404);
    });
  });

  describe('templates', () => {
    it('a district officer gets the own district’s XLSX template without naming it; others must name one in scope', async () => {
      const res = await c.district3801.get('/api/templates/registration.xlsx');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers.get('content-disposition')).toContain('otop-registration-3801.xlsx');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip (XLSX) container
      expect((await c.province38.get('/api/templates/registration.xlsx')).status).toBe(422);
      expect((await c.province38.get('/api/templates/registration.xlsx?district=3808')).status).toBe(200);
      expect((await c.province38.get('/api/templates/registration.xlsx?district=4301')).status).toBe(404);
      const csv = await c.analyst.get('/api/templates/registration.csv');
      expect(csv.status).toBe(200);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await csv.arrayBuffer()));
      expect(text.startsWith('\uFEFFชื่อผู้ผลิต,เลขประจำตัวประชาชน')).toBe(true);
    });
  });

  describe('locks', () => {
    it('a certified district, and a round the department announced, refuse uploads and forms with 409', async () => {
      const province = { id: f.userIds.province38, username: 'province38', role: 'province' as const, provinceCode: '38', districtCode: null };
      const d3801 = { id: f.userIds.district3801, username: 'district3801', role: 'district' as const, provinceCode: '38', districtCode: '3801' };
      const at = new Date('2017-11-16T05:00:00Z');
      await submitDistrictRound(f.t.db, { roundCode: '2561-Q1', districtCode: '3801', actor: d3801, at });
      await certifyDistrictRound(f.t.db, { roundCode: '2561-Q1', districtCode: '3801', actor: province, at });
      const locked = await c.district3801.send('POST', '/api/submissions', {
        body: uploadForm(csvFile([`กลุ่มหลังรับรอง,${id(51)},กลุ่มผู้ผลิตชุมชน,บึงกาฬ,ขนม,อาหาร,`]), { district: '3801', round: '2561-Q1' }),
      });
      expect(locked.status).toBe(409);
      const p = (await locked.json()) as Problem;
      expect(p.type).toMatch(/\/round-locked$/);
      expect(p.issues?.[0]?.code).toBe('round-locked');
      expect(await f.t.db.select().from(producersTable).where(eq(producersTable.name, 'กลุ่มหลังรับรอง'))).toHaveLength(0);

      await reportProvinceRound(f.t.db, { roundCode: '2561-Q2', provinceCode: '38', actor: province, at, reason: '3801 3802 3803 3804 3805 3806 3807 3808' });
      await announceProvinceRound(f.t.db, {
        roundCode: '2561-Q2',
        provinceCode: '38',
        actor: { id: f.userIds.department, username: 'department', role: 'department', provinceCode: null, districtCode: null },
        at,
      });
      const announced = await c.district3802.send('POST', '/api/submissions', {
        body: uploadForm(csvFile([`กลุ่มหลังประกาศ,${id(52)},กลุ่มผู้ผลิตชุมชน,ศรีชมภู,ขนม,อาหาร,`]), { district: '3802', round: '2561-Q2' }),
      });
      expect(announced.status).toBe(409);
      const form = await c.district3802.post('/api/registrations', {
        district: '3802',
        round: '2561-Q2',
        fields: { producer_name: 'กลุ่มหลังประกาศ', citizen_id: id(53), producer_type: 'กลุ่มผู้ผลิตชุมชน', subdistrict: 'ศรีชมภู', product_name: 'ขนม', category: 'อาหาร' },
      });
      expect(form.status).toBe(409);
      expect((await c.district3802.post('/api/rounds/2561-Q2/districts/3802/submit')).status).toBe(409);
    });
  });
});
