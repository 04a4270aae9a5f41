import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { registrationTemplateCsv, registrationTemplateXlsx, TEMPLATE_SHEETS } from '../../pipeline/registration-template.ts';
import { REGISTRATION_COLUMNS } from '../../domain/columns.ts';
import { ingestSubmission } from '../../pipeline/ingest-submission.ts';
import { ADMIN, IN_WINDOW } from './pipeline-fixtures.ts';

describe(`import template (${TEST_ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seedReference(t.db);
  });
  afterAll(async () => t.close());

  it('is an XLSX with Thai headers, drop-downs for type, category and the district’s subdistricts, and an explanation sheet', async () => {
    const bytes = await registrationTemplateXlsx(t.db, '3801');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes! as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => [w.name, w.state])).toEqual([
      [TEMPLATE_SHEETS.data, 'visible'], [TEMPLATE_SHEETS.help, 'visible'], [TEMPLATE_SHEETS.lists, 'hidden'],
    ]);
    const data = book.getWorksheet(TEMPLATE_SHEETS.data)!;
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(REGISTRATION_COLUMNS.map((c) => c.th));
    // Read back per cell: the first and the last row of the template carry the same checks.
    for (const row of [2, 2001]) {
      expect(data.getCell(`C${row}`).dataValidation).toMatchObject({ type: 'list', formulae: [`'${TEMPLATE_SHEETS.lists}'!$A$2:$A$4`] });
      expect(data.getCell(`I${row}`).dataValidation).toMatchObject({ type: 'list', formulae: [`'${TEMPLATE_SHEETS.lists}'!$C$2:$C$13`] });
      expect(data.getCell(`L${row}`).dataValidation).toMatchObject({ type: 'list', formulae: [`'${TEMPLATE_SHEETS.lists}'!$B$2:$B$6`] });
      expect(data.getCell(`N${row}`).dataValidation).toMatchObject({ type: 'whole', formulae: [1, 5] });
    }
    expect(data.getCell('B2').numFmt).toBe('@');
    const lists = book.getWorksheet(TEMPLATE_SHEETS.lists)!;
    expect(lists.getColumn(3).values.slice(2)).toEqual([
      'บึงกาฬ', 'โนนสมบูรณ์', 'โนนสว่าง', 'หอคำ', 'หนองเลิง', 'โคกก่อง', 'นาสวรรค์', 'ไคสี', 'ชัยพร', 'วิศิษฐ์', 'คำนาดี', 'โป่งเปือย',
    ]);
    const help = book.getWorksheet(TEMPLATE_SHEETS.help)!;
    expect(help.getRow(2).getCell(1).value).toBe('ชื่อผู้ผลิต');
    expect(help.getRow(2).getCell(3).value).toBe('จำเป็น / yes');
    expect(await registrationTemplateXlsx(t.db, '9999')).toBeNull();
  });

  it('filled in, loads; left empty, is refused as a file without data', async () => {
    const bytes = await registrationTemplateXlsx(t.db, '3802');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes! as unknown as ArrayBuffer);
    const upload = (b: Uint8Array) => ingestSubmission(t.db, {
      source: { kind: 'bytes', bytes: b }, fileName: 'template.xlsx', districtCode: '3802', roundCode: '2561-Q1', dryRun: true, user: ADMIN, now: IN_WINDOW,
    });
    expect((await upload(new Uint8Array(bytes!))).issues.map((i) => i.code)).toEqual(['empty-file']);
    book.getWorksheet(TEMPLATE_SHEETS.data)!.getRow(2).values = [
      'กลุ่มผ้าฝ้ายบ้านป่าแฝก', '3380200002017', 'กลุ่มผู้ผลิตชุมชน', '', '', 12, '', 4, 'ป่าแฝก', '', 'ผ้าฝ้ายย้อมคราม', 'ผ้า เครื่องแต่งกาย', '', 4, '',
    ];
    const filled = await upload(new Uint8Array(await book.xlsx.writeBuffer()));
    expect(filled).toMatchObject({ status: 'validated', rowsRead: 1, rejected: 0, accepted: { created: 1 }, source: { sheet: TEMPLATE_SHEETS.data } });
  });

  it('has a CSV twin: UTF-8 with a byte-order mark, the Thai header row', () => {
    const csv = registrationTemplateCsv();
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toBe(`\uFEFF${REGISTRATION_COLUMNS.map((c) => c.th).join(',')}\r\n`);
  });
});
