import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { DEFAULT_UPLOAD_LIMIT_BYTES } from '../../pipeline/ingest-submission.ts';
import { load, tableCounts, where } from './pipeline-fixtures.ts';

// Every limit answers with a clear file-level issue and writes nothing but the submission record.
describe(`size and format limits (${TEST_ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seedReference(t.db);
  });
  afterAll(async () => t.close());

  const refused = async (name: string, code: string, options: Parameters<typeof load>[2] = {}) => {
    const before = await tableCounts(t.db);
    const r = await load(t.db, name, options);
    expect(r, name).toMatchObject({ status: 'rejected', rowsRead: 0, rejected: 0, accepted: { total: 0 } });
    expect(where(r), name).toEqual([[null, null, code]]);
    expect(await tableCounts(t.db)).toEqual({ ...before, submissions: before.submissions + 1 });
    return r;
  };

  it('the upload limit the API enforces is 50 MB by default', () => {
    expect(DEFAULT_UPLOAD_LIMIT_BYTES).toBe(50 * 1024 * 1024);
  });

  it('refuses a binary file posing as CSV', async () => {
    const r = await refused('binary-posing-as-csv.csv', 'binary-file');
    expect(r.issues[0]!.message.en).toBe('The file is not a supported text or Excel file');
  });

  it('refuses a zip bomb dressed as an XLSX before inflating it', async () => {
    const r = await refused('zip-bomb.xlsx', 'too-large');
    expect(r.issues[0]!.message.en).toMatch(/^The file is larger than allowed: part xl\/worksheets\/sheet1\.xml of the Excel file expands \d+ times/);
  });

  it('refuses an XLSX whose declared uncompressed size is beyond the limit', async () => {
    const r = await refused('registrations.xlsx', 'too-large', { limits: { maxXlsxUncompressedBytes: 10_000 } });
    expect(r.issues[0]!.message.en).toMatch(/^The file is larger than allowed: the Excel file expands to \d+ KB, over the 10 KB limit$/);
  });

  it('refuses a file with more rows than allowed, loading none of them', async () => {
    const r = await refused('too-many-rows.csv', 'too-many-rows', { limits: { maxRows: 100 } });
    expect(r.issues[0]!.message.en).toBe('The file has more rows than allowed: the file has more than 100 rows');
    await refused('registrations.xlsx', 'too-many-rows', { limits: { maxRows: 3 } });
  });

  it('refuses a ZIP that is no workbook, and the old binary .xls format', async () => {
    await refused('not-a-workbook.xlsx', 'binary-file');
    const xls = await refused('old-format.xls', 'unreadable-file');
    expect(xls.issues[0]!.message.en).toContain('old Excel format (.xls)');
  });

  it('refuses an empty file and a header without rows', async () => {
    await refused('empty.csv', 'empty-file');
    const header = await refused('header-only.csv', 'empty-file');
    expect(header.issues[0]!.message.en).toBe('The file contains no data: only a header row');
  });

  it('refuses a quotation mark that is never closed rather than swallowing the rest of the file', async () => {
    const r = await refused('unterminated-quote.csv', 'unreadable-file');
    expect(r.issues[0]!.message.en).toContain('is never closed');
  });

  it('refuses a cell longer than the limit', async () => {
    await refused('utf8.csv', 'unreadable-file', { limits: { maxCellChars: 10 } });
  });

  it('refuses a sheet name that is not in the workbook, listing the sheets', async () => {
    const r = await refused('registrations.xlsx', 'unreadable-file', { sheetName: 'ไม่มี' });
    expect(r.issues[0]!.message.en).toBe('The file cannot be read; it may be damaged or not a CSV or Excel file: no sheet named "ไม่มี" (sheets: ทะเบียน, รอบก่อน)');
  });

  it('refuses a header row missing required columns, listing which', async () => {
    const r = await load(t.db, 'missing-column.csv');
    expect(r.issues.map((i) => i.columnKey)).toEqual(['subdistrict', 'category']);
  });
});
