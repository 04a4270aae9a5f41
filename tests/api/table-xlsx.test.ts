import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { safeSheetName } from '../../api/exports/write-table-xlsx.ts';
import { TABLES_PER_MINUTE } from '../../api/routes/table-xlsx-routes.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { Client, createApiFixture, signIn, type ApiFixture } from './support/api-fixture.ts';

async function sheetOf(res: Response) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
  return book.worksheets[0]!;
}

const TABLE = {
  title: 'ต้องดำเนินการ: เกินกำหนด [ไตรมาส 1/2561]',
  columns: [
    { label: 'อำเภอ', kind: 'text' },
    { label: 'ผู้ผลิต', kind: 'integer' },
    { label: 'สัดส่วน', kind: 'percent' },
    { label: 'วันสิ้นสุด', kind: 'date' },
  ],
  rows: [
    ['เมืองบึงกาฬ', 12345, 0.425, '2017-11-15'],
    ['=HYPERLINK("https://evil.example","คลิก")', 0, null, null],
    ['+cmd|\' /C calc\'!A0', null, 1, '2018-01-02'],
  ],
};

describe(`POST /api/tables.xlsx (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  let officer: Client;
  beforeAll(async () => {
    f = await createApiFixture({ accounts: ['district3801', 'district3802', 'province38', 'province43', 'admin'] });
    officer = await signIn(f.app, 'district3801');
  });
  afterAll(async () => f.close());

  it('writes the posted table: bold Thai headers, numbers as numbers, #,##0, percents, BE dates, a safe sheet name', async () => {
    const res = await officer.post('/api/tables.xlsx', TABLE);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('ต้องดำเนินการ_ เกินกำหนด [ไตรมาส 1 2561].xlsx')}`);
    const sheet = await sheetOf(res);
    expect(sheet.name).toBe('ต้องดำเนินการ เกินกำหนด ไตรมาส');
    expect(sheet.name.length).toBeLessThanOrEqual(31);
    expect(sheet.getRow(1).values).toEqual([undefined, 'อำเภอ', 'ผู้ผลิต', 'สัดส่วน', 'วันสิ้นสุด']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.rowCount).toBe(4);
    const first = sheet.getRow(2);
    expect(first.getCell(2).value).toBe(12345);
    expect(first.getCell(2).numFmt).toBe('#,##0');
    expect(first.getCell(3).value).toBe(0.425);
    expect(first.getCell(3).numFmt).toBe('0.0%');
    expect(first.getCell(4).value).toEqual(new Date('2017-11-15T00:00:00Z'));
    expect(first.getCell(4).numFmt).toBe('[$-th-TH,107]d mmm yyyy');
    expect(sheet.getRow(3).getCell(3).value).toBeNull();
  });

  it('keeps formula-looking text as text: no formula, no hyperlink', async () => {
    const sheet = await sheetOf(await officer.post('/api/tables.xlsx', TABLE));
    for (const r of [3, 4]) {
      const cell = sheet.getRow(r).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.hyperlink).toBeUndefined();
    }
    expect(sheet.getRow(3).getCell(1).value).toBe('=HYPERLINK("https://evil.example","คลิก")');
  });

  it('refuses a table over the bounds with a Thai and English problem, and cells that do not fit their column', async () => {
    const many = await officer.post('/api/tables.xlsx', { title: 'ใหญ่', columns: [{ label: 'ก', kind: 'integer' }], rows: Array.from({ length: 5_001 }, (_, i) => [i]) });
    expect(many.status).toBe(413);
    expect(many.headers.get('content-type')).toContain('application/problem+json');
    const p = (await many.json()) as { title: string; titleTh: string; detail: string; detailTh: string };
    expect(p.titleTh).toBe('ตารางมีขนาดใหญ่เกินกว่าจะดาวน์โหลดได้');
    expect(p.title).toBe('The table is too large to download');
    expect(p.detailTh).toContain('5,000 แถว');
    expect(p.detail).toContain('5,000 rows');

    const columns = Array.from({ length: 25 }, (_, i) => ({ label: `c${i}`, kind: 'integer' as const }));
    const cells = await officer.post('/api/tables.xlsx', { title: 'กว้าง', columns, rows: Array.from({ length: 4_001 }, () => columns.map(() => 1)) });
    expect(cells.status).toBe(413);

    const huge = await officer.post('/api/tables.xlsx', { title: 'ยาว', columns: [{ label: 'ก', kind: 'text' }], rows: Array.from({ length: 3_000 }, () => ['ก'.repeat(1_000)]) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { titleTh: string }).titleTh).toBe('ตารางมีขนาดใหญ่เกินกว่าจะดาวน์โหลดได้');

    const long = await officer.post('/api/tables.xlsx', { title: 'ยาว', columns: [{ label: 'ก', kind: 'text' }], rows: [['x'.repeat(1_001)]] });
    expect(long.status).toBe(422);

    const wrong = await officer.post('/api/tables.xlsx', { title: 'ผิด', columns: [{ label: 'ก', kind: 'integer' }, { label: 'ข', kind: 'date' }], rows: [['12', '15/11/2560'], [1]] });
    expect(wrong.status).toBe(422);
    const issues = ((await wrong.json()) as { issues: { column: string; message: { th: string; en: string } }[] }).issues;
    expect(issues.map((i) => i.column)).toEqual(['json.rows.0.0', 'json.rows.0.1', 'json.rows.1']);
    expect(issues[1]!.message.en).toContain('YYYY-MM-DD');
  });

  it('needs a signed-in user and the CSRF token', async () => {
    expect((await new Client(f.app).post('/api/tables.xlsx', TABLE)).status).toBe(401);
    const noToken = await officer.send('POST', '/api/tables.xlsx', { json: TABLE, noCsrf: true });
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { type: string }).type).toMatch(/csrf-token$/);
    // The admin's own tables (accounts) download too.
    expect((await (await signIn(f.app, 'admin')).post('/api/tables.xlsx', TABLE)).status).toBe(200);
  });

  it(`allows ${TABLES_PER_MINUTE} workbooks a minute per user: the next answers 429 in Thai and English with Retry-After`, async () => {
    const small = { title: 'สรุป', columns: [{ label: 'อำเภอ', kind: 'text' }], rows: [['เมืองบึงกาฬ']] };
    const user = await signIn(f.app, 'district3802');
    for (let i = 0; i < 10; i++) expect((await user.post('/api/tables.xlsx', small)).status).toBe(200);
    f.clock.advance(20_000);
    for (let i = 10; i < TABLES_PER_MINUTE; i++) expect((await user.post('/api/tables.xlsx', small)).status).toBe(200);

    const refused = await user.post('/api/tables.xlsx', small);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // The first ten leave the window 60 s after they were made, 20 s ago.
    expect(refused.headers.get('retry-after')).toBe('40');
    const body = (await refused.json()) as { type: string; title: string; titleTh: string; detail: string; detailTh: string; retryAfterSeconds: number };
    expect(body).toMatchObject({
      type: expect.stringMatching(/\/too-many-tables$/),
      title: 'Too many table downloads',
      titleTh: 'ดาวน์โหลดตารางบ่อยเกินไป',
      retryAfterSeconds: 40,
    });
    expect(body.detail).toContain(`At most ${TABLES_PER_MINUTE} tables a minute`);
    expect(body.detailTh).toContain(`ไม่เกิน ${TABLES_PER_MINUTE} ตารางต่อนาที`);

    // Another user is not held back.
    expect((await (await signIn(f.app, 'province38')).post('/api/tables.xlsx', small)).status).toBe(200);
    // Once the first ten have left the window, ten more are allowed (the refused one was not counted).
    f.clock.advance(40_000);
    for (let i = 0; i < 10; i++) expect((await user.post('/api/tables.xlsx', small)).status).toBe(200);
    expect((await user.post('/api/tables.xlsx', small)).status).toBe(429);
  });

  it(`a burst of ${TABLES_PER_MINUTE + 5} workbooks sent at once by one user: ${TABLES_PER_MINUTE} are written, 5 answer 429`, async () => {
    const small = { title: 'สรุป', columns: [{ label: 'อำเภอ', kind: 'text' }], rows: [['เมืองบึงกาฬ']] };
    const user = await signIn(f.app, 'province43');
    const burst = await Promise.all(Array.from({ length: TABLES_PER_MINUTE + 5 }, () => user.post('/api/tables.xlsx', small)));
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(TABLES_PER_MINUTE);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  });

  it('names sheets Excel accepts', () => {
    expect(safeSheetName('a/b\\c[d]:e*f?g')).toBe('a b c d e f g');
    expect(safeSheetName('ก'.repeat(40))).toHaveLength(31);
    expect(safeSheetName("'''")).toBe('Sheet1');
  });
});
