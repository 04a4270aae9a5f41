import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageHeader, MessageReader, RecordBatchReader, tableFromIPC, type Table } from 'apache-arrow';
import { ParquetFile, readParquet } from 'parquet-wasm/node';
import { TEST_ENGINE } from '../support/test-db.ts';
import { exportDataset } from '../../api/exports/export-dataset.ts';
import { EXPORT_FORMAT_NAMES } from '../../api/exports/export-formats.ts';
import { PRODUCT_VERSION } from '../../api/exports/run-export.ts';
import { createExportFixture, dtypes, exportBytes, pl, readWithPolars, type ExportFixture } from './support/export-fixture.ts';

const NOW = new Date('2018-07-01T05:00:00Z');

/** Messages of an Arrow IPC stream: how many dictionary batches (and deltas) and record batches. */
function ipcMessages(bytes: Uint8Array): { dictionaries: number; deltas: number; batches: number } {
  const reader = new MessageReader(bytes);
  const out = { dictionaries: 0, deltas: 0, batches: 0 };
  for (let message = reader.readMessage(); message; message = reader.readMessage()) {
    if (message.headerType === MessageHeader.DictionaryBatch) {
      out.dictionaries++;
      if ((message.header() as { isDelta?: boolean }).isDelta) out.deltas++;
    }
    if (message.headerType === MessageHeader.RecordBatch) out.batches++;
    reader.readMessageBody(message.bodyLength);
  }
  return out;
}

function metadataOf(format: 'arrows' | 'arrow' | 'parquet', bytes: Uint8Array): Map<string, string> {
  const table: Table = format === 'parquet' ? tableFromIPC(readParquet(bytes).intoIPCStream()) : tableFromIPC(bytes);
  return table.schema.metadata;
}

