import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeThaiId } from '../../domain/thai-id.ts';
import { ingestSubmission } from '../../pipeline/ingest-submission.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { HEADER_CELLS, inlineRow, lyingZip, SHEET_HEAD, SHEET_TAIL, workbookParts } from '../../testkit/lying-xlsx.ts';
import { ADMIN, IN_WINDOW, tableCounts } from './pipeline-fixtures.ts';

// Excel numbers rows in order; a generator may not. Before, a repeated r ("2" on every row)
// gave every row the same number, which broke a primary key later and failed the whole load.
// Now a row whose r is missing, repeats or goes backwards takes the next number after the
// previous row; a row whose r goes forward keeps it (so gaps still count).
describe(`XLSX rows with repeated or out-of-order numbers are read as the rows they are (${TEST_ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seedReference(t.db);
  });
  afterAll(async () => t.close());

  it('numbers them 2, 3, 4, 5, 6, 9, 10 and loads every valid one', async () => {
    const row = (n: number, category = 'อาหาร') => [`ผู้ผลิตลำดับ ${n}`, makeThaiId(`39990000000${n}`), '1', 'บึงกาฬ', `สินค้า ${n}`, category];
    const rows = [
      inlineRow(1, HEADER_CELLS),
      inlineRow(2, row(1)),
      inlineRow(2, row(2)), // repeated → 3
      inlineRow(2, row(3)), // repeated → 4
      inlineRow(1, row(4)), // backwards → 5
      inlineRow(null, row(5)), // no r → 6
      inlineRow(9, row(6)), // forward: kept, rows 7 and 8 are blank
      inlineRow(3, row(7, 'ไม่มีประเภทนี้')), // backwards → 10, and rejected there
    ];
    const bytes = lyingZip(workbookParts({ head: SHEET_HEAD + rows.join(''), tail: SHEET_TAIL }));
    const before = await tableCounts(t.db);
    const r = await ingestSubmission(t.db, {
      source: { kind: 'bytes', bytes },
      fileName: 'repeated-row-numbers.xlsx',
      districtCode: '3801',
      roundCode: '2561-Q1',
      dryRun: false,
      user: ADMIN,
      now: IN_WINDOW,
    });
    expect(r).toMatchObject({ status: 'partially-loaded', rowsRead: 7, rejected: 1, accepted: { total: 6 } });
    expect(r.issues.map((i) => [i.row, i.code])).toEqual([[10, 'invalid-category']]);
    const after = await tableCounts(t.db);
    expect(after.producers - before.producers).toBe(6);
  });
});
