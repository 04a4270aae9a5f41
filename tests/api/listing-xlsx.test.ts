import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { makeThaiId } from '../../domain/thai-id.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { createApiFixture, signIn, type ApiFixture } from './support/api-fixture.ts';

const HEADER = 'ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์,ระดับดาว';
const ROWS = [
  `กลุ่มแม่บ้านน้ำพริกบึงกาฬ,${makeThaiId('338010000001')},กลุ่มผู้ผลิตชุมชน,บึงกาฬ,น้ำพริกเผา,อาหาร,4`,
  `กลุ่มแม่บ้านน้ำพริกบึงกาฬ,${makeThaiId('338010000001')},กลุ่มผู้ผลิตชุมชน,บึงกาฬ,ชาตะไคร้,เครื่องดื่ม,3`,
  `นางสมใจ ทอผ้า,${makeThaiId('338010000002')},ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว,โนนสมบูรณ์,ผ้าไหมมัดหมี่,ผ้า เครื่องแต่งกาย,5`,
];

async function workbook(res: Response) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
  return book.worksheets[0]!;
}

describe(`GET /api/producers.xlsx and /api/products.xlsx (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture({ now: '2017-11-15T05:00:00Z' });
    const district = await signIn(f.app, 'district3801');
    const fd = new FormData();
    fd.set('file', new File([[HEADER, ...ROWS].join('\n')], 'r.csv', { type: 'text/csv' }));
    fd.set('district', '3801');
    fd.set('round', '2561-Q1');
    expect((await district.send('POST', '/api/submissions', { body: fd })).status).toBe(201);
  });
  afterAll(async () => f.close());

  it('is the listing as a workbook: Thai headers, the same rows, BE date format, masked IDs for the department', async () => {
    const officer = await signIn(f.app, 'district3801');
    const res = await officer.get('/api/producers.xlsx?fy=2561&sort=name');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain('producers-2561.xlsx');
    const sheet = await workbook(res);
    expect(sheet.getRow(1).values).toEqual([undefined, 'ชื่อผู้ผลิต', 'เลขประจำตัวประชาชน', 'ประเภทผู้ผลิต', 'ตำบล', 'อำเภอ', 'จำนวนสมาชิก', 'วันที่ลงทะเบียน']);
    expect(sheet.rowCount).toBe(3);
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe('กลุ่มแม่บ้านน้ำพริกบึงกาฬ');
    expect(first.getCell(2).value).toBe(makeThaiId('338010000001'));
    expect(first.getCell(3).value).toBe('กลุ่มผู้ผลิตชุมชน');
    // A real date (sorts and filters in Excel) shown in the Buddhist Era.
    expect(first.getCell(7).value).toEqual(new Date('2017-11-15T00:00:00Z'));
    expect(first.getCell(7).numFmt).toBe('[$-th-TH,107]d mmm yyyy');

    const department = await signIn(f.app, 'department');
    const masked = await workbook(await department.get('/api/producers.xlsx?fy=2561&sort=name'));
    expect(String(masked.getRow(2).getCell(2).value)).toMatch(/^x-xxxx-xxxxx-\d\d-\d$/);
  });

  it('follows the filters and scope of the listing; products with Thai category names', async () => {
    const officer = await signIn(f.app, 'district3801');
    const sheet = await workbook(await officer.get('/api/products.xlsx?fy=2561&category=food'));
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe('น้ำพริกเผา');
    expect(sheet.getRow(2).getCell(2).value).toBe('อาหาร');
    expect(sheet.getRow(2).getCell(4).numFmt).toBe('#,##0');
    expect((await officer.get('/api/producers.xlsx?district=3802')).status).toBe(404);
    expect((await (await signIn(f.app, 'admin')).get('/api/products.xlsx')).status).toBe(403);
  });
});
