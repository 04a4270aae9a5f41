import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeThaiId } from '../../domain/thai-id.ts';
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from '../../pipeline/ingest-limits.ts';
import { FileRefusal } from '../../pipeline/read/file-refusal.ts';
import { openRecords } from '../../pipeline/read/open-records.ts';
import { sniffSource } from '../../pipeline/read/sniff-source.ts';
import { HEADER_CELLS, inlineRow, lyingZip, SHEET_HEAD, SHEET_TAIL, workbookParts } from '../../testkit/lying-xlsx.ts';

// The pipeline stops reading early all the time: a refused header, a row limit, a client gone.
// Before, an XLSX abandoned this way could leave exceljs's temporary-file helper failing later
// ("ENOENT ... tmp-<pid>-…"), an uncaught exception that kills the server. Every reader must
// stop cleanly wherever it is stopped: no error escapes afterwards, no file handle stays open.
const openFds = () => readdirSync('/proc/self/fd').length;
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('every reader stops cleanly, wherever it is stopped', () => {
  let dir: string;
  const stray: unknown[] = [];
  const onStray = (err: unknown) => stray.push(err);
  let csvPath: string;
  let xlsxPath: string;

  beforeAll(() => {
    process.on('uncaughtException', onStray);
    process.on('unhandledRejection', onStray);
    dir = mkdtempSync(join(tmpdir(), 'otop-stop-reading-'));
    const row = (n: number) => [`ผู้ผลิต ${n}`, makeThaiId(`3${String(n).padStart(11, '0')}`), '1', 'บึงกาฬ', `สินค้า ${n}`, 'อาหาร'];
    csvPath = join(dir, 'rows.csv');
    writeFileSync(csvPath, [HEADER_CELLS, ...Array.from({ length: 20_000 }, (_, i) => row(i + 1))].map((r) => r.join(',')).join('\n'));
    xlsxPath = join(dir, 'rows.xlsx');
    // 30,000 rows (60 batches) in a deflated sheet of about 1 MB: stopping leaves the inflater mid-part.
    writeFileSync(
      xlsxPath,
      lyingZip(workbookParts({ head: SHEET_HEAD + inlineRow(1, HEADER_CELLS), repeat: { unit: inlineRow(null, row(7)), times: 30_000 }, tail: SHEET_TAIL })),
    );
  });
  afterAll(() => {
    process.off('uncaughtException', onStray);
    process.off('unhandledRejection', onStray);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Reads `path` for `batches` batches (all when Infinity), then stops; what was read or the refusal. */
  const readSome = async (path: string, batches: number, limits: Partial<IngestLimits> = {}) => {
    const source = { kind: 'path', path } as const;
    const records = await openRecords(source, await sniffSource(source), { limits: { ...DEFAULT_INGEST_LIMITS, ...limits } });
    let seen = 0;
    let rows = 0;
    try {
      for await (const batch of records.batches) {
        rows += batch.length;
        if (++seen >= batches) break; // for await calls return() on the generator
      }
    } catch (err) {
      if (!(err instanceof FileRefusal)) throw err;
      return { rows, refused: err.issue.code };
    }
    return { rows, refused: null };
  };

  for (const [kind, path, total] of [
    ['CSV', () => csvPath, 20_001],
    ['XLSX', () => xlsxPath, 30_001],
  ] as const) {
    it(`${kind}: stopped after 0, 1, 2, 3, 7, 20 batches or at the end, no handle left and nothing thrown later`, async () => {
      await settle();
      const before = openFds();
      for (const k of [0, 1, 2, 3, 7, 20, Infinity]) {
        const r = await readSome(path(), k === 0 ? 1 : k);
        if (k === Infinity) expect(r.rows).toBe(total);
        expect(openFds(), `after ${k} batches`).toBe(before);
      }
      // Opened but never read: nothing was opened for it either.
      const source = { kind: 'path', path: path() } as const;
      await openRecords(source, await sniffSource(source), { limits: DEFAULT_INGEST_LIMITS });
      await settle();
      expect(openFds()).toBe(before);
      expect(stray).toEqual([]);
    });

    it(`${kind}: refused mid-file (row limit, cell limit), no handle left and nothing thrown later`, async () => {
      await settle();
      const before = openFds();
      for (const maxRows of [1, 499, 500, 501, 1_234, 9_999]) {
        expect(await readSome(path(), Infinity, { maxRows })).toMatchObject({ refused: 'too-many-rows' });
        expect(openFds(), `refused past ${maxRows} rows`).toBe(before);
      }
      expect(await readSome(path(), Infinity, { maxCellChars: 5 })).toMatchObject({ refused: 'unreadable-file' });
      await settle();
      expect(openFds()).toBe(before);
      expect(stray).toEqual([]);
    });
  }
});
