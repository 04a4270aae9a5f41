// Issue #15: a district office of another province must not take over a producer registered in
// province 38, a certified round prints its producers as registered, and no issue names a place
// outside the uploader's province.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createAccount } from '../../api/accounts/create-account.ts';
import { CLI_ACTOR } from '../../api/accounts/account-actor.ts';
import { announceProvinceRound, certifyDistrictRound, reportProvinceRound, submitDistrictRound } from '../../api/workflow/index.ts';
import { producers } from '../../db/schema/index.ts';
import { makeThaiId } from '../../domain/thai-id.ts';
import { pdfText } from '../reports/read-pdf.ts';
import { readDocument } from '../reports/documents/read-document.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { Client, createApiFixture, signIn, type ApiFixture } from './support/api-fixture.ts';

type Page<T> = { items: T[]; total: number };
type Producer = { thaiId: string; thaiIdMasked: boolean; name: string; districtCode: string; phone: string | null; fiscalYears: number[] };
type Product = { name: string; producerName: string; fiscalYear: number; subdistrictCode: string; districtCode: string };
type Issue = { row: number | null; column: string | null; code: string; message: { th: string; en: string } };
type Report = { submissionId: string; status: string; accepted: { total: number }; rejected: number; issues: Issue[] };
type Problem = { status: number; issues?: Issue[]; report?: Report };

const HEADER = 'ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,โทรศัพท์,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์';
const id = (n: number) => makeThaiId(`3380177${String(n).padStart(5, '0')}`);
// Province 38's producers, registered by Mueang Bueng Kan (3801) in FY2560 Q4.
const WEAVERS = 'กลุ่มทอผ้าบ้านโนนสวรรค์';
const HERBS = 'กลุ่มสมุนไพรบ้านหอคำ';
const INTRUDER = 'ร้านผ้าหนองคายเข้ายึด';

function upload(lines: readonly string[], fields: Record<string, string>): { body: FormData } {
  const fd = new FormData();
  fd.set('file', new File([[HEADER, ...lines].join('\n')], 'registrations.csv', { type: 'text/csv' }));
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return { body: fd };
}

// Whitespace out and sara am decomposed, as pdftotext reads Thai back.
const squash = (s: string) => s.normalize('NFKC').replace(/\s+/gu, '');