describe(`exports: streamed in batches, one dictionary per column, described in the file (${TEST_ENGINE})`, () => {
  let f: ExportFixture;
  let dir: string;
  beforeAll(async () => {
    f = await createExportFixture();
    dir = mkdtempSync(join(tmpdir(), 'otop-export-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await f.close();
  });

  it('writes many record batches that share ONE dictionary per dictionary column (no deltas, no replacements)', async () => {
    const { bytes, summary } = await exportBytes(f.t.db, { dataset: 'products', format: 'arrows', scope: {}, batchRows: 100, pageRows: 150 });
    expect(summary.batches).toBeGreaterThan(5);
    const messages = ipcMessages(bytes);
    const dictionaryColumns = tableFromIPC(bytes).schema.fields.filter((x) => x.type.typeId === -1).length;
    expect(dictionaryColumns).toBe(7); // round, province + name, district + name, category + label
    expect(messages).toEqual({ dictionaries: dictionaryColumns, deltas: 0, batches: summary.batches });

    const file = await exportBytes(f.t.db, { dataset: 'products', format: 'arrow', scope: {}, batchRows: 100 });
    const reader = RecordBatchReader.from(file.bytes);
    reader.open();
    expect(reader.isFile()).toBe(true);
    expect((reader as unknown as { numDictionaries: number }).numDictionaries).toBe(dictionaryColumns);
    expect((reader as unknown as { numRecordBatches: number }).numRecordBatches).toBe(file.summary.batches);
  });

  it('puts dataset, filters, export time and product version in the schema metadata of every binary format', async () => {
    for (const format of ['arrows', 'arrow', 'parquet'] as const) {
      const { bytes } = await exportBytes(f.t.db, {
        dataset: 'registrations', format, scope: { provinceCode: '38' }, filter: { fiscalYear: 2561, category: 'food' }, now: NOW,
      });
      const metadata = metadataOf(format, bytes);
      expect(metadata.get('dataset')).toBe('registrations');
      expect(JSON.parse(metadata.get('filters')!)).toEqual({ fiscal_year: 2561, province_code: '38', district_code: null, category: 'food' });
      expect(JSON.parse(metadata.get('scope')!)).toEqual({ province_code: '38', district_code: null });
      expect(metadata.get('exported_at')).toBe(NOW.toISOString());
      expect(metadata.get('product_version')).toBe(PRODUCT_VERSION);
      expect(PRODUCT_VERSION).toMatch(/^otop-registration-monitor \d+\.\d+\.\d+/);
      const table = format === 'parquet' ? tableFromIPC(readParquet(bytes).intoIPCStream()) : tableFromIPC(bytes);
      expect(table.schema.fields.find((x) => x.name === 'on_time')!.metadata.get('description')).toMatch(/step1_end_date/);
      if (format === 'parquet') {
        // Also as Parquet key-value metadata, for readers that ignore the Arrow schema (DuckDB's parquet_kv_metadata).
        const file = await ParquetFile.fromFile(new Blob([new Uint8Array(bytes)]));
        const kv = file.metadata().fileMetadata().keyValueMetadata();
        expect(kv.get('dataset')).toBe('registrations');
        expect(kv.get('exported_at')).toBe(NOW.toISOString());
      }
    }
  });

  it('writes a valid, typed file when nothing matches', async () => {
    for (const format of EXPORT_FORMAT_NAMES) {
      const { bytes, summary } = await exportBytes(f.t.db, {
        dataset: 'products', format, scope: {}, filter: { provinceCode: '43' },
      });
      expect(summary.rows).toBe(0);
      const df = readWithPolars(format, bytes);
      expect(df.height).toBe(0);
      expect(df.columns[0]).toBe('product_id');
      if (format !== 'csv') expect(dtypes(df).category).toBe('Categorical');
    }
  });

  it('writes an Arrow file Polars can scan lazily', async () => {
    const { bytes } = await exportBytes(f.t.db, { dataset: 'products', format: 'arrow', scope: {}, batchRows: 64 });
    const path = join(dir, 'products.arrow');
    writeFileSync(path, bytes);
    const food = pl.scanIPC(path).filter(pl.col('category').eq(pl.lit('food'))).select('product_id', 'stars').collectSync();
    const all = readWithPolars('arrow', bytes);
    expect(food.height).toBe(all.getColumn('category').cast(pl.Utf8).toArray().filter((c) => c === 'food').length);
    expect(food.height).toBeGreaterThan(0);
  });

  for (const format of ['arrows', 'parquet', 'csv'] as const) {
    it(`fails the destination — and leaves the database usable — when the reader goes away mid-export (${format})`, async () => {
      let writes = 0;
      const failing = new Writable({
        highWaterMark: 1,
        write(_chunk, _encoding, callback) {
          writes++;
          // Parquet of the demo data is one row group, written at the end: fail at its first write.
          callback(writes > (format === 'parquet' ? 0 : 1) ? new Error('client went away') : null);
        },
      });
      await expect(
        exportDataset(f.t.db, { dataset: 'products', format, scope: {}, batchRows: 50, pageRows: 60 }, failing),
      ).rejects.toThrow(/client went away/);
      expect(failing.destroyed).toBe(true);
      // The connection (postgres.js: the COPY was cancelled and drained) serves the next export.
      const again = await exportBytes(f.t.db, { dataset: 'products', format: 'arrows', scope: {} });
      expect(readWithPolars('arrows', again.bytes).height).toBe(again.summary.rows);
      expect(again.summary.rows).toBeGreaterThan(800);
    });
  }

  it('Parquet: row groups leave as they fill, and a failing destination ends the source', async () => {
    const { arrowExportPlan } = await import('../../api/exports/arrow-export-plan.ts');
    const { rowBatches } = await import('../../api/exports/row-batches.ts');
    const { writeParquet } = await import('../../api/exports/write-parquet.ts');
    const { byteSink } = await import('../../api/exports/byte-sink.ts');
    const plan = arrowExportPlan(
      [{ name: 'n', kind: 'int32', nullable: false, description: 'n' }, { name: 's', kind: 'text', nullable: false, description: 's' }],
      {},
      new Map([['dataset', 'test']]),
    );
    let pulled = 0;
    let closed = false;
    async function* pages() {
      try {
        for (let page = 0; page < 100; page++) {
          pulled++;
          yield Array.from({ length: 1000 }, (_, i) => ({ n: ((page * 1000 + i) * 7919) % 100_003, s: `ผลิตภัณฑ์ ${(page * 1000 + i) * 31}` }));
        }
      } finally {
        closed = true;
      }
    }
    const chunks: number[] = [];
    const ok = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c.length), cb()) });
    await writeParquet(rowBatches(pages(), plan, 1000), plan.schema, byteSink(ok), { createdBy: 'test', rowGroupRows: 10_000 });
    expect(chunks.length).toBeGreaterThanOrEqual(10); // ten row groups, flushed one by one
    pulled = 0;
    closed = false;
    const failing = new Writable({ write: (_c, _e, cb) => cb(new Error('client went away')) });
    await expect(
      writeParquet(rowBatches(pages(), plan, 1000), plan.schema, byteSink(failing), { createdBy: 'test', rowGroupRows: 10_000 }),
    ).rejects.toThrow(/client went away/);
    expect(closed).toBe(true);
    expect(pulled).toBeLessThan(100);
  });

  it('streams into a web WritableStream with back-pressure', async () => {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const done = exportDataset(f.t.db, { dataset: 'producers', format: 'parquet', scope: {}, batchRows: 64 }, writable);
    const chunks: Uint8Array[] = [];
    const reader = readable.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    const summary = await done;
    const df = readWithPolars('parquet', Buffer.concat(chunks));
    expect(df.height).toBe(summary.rows);
  });
});
