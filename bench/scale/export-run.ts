/**
 * The nation's products exported as `.arrows` through `exportDataset` (the path
 * bench/export/export-bench.ts measures), against `COPY (<the export's own SELECT>) TO STDOUT
 * (FORMAT binary)`, both drained into a byte-counting sink, in a process of its own:
 *
 *   node --import tsx bench/scale/export-run.ts <database-url> timing <runs>
 *     one warm-up of each, then COPY and export alternating <runs> times (as in a running server)
 *   node --import tsx bench/scale/export-run.ts <database-url> memory <copy|arrows>
 *     one run in this fresh process, whose peak resident set is that run's
 *
 * Prints one JSON line. Imports only what an export needs (not the pipeline), so the peak
 * resident set is the export's.
 */
import type { Readable } from 'node:stream';
import type postgres from 'postgres';
import { createDb } from '../../db/create-db.ts';
import { datasetCopyQuery } from '../../api/exports/dataset-copy-query.ts';
import { productsDataset } from '../../api/exports/datasets/products-dataset.ts';
import { exportDataset } from '../../api/exports/export-dataset.ts';
import { countingSink } from '../support/counting-sink.ts';

type Mode = 'copy' | 'arrows';
interface Run {
  ms: number;
  rows: number;
  bytes: number;
}

const [url, kind, arg] = process.argv.slice(2);
if (!url || (kind !== 'timing' && kind !== 'memory') || !arg) {
  process.stderr.write('usage: export-run.ts <database-url> timing <runs> | memory <copy|arrows>\n');
  process.exit(2);
}

const handle = await createDb({ databaseUrl: url, maxConnections: 2 });
const sql = handle.db.$client as postgres.Sql;
// Exactly the export's SELECT (same casts, same order), through the same driver.
const q = datasetCopyQuery(productsDataset, productsDataset.columns({ citizenIds: 'masked' }), {});
const copyText = `copy (${q.select} order by ${q.key}) to stdout (format binary)`;
const [{ n: productRows }] = (await sql`select count(*)::int as n from products`) as unknown as [{ n: number }];

async function run(mode: Mode): Promise<Run> {
  const started = performance.now();
  if (mode === 'copy') {
    let bytes = 0;
    const stream = (await sql.unsafe(copyText).readable()) as Readable;
    for await (const chunk of stream) bytes += (chunk as Buffer).length;
    stream._read(0); // as with-export-session.ts: resume the socket after the COPY
    return { ms: performance.now() - started, rows: productRows, bytes };
  }
  const summary = await exportDataset(handle.db, { dataset: 'products', format: 'arrows', scope: {} }, countingSink());
  return { ms: performance.now() - started, rows: summary.rows, bytes: summary.bytes };
}

if (kind === 'timing') {
  const runs = Number(arg);
  await run('copy');
  await run('arrows');
  const out: Record<Mode, Run[]> = { copy: [], arrows: [] };
  for (let i = 0; i < runs; i++) for (const mode of ['copy', 'arrows'] as const) out[mode].push(await run(mode));
  await handle.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
} else {
  const baselineMb = process.memoryUsage().rss / 2 ** 20;
  const m = await run(arg as Mode);
  await handle.close();
  process.stdout.write(`${JSON.stringify({ ...m, baselineMb, peakMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}