describe(`scope of producers and registrations (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  let district3801: Client;
  let district3802: Client;
  let district4301: Client;
  let province38: Client;
  let department: Client;

  const certificationText = async () => {
    const res = await province38.get('/api/reports/certification.pdf?round=2560-Q4&province=38');
    expect(res.status).toBe(200);
    const doc = readDocument(Buffer.from(await res.arrayBuffer()), `producer-scope-certification-38-2560-Q4-${TEST_ENGINE}`, { pngs: false });
    return squash(pdfText(doc.file, 'raw'));
  };
  const province38Producers = async () =>
    ((await (await province38.get('/api/producers?limit=200')).json()) as Page<Producer>).items;
  const registrationsCsv = async (query: string) => {
    const res = await province38.get(`/api/exports/registrations.csv?${query}`);
    expect(res.status).toBe(200);
    return new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()));
  };

  beforeAll(async () => {
    f = await createApiFixture();
    await createAccount(
      f.t.db,
      { username: 'district4301', role: 'district', scope: '4301', password: 'district-4301-password' },
      { actor: CLI_ACTOR, now: new Date(), activationTtlDays: 14 },
    );
    district3801 = await signIn(f.app, 'district3801');
    district3802 = await signIn(f.app, 'district3802');
    province38 = await signIn(f.app, 'province38');
    department = await signIn(f.app, 'department');
    district4301 = new Client(f.app);
    expect((await district4301.login('district4301', 'district-4301-password', { 'x-forwarded-for': '10.0.1.1' })).status).toBe(200);

    // FY2560 Q4 (late, a warning only): 3801 registers two producers; the province certifies, the department announces.
    const fy2560 = await district3801.send('POST', '/api/submissions', upload([
      `${WEAVERS},${id(1)},กลุ่มผู้ผลิตชุมชน,0812345678,บึงกาฬ,ผ้าไหมมัดหมี่,ผ้า เครื่องแต่งกาย`,
      `${HERBS},${id(2)},กลุ่มผู้ผลิตชุมชน,0823456789,หอคำ,ยาหม่องสมุนไพร,สมุนไพรที่ไม่ใช่อาหาร`,
    ], { district: '3801', round: '2560-Q4' }));
    expect(fy2560.status).toBe(201);
    const at = new Date('2017-09-20T05:00:00Z');
    const d3801 = { id: f.userIds.district3801, username: 'district3801', role: 'district' as const, provinceCode: '38', districtCode: '3801' };
    const p38 = { id: f.userIds.province38, username: 'province38', role: 'province' as const, provinceCode: '38', districtCode: null };
    await submitDistrictRound(f.t.db, { roundCode: '2560-Q4', districtCode: '3801', actor: d3801, at });
    await certifyDistrictRound(f.t.db, { roundCode: '2560-Q4', districtCode: '3801', actor: p38, at });
    await reportProvinceRound(f.t.db, { roundCode: '2560-Q4', provinceCode: '38', actor: p38, at, reason: '3802 3803 3804 3805 3806 3807 3808' });
    await announceProvinceRound(f.t.db, {
      roundCode: '2560-Q4', provinceCode: '38', at,
      actor: { id: f.userIds.department, username: 'department', role: 'department', provinceCode: null, districtCode: null },
    });
  });
  afterAll(async () => f.close());

  it('a district office of another province cannot take over a producer of province 38: the row is refused with a code that says what to do', async () => {
    const before = {
      certification: await certificationText(),
      producers: await province38Producers(),
      csv: await registrationsCsv('province=38&fy=2560'),
    };
    expect(before.certification).toContain(squash(WEAVERS));

    const res = await district4301.send('POST', '/api/submissions', upload([
      `${INTRUDER},${id(1)},ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว,0899999999,ในเมือง,ผ้าฝ้ายทอมือ,ผ้า เครื่องแต่งกาย`,
    ], { district: '4301', round: '2561-Q1' }));
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Problem;
    expect(problem.issues).toEqual([
      expect.objectContaining({ row: 2, column: 'เลขประจำตัวประชาชน', code: 'registered-in-other-province' }),
    ]);
    const message = problem.issues![0]!.message;
    expect(message.en).toMatch(/another province.*ask your provincial community development office/);
    expect(message.th).toMatch(/จังหวัดอื่น.*สำนักงานพัฒนาชุมชนจังหวัด/);
    // Nothing says where the producer is.
    expect(`${message.th} ${message.en}`).not.toMatch(/3801|บึงกาฬ|Bueng Kan|38/);

    // Province 38 sees exactly what it saw: its lists, its export, its announced certification.
    expect(await province38Producers()).toEqual(before.producers);
    const weavers = before.producers.find((p) => p.thaiId === id(1))!;
    expect(weavers).toMatchObject({ name: WEAVERS, districtCode: '3801', fiscalYears: [2560] });
    expect(await registrationsCsv('province=38&fy=2560')).toBe(before.csv);
    expect(await certificationText()).toBe(before.certification);
    const [row] = await f.t.db.select().from(producers).where(eq(producers.thaiId, id(1)));
    expect(row).toMatchObject({ name: WEAVERS, districtCode: '3801', provinceCode: '38' });
    expect(row!.phone).not.toContain('0899999999');
    // And the uploader learns nothing of it: not in their list, not by ID.
    const theirs = (await (await district4301.get('/api/producers')).json()) as Page<Producer>;
    expect(theirs.items.map((p) => p.thaiId)).not.toContain(id(1));
  });

  it('the single-registration form refuses the same takeover, and a dry run says the same', async () => {
    const form = await district4301.post('/api/registrations', {
      district: '4301', round: '2561-Q1',
      fields: { producer_name: INTRUDER, citizen_id: id(2), producer_type: 'กลุ่มผู้ผลิตชุมชน', subdistrict: 'ในเมือง', product_name: 'ยาหม่อง', category: 'สมุนไพรที่ไม่ใช่อาหาร' },
    });
    expect(form.status).toBe(422);
    expect(((await form.json()) as Problem).issues?.map((i) => i.code)).toEqual(['registered-in-other-province']);
    const dry = await district4301.send('POST', '/api/submissions', upload([
      `${INTRUDER},${id(2)},กลุ่มผู้ผลิตชุมชน,,ในเมือง,ยาหม่อง,สมุนไพรที่ไม่ใช่อาหาร`,
    ], { district: '4301', round: '2561-Q1', dryRun: 'true' }));
    const issues = ((await dry.json()) as Problem).issues ?? [];
    expect(issues.map((i) => i.code)).toEqual(['registered-in-other-province']);
    const [row] = await f.t.db.select().from(producers).where(eq(producers.thaiId, id(2)));
    expect(row).toMatchObject({ name: HERBS, districtCode: '3801' });
  });

  it('an ID registered this year in a district of another province: the district office is told it is taken, not where; the province sees where inside it', async () => {
    // FY2561: 3802 registers a producer of its own.
    const own = await district3802.send('POST', '/api/submissions', upload([
      `กลุ่มจักสานศรีชมภู,${id(3)},กลุ่มผู้ผลิตชุมชน,,ศรีชมภู,ตะกร้าหวาย,ของใช้ ของตกแต่ง ของที่ระลึก`,
    ], { district: '3802', round: '2561-Q1' }));
    expect(own.status).toBe(201);

    // Another province's district, dry run: no district, no province named.
    const outside = await district4301.send('POST', '/api/submissions', upload([
      `กลุ่มจักสานหนองคาย,${id(3)},กลุ่มผู้ผลิตชุมชน,,ในเมือง,ตะกร้า,ของใช้ ของตกแต่ง ของที่ระลึก`,
    ], { district: '4301', round: '2561-Q1', dryRun: 'true' }));
    const [o] = ((await outside.json()) as Problem).issues ?? [];
    expect(o).toMatchObject({ row: 2, column: 'เลขประจำตัวประชาชน', code: 'registered-in-other-province' });
    expect(`${o!.message.th} ${o!.message.en}`).not.toMatch(/3802|พรเจริญ|Phon Charoen|district 38/);

    // A district of the same province is told which district (inside its province).
    const inside = await district3801.send('POST', '/api/submissions', upload([
      `กลุ่มจักสานศรีชมภู,${id(3)},กลุ่มผู้ผลิตชุมชน,,บึงกาฬ,ตะกร้าหวาย,ของใช้ ของตกแต่ง ของที่ระลึก`,
    ], { district: '3801', round: '2561-Q1' }));
    expect(inside.status).toBe(422);
    const p = (await inside.json()) as Problem;
    const [i] = p.issues ?? [];
    expect(i).toMatchObject({ code: 'registered-in-other-district' });
    expect(i!.message.en).toContain('registered with district 3802 Phon Charoen');
    // The province sees that submission and its issue; another province does not.
    const seen = await province38.get(`/api/submissions/${p.report!.submissionId}`);
    expect(seen.status).toBe(200);
    expect(((await seen.json()) as Report).issues.map((x) => [x.code, x.message.en])).toEqual([
      ['registered-in-other-district', expect.stringContaining('district 3802')],
    ]);
    expect((await (await signIn(f.app, 'province43')).get(`/api/submissions/${p.report!.submissionId}`)).status).toBe(404);

    // Province-wide uploads: province 38 is told the district; province 43 is not told where.
    const own38 = await province38.send('POST', '/api/submissions', upload([
      `กลุ่มจักสานศรีชมภู,${id(3)},กลุ่มผู้ผลิตชุมชน,,บึงกาฬ,ตะกร้าหวาย,ของใช้ ของตกแต่ง ของที่ระลึก`,
    ], { district: '38', round: '2561-Q1', dryRun: 'true' }));
    const [a] = ((await own38.json()) as Problem).issues ?? [];
    expect(a).toMatchObject({ code: 'registered-in-other-district' });
    expect(a!.message.th).toContain('ลงทะเบียนแล้วกับอำเภอ 3802 พรเจริญ');
    const other43 = await (await signIn(f.app, 'province43')).send('POST', '/api/submissions', upload([
      `กลุ่มจักสานหนองคาย,${id(3)},กลุ่มผู้ผลิตชุมชน,,ในเมือง,ตะกร้า,ของใช้ ของตกแต่ง ของที่ระลึก`,
    ], { district: '43', round: '2561-Q1', dryRun: 'true' }));
    const [b] = ((await other43.json()) as Problem).issues ?? [];
    expect(b).toMatchObject({ code: 'registered-in-other-province' });
    expect(`${b!.message.th} ${b!.message.en}`).not.toMatch(/3802|พรเจริญ|Phon Charoen|บึงกาฬ|Bueng Kan/);
  });

  it('a later registration elsewhere changes the producer, never what province 38 certified for FY2560', async () => {
    const before = await certificationText();
    // Within the province: the weavers register in FY2561 with Phon Charoen under a new name.
    const moved = await district3802.send('POST', '/api/submissions', upload([
      `กลุ่มทอผ้าพรเจริญ,${id(1)},ผู้ผลิตที่เป็นวิสาหกิจขนาดกลางและขนาดย่อม,0811111111,ศรีชมภู,ผ้าไหมแพรวา,ผ้า เครื่องแต่งกาย`,
    ], { district: '3802', round: '2561-Q1' }));
    expect(moved.status).toBe(201);
    // And the department moves the herbs group to Nong Khai for FY2561 (its national scope may).
    const national = await department.send('POST', '/api/submissions', upload([
      `สมุนไพรหนองคาย,${id(2)},ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว,,ในเมือง,ยาหม่อง,สมุนไพรที่ไม่ใช่อาหาร`,
    ], { district: 'all', round: '2561-Q1' }));
    expect(national.status).toBe(201);

    // The producers are current everywhere that lists producers…
    const [weavers] = await f.t.db.select().from(producers).where(eq(producers.thaiId, id(1)));
    expect(weavers).toMatchObject({ name: 'กลุ่มทอผ้าพรเจริญ', districtCode: '3802', producerType: 'sme' });
    // …but FY2560's announced certification, products and export print them as registered then.
    expect(await certificationText()).toBe(before);
    expect(before).toContain(squash(WEAVERS));
    expect(before).toContain(squash(HERBS));
    expect(before).not.toContain(squash('กลุ่มทอผ้าพรเจริญ'));
    const products = ((await (await province38.get('/api/products?fy=2560&limit=50')).json()) as Page<Product>).items;
    expect(products.map((p) => [p.name, p.producerName, p.subdistrictCode]).sort()).toEqual([
      ['ผ้าไหมมัดหมี่', WEAVERS, '380101'],
      ['ยาหม่องสมุนไพร', HERBS, expect.stringMatching(/^3801/)],
    ]);
    const csv2560 = await registrationsCsv('province=38&fy=2560');
    expect(csv2560).toContain(WEAVERS);
    expect(csv2560).toContain(HERBS);
    expect(csv2560).toContain('community-group');
    expect(csv2560).not.toContain('กลุ่มทอผ้าพรเจริญ');
    const csv2561 = await registrationsCsv('province=38&fy=2561');
    expect(csv2561).toContain('กลุ่มทอผ้าพรเจริญ');
    expect(csv2561).not.toContain('สมุนไพรหนองคาย');
    // The FY2560 progress counts stay by the type registered then.
    const progress = (await (await province38.get('/api/progress?fy=2560&province=38')).json()) as {
      total: { producersByType: Record<string, number> };
    };
    expect(progress.total.producersByType).toEqual({ 'community-group': 2, 'single-owner': 0, sme: 0 });
  });

  it('a re-upload of the same year by the same district corrects its registration as printed', async () => {
    const fixed = await district3802.send('POST', '/api/submissions', upload([
      `กลุ่มจักสานหวายศรีชมภู,${id(3)},ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว,,ศรีชมภู,ตะกร้าหวาย,ของใช้ ของตกแต่ง ของที่ระลึก`,
    ], { district: '3802', round: '2561-Q1' }));
    expect(fixed.status).toBe(201);
    expect(((await fixed.json()) as Report).accepted).toMatchObject({ total: 1, updated: 1 });
    const products = ((await (await province38.get('/api/products?fy=2561&district=3802&limit=50')).json()) as Page<Product>).items;
    expect(products.find((p) => p.name === 'ตะกร้าหวาย')?.producerName).toBe('กลุ่มจักสานหวายศรีชมภู');
    const csv = await registrationsCsv('district=3802&fy=2561');
    const line = csv.split('\n').find((l) => l.includes(',กลุ่มจักสานหวายศรีชมภู,'));
    expect(line).toContain(',single-owner,');
    expect(csv).not.toContain(',กลุ่มจักสานศรีชมภู,');
    const progress = (await (await province38.get('/api/progress?fy=2561&province=38')).json()) as {
      total: { producersByType: Record<string, number> };
    };
    expect(progress.total.producersByType['single-owner']).toBe(1);
  });
});
