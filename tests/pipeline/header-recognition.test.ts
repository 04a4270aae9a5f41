import { describe, expect, it } from 'vitest';
import { DEFAULT_INGEST_LIMITS } from '../../pipeline/ingest-limits.ts';
import { headerReport, mapHeaders } from '../../pipeline/map-headers.ts';
import { previewHeader } from '../../pipeline/preview-header.ts';
import { openRecords } from '../../pipeline/read/open-records.ts';
import { sniffSource } from '../../pipeline/read/sniff-source.ts';
import { HEADER_VARIANTS, variantBytes } from './header-corpus.ts';

async function recognise(bytes: Uint8Array) {
  const source = { kind: 'bytes' as const, bytes };
  const sniff = await sniffSource(source);
  const records = await openRecords(source, sniff, { limits: DEFAULT_INGEST_LIMITS });
  const preview = await previewHeader(records);
  const { mapping } = mapHeaders(preview.header!.cells, preview.header!.row);
  return { sniff, header: preview.header!, report: headerReport(mapping, preview.samples, { source: 'recognised' }), records: preview.records };
}

describe('header recognition: a corpus of district titles (CSV, Windows-874 CSV, XLSX)', () => {
  it('has at least 15 variants, in every format', () => {
    expect(HEADER_VARIANTS.length).toBeGreaterThanOrEqual(15);
    expect(new Set(HEADER_VARIANTS.map((v) => v.format))).toEqual(new Set(['csv', 'csv-874', 'xlsx']));
  });

  for (const v of HEADER_VARIANTS) {
    it(`${v.format}: ${v.name}`, async () => {
      const { sniff, header, report, records } = await recognise(await variantBytes(v));
      if (v.format === 'csv-874') expect(sniff.encoding).toBe('windows-874');
      // The header row under the title rows (the sub-title row under group titles), as the file numbers it.
      expect(header.row).toBe((v.titleRows?.length ?? 0) + (v.groupRow ? 2 : 1));
      if (v.groupRow) expect(header.cells.some((c) => c.includes(' › '))).toBe(true);
      else expect(header.cells.some((c) => c.includes(' › '))).toBe(false);
      const keyAt = (i: number) => report.columns.find((c) => c.index === i)?.key ?? null;
      const expected = v.expectKeys ?? v.columns.map(([, holds]) => (holds === 'running' || holds === 'remark' || holds === 'blank' ? null : holds));
      expect(v.columns.map((_, i) => keyAt(i))).toEqual(expected);
      if (v.expectAsk) {
        expect(report.needsMapping).toBe(true);
        expect(report.missing).toEqual(v.expectAsk.missing);
        for (const [title, key] of Object.entries(v.expectAsk.firstCandidate)) {
          const column = report.columns.find((c) => c.header === title)!;
          expect(column.candidates[0]?.key, title).toBe(key);
          expect(column.candidates[0]!.confidence).toBeGreaterThan(0);
          expect(column.candidates[0]!.confidence).toBeLessThan(1);
          // The mapping screen shows what is in the column.
          expect(column.samples!.length).toBeGreaterThan(0);
        }
        for (const key of v.expectAsk.missing) {
          if (v.name.includes('truly absent')) expect(report.columns.some((c) => c.candidates.some((k) => k.key === key))).toBe(false);
          else expect(report.columns.some((c) => c.key === null && c.candidates.some((k) => k.key === key)), key).toBe(true);
        }
      } else {
        expect(report.needsMapping).toBe(false);
        expect(report.missing).toEqual([]);
      }
      // Columns not loaded are named in a notice, in Thai and English.
      // (A title merged down over both rows is the group row's.)
      const notLoaded = v.columns.flatMap(([t, holds], i) => (holds === 'running' || holds === 'remark' ? [t || v.groupRow![i]!] : []));
      for (const title of notLoaded) {
        expect(report.notices[0]?.th).toContain(`"${title}"`);
        expect(report.notices[0]?.en).toContain(`"${title}"`);
      }
      if (notLoaded.length > 0) expect(report.notices[0]!.en).toMatch(/^Columns not loaded: /);
      // Reading ahead lost nothing: the load still sees every row from the first.
      let n = 0;
      for await (const batch of records.batches) n += batch.length;
      expect(n).toBeGreaterThanOrEqual((v.titleRows?.filter((t) => t !== '').length ?? 0) + (v.groupRow ? 2 : 1) + 5);
    });
  }
});
