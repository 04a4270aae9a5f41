import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeThaiId } from '../../domain/thai-id.ts';
import { ingestSubmission, type IngestInput, type SubmissionReport } from '../../pipeline/ingest-submission.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { HEADER_CELLS, inlineRow, lyingZip, SHEET_HEAD, SHEET_TAIL, workbookParts, type LyingPart } from '../../testkit/lying-xlsx.ts';
import { ADMIN, IN_WINDOW, tableCounts } from './pipeline-fixtures.ts';

const MB = 1024 * 1024;

// XLSX files whose headers lie about what their parts inflate to. Before, exceljs inflated
// them unmetered: a shared-string bomb ended the process ("Reached heap limit"), a worksheet
// bomb ran for 43 s and stored 20,000 rejected rows. Each must now be refused with
// 'inflation-limit' in seconds, the process growing by no more than 150 MB while it refuses.
describe(`XLSX parts are metered as they inflate, whatever their headers declare (${TEST_ENGINE})`, () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb();
    await seedReference(t.db);
    dir = mkdtempSync(join(tmpdir(), 'otop-lying-xlsx-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  /** Loads `bytes` from a file (as the server spools uploads), timing it and sampling the process RSS. */
  const loadFile = async (name: string, bytes: Buffer, options: Partial<IngestInput> = {}) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const started = performance.now();
    try {
      const report = await ingestSubmission(t.db, {
        source: { kind: 'path', path },
        fileName: name,
        districtCode: '3801',
        roundCode: '2561-Q1',
        dryRun: false,
        user: ADMIN,
        now: IN_WINDOW,
        ...options,
      });
      peak = Math.max(peak, process.memoryUsage().rss);
      const ms = performance.now() - started;
      const growthMb = (peak - before) / MB;
      console.log(`${name}: ${(bytes.length / MB).toFixed(1)} MB file, answered in ${Math.round(ms)} ms, RSS +${growthMb.toFixed(0)} MB`);
      return { report, ms, growthMb };
    } finally {
      clearInterval(sampler);
      rmSync(path, { force: true });
    }
  };

  const refusedWith = async (r: SubmissionReport, code: string, message: RegExp, countsBefore: Awaited<ReturnType<typeof tableCounts>>) => {
    expect(r).toMatchObject({ status: 'rejected', rowsRead: 0, rejected: 0, accepted: { total: 0 } });
    expect(r.issues.map((i) => [i.row, i.code])).toEqual([[null, code]]);
    expect(r.issues[0]!.message.en).toMatch(message);
    expect(r.issues[0]!.message.th).toMatch(/[\u0E01-\u0E4F]/);
    expect(await tableCounts(t.db)).toEqual({ ...countsBefore, submissions: countsBefore.submissions + 1 });
  };

  // 20,000 rows of one 30,000-character cell each: 600 MB of XML, a couple of MB deflated.
  const sheetBomb = (local: LyingPart['local']): Buffer =>
    lyingZip(
      workbookParts({
        head: SHEET_HEAD + inlineRow(1, HEADER_CELLS),
        repeat: { unit: inlineRow(null, ['x'.repeat(30_000)]), times: 20_000 },
        tail: SHEET_TAIL,
        declare: 1000,
        local,
      }),
    );

  it('refuses a worksheet declared as 1,000 bytes that inflates to 600 MB (central directory and local header both lie)', async () => {
    const before = await tableCounts(t.db);
    const { report, ms, growthMb } = await loadFile('sheet-bomb.xlsx', sheetBomb('same'));
    await refusedWith(
      report,
      'inflation-limit',
      /^The Excel file inflates past the limit, as a zip bomb does: part xl\/worksheets\/sheet1\.xml of the Excel file inflates more than 200 times its compressed size, though its header declares 1 KB$/,
      before,
    );
    expect(ms).toBeLessThan(10_000);
    expect(growthMb).toBeLessThan(150);
  });

  it('refuses the same bomb written the way streaming writers do (local header sizes zero, flag bit 3)', async () => {
    const before = await tableCounts(t.db);
    const { report, ms } = await loadFile('sheet-bomb-streamed.xlsx', sheetBomb('streamed'));
    await refusedWith(report, 'inflation-limit', /inflates more than 200 times its compressed size, though its header declares 1 KB$/, before);
    expect(ms).toBeLessThan(10_000);
  });

  it('refuses a shared-string table of 20 million tiny strings declared as 1,000 bytes (417 MB inflated, 62:1, under the ratio limit) at the count limit', async () => {
    let segment = '';
    for (let i = 0; i < 20_000; i++) segment += `<si><t>${((i % 1000) * 7919) % 100_000}</t></si>`;
    const bytes = lyingZip(
      workbookParts(
        { head: SHEET_HEAD + inlineRow(1, HEADER_CELLS), tail: SHEET_TAIL },
        { head: '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', repeat: { unit: segment, times: 1000 }, tail: '</sst>', declare: 1000 },
      ),
    );
    const before = await tableCounts(t.db);
    const { report, ms, growthMb } = await loadFile('shared-strings-bomb.xlsx', bytes);
    await refusedWith(report, 'inflation-limit', /: part xl\/sharedStrings\.xml of the Excel file holds more than 2,000,000 strings$/, before);
    expect(ms).toBeLessThan(10_000);
    expect(growthMb).toBeLessThan(150);
  });

  it('refuses a part whose local header disagrees with the central directory, as damaged', async () => {
    const bytes = lyingZip(workbookParts({ head: SHEET_HEAD + inlineRow(1, HEADER_CELLS), tail: SHEET_TAIL, local: 'disagree' }));
    const before = await tableCounts(t.db);
    const { report } = await loadFile('local-header-lies.xlsx', bytes);
    await refusedWith(report, 'unreadable-file', /the local header of part xl\/worksheets\/sheet1\.xml disagrees with the central directory$/, before);
  });

  it('counts what parts really inflate to against the per-part and whole-file limits', async () => {
    const honest = lyingZip(
      workbookParts({ head: SHEET_HEAD + inlineRow(1, HEADER_CELLS), repeat: { unit: inlineRow(null, ['ผู้ผลิต', makeThaiId('310000000001')]), times: 2000 }, tail: SHEET_TAIL }),
    );
    let before = await tableCounts(t.db);
    const part = await loadFile('part-limit.xlsx', honest, { limits: { maxXlsxPartInflatedBytes: 100 * 1024 } });
    await refusedWith(part.report, 'inflation-limit', /: part xl\/worksheets\/sheet1\.xml of the Excel file inflates past 100 KB$/, before);
    before = await tableCounts(t.db);
    const total = await loadFile('total-limit.xlsx', honest, { limits: { maxXlsxInflatedBytes: 2 * 1024 } });
    await refusedWith(total.report, 'inflation-limit', /: the Excel file inflates past 2 KB in all$/, before);
  });
});
