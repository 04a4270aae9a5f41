/**
 * Export benchmark: the nation's products as an Arrow IPC stream (`.arrows`) against
 * PostgreSQL's own `COPY (SELECT …) TO STDOUT (FORMAT binary)` of the same SELECT, in the same
 * run, at ~200 000 and ~1 000 000 rows; plus the other formats for reference. The data is the
 * pipeline's generator (`otop generate`) loaded through the pipeline, over the national geography.
 *
 *   npx tsx bench/export/export-bench.ts [--runs 5] [--quick] [--keep]
 *
 * Needs a PostgreSQL at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres, trust
 * auth); it creates and drops the scratch database `otop_export_bench`. Time is measured in one
 * warm child process (as in a running server), COPY and export alternating, medians reported;
 * memory in a fresh child process per run, so its peak RSS is that run's. Both sides drain into
 * a byte-counting sink: the comparison is database → bytes in Node, not disk speed. Results go to stdout and to
 * bench/RESULTS.md (this benchmark's own section, replaced on each run).
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import type { Db } from '../../db/create-db.ts';
import { formatMs, median, reportFigures, type BenchFigure } from '../bench-figure.ts';
import { countingSink } from '../support/counting-sink.ts';
import { writeResultsSection } from '../support/results-section.ts';

const SELF = fileURLToPath(import.meta.url);

const DB_NAME = 'otop_export_bench';
/** As bench/support/bench-database.ts — which is imported only where data is loaded: it pulls in the whole pipeline, and the measuring child processes must not carry it. */
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const GOAL_RATIO = 1.5;
const GOAL_PEAK_MB = 200;

type Mode = 'copy' | 'arrows' | 'arrow' | 'parquet' | 'csv';
interface Measurement {
  mode: Mode;
  ms: number;
  rows: number;
  bytes: number;
  /** Resident set after imports and connecting, before the run. */
  baselineMb: number;
  /** Peak resident set of the whole process. */
  peakMb: number;
}

function benchUrl(): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
}

/**
 * A connection and the two things measured: COPY of the export's SELECT, and an export. `lean`
 * builds the Drizzle handle without `createDb` — a check that `createDb` (which loads PGlite
 * only for the embedded engine) adds nothing on PostgreSQL.
 */
async function harness(url: string, batchRows: number | undefined, lean = false) {
  const { datasetCopyQuery } = await import('../../api/exports/dataset-copy-query.ts');
  const { productsDataset } = await import('../../api/exports/datasets/products-dataset.ts');
  const { exportDataset } = await import('../../api/exports/export-dataset.ts');
  let handle: { db: Db; close(): Promise<void> };
  if (lean) {
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const schema = await import('../../db/schema/index.ts');
    const client = postgres(url, { max: 2, onnotice: () => {} });
    handle = { db: drizzle(client, { schema }) as unknown as Db, close: () => client.end() };
  } else {
    const { createDb } = await import('../../db/create-db.ts');
    handle = await createDb({ databaseUrl: url, maxConnections: 2 });
  }
  const sql = handle.db.$client as postgres.Sql;
  const [{ n }] = (await sql`select count(*)::int as n from products`) as unknown as [{ n: number }];
  // Exactly the export's SELECT (same casts, same order), through the same driver.
  const q = datasetCopyQuery(productsDataset, productsDataset.columns({ citizenIds: 'masked' }), {});
  const copyText = `copy (${q.select} order by ${q.key}) to stdout (format binary)`;
  async function run(mode: Mode): Promise<Omit<Measurement, 'baselineMb' | 'peakMb'>> {
    const started = performance.now();
    if (mode === 'copy') {
      let bytes = 0;
      const stream = (await sql.unsafe(copyText).readable()) as Readable;
      for await (const chunk of stream) bytes += (chunk as Buffer).length;
      stream._read(0); // see with-export-session.ts: resume the socket after the COPY
      return { mode, ms: performance.now() - started, rows: n, bytes };
    }
    const summary = await exportDataset(
      handle.db,
      { dataset: 'products', format: mode, scope: {}, ...(batchRows ? { batchRows } : {}) },
      countingSink(),
    );
    return { mode, ms: performance.now() - started, rows: summary.rows, bytes: summary.bytes };
  }
  return { run, close: () => handle.close() };
}

/** Memory: one run in this fresh process; its peak resident set is that run's. */
async function memoryChild(mode: Mode, url: string, batchRows: number | undefined, lean: boolean): Promise<Measurement> {
  const h = await harness(url, batchRows, lean);
  const baselineMb = process.memoryUsage().rss / 2 ** 20;
  const m = await h.run(mode);
  await h.close();
  return { ...m, baselineMb, peakMb: process.resourceUsage().maxRSS / 1024 };
}

/** Time: a warm process (as a server is), one warm-up of each, then COPY and export alternating. */
async function timingChild(url: string, batchRows: number | undefined, runs: number, modes: Mode[]) {
  const h = await harness(url, batchRows);
  for (const mode of modes) await h.run(mode);
  const out: Record<string, Omit<Measurement, 'baselineMb' | 'peakMb'>[]> = {};
  for (let i = 0; i < runs; i++) for (const mode of modes) (out[mode] ??= []).push(await h.run(mode));
  await h.close();
  return out;
}

function child<T>(args: string[]): T {
  for (let attempt = 1; ; attempt++) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--url', benchUrl(), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status === 0) return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
    // A shared server may be restarting (another suite's fault tests): wait and measure again.
    if (attempt < 6 && /57P03|57P01|ECONNREFUSED|ECONNRESET|CONNECTION_CLOSED/.test(r.stderr)) {
      spawnSync('sleep', ['10']);
      continue;
    }
    throw new Error(`child ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  }
}

/** The data sets: national producers from the generator, loaded round by round through the pipeline. */
const SIZES = [
  { producers: 93_400, rounds: ['2561-Q1'] }, // ≈ 194 000 products: the nation's ~209 000
  { producers: 240_000, rounds: ['2560-Q4', '2561-Q1'] }, // ≈ 1 000 000 products
] as const;

async function prepare(size: (typeof SIZES)[number]): Promise<string> {
  const { loadNationalGeography, loadNationalRegistrations, scratchDatabase } = await import('../support/bench-database.ts');
  const started = performance.now();
  const handle = await scratchDatabase(DB_NAME);
  const geography = await loadNationalGeography(handle);
  await loadNationalRegistrations(handle, size.producers, size.rounds);
  const sql = handle.db.$client as postgres.Sql;
  await sql`vacuum analyze`;
  const [{ n }] = (await sql`select count(*)::int as n from products`) as unknown as [{ n: number }];
  const note = `${size.producers.toLocaleString('en')} producers × ${size.rounds.join(' + ')} → ${n.toLocaleString('en')} products, ${geography} geography`;
  console.log(`loaded ${note} in ${formatMs(performance.now() - started)}`);
  await handle.close();
  return note;
}

async function dropBenchDatabase(): Promise<void> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
  await admin.end();
}

const mb = (x: number) => `${x.toFixed(0)} MB`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      mode: { type: 'string' },
      modes: { type: 'string' },
      url: { type: 'string' },
      'batch-rows': { type: 'string' },
      runs: { type: 'string', default: '5' },
      quick: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      lean: { type: 'boolean', default: false },
    },
  });
  const batchRows = values['batch-rows'] ? Number(values['batch-rows']) : undefined;
  const runs = Number(values.runs);
  if (values.child === 'memory') {
    console.log(JSON.stringify(await memoryChild(values.mode as Mode, values.url!, batchRows, values.lean)));
    return;
  }
  if (values.child === 'timing') {
    console.log(JSON.stringify(await timingChild(values.url!, batchRows, runs, values.modes!.split(',') as Mode[])));
    return;
  }
  const batchArgs = batchRows ? ['--batch-rows', String(batchRows)] : [];
  const sizes = values.quick ? SIZES.slice(0, 1) : SIZES;
  const pg = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const [{ version }] = (await pg`select current_setting('server_version') as version`) as unknown as [{ version: string }];
  await pg.end();
  const figures: BenchFigure[] = [];
  const lines: string[] = [];
  const notes: string[] = [];
  for (const size of sizes) {
    notes.push(await prepare(size));
    type Timed = Omit<Measurement, 'baselineMb' | 'peakMb'>;
    const timed = child<Record<Mode, Timed[]>>(['--child', 'timing', '--runs', String(runs), '--modes', 'copy,arrows', ...batchArgs]);
    const otherTimed = child<Record<Mode, Timed[]>>(['--child', 'timing', '--runs', String(Math.max(1, Math.ceil(runs / 2))), '--modes', 'arrow,parquet,csv', ...batchArgs]);
    const memory = (mode: Mode, lean = false) =>
      Array.from({ length: 2 }, () => child<Measurement>(['--child', 'memory', '--mode', mode, ...batchArgs, ...(lean ? ['--lean'] : [])]));
    const copyMemory = memory('copy');
    const arrowsMemory = memory('arrows');
    const leanPeak = Math.max(...memory('arrows', true).map((m) => m.peakMb));
    const leanCopyPeak = Math.max(...memory('copy', true).map((m) => m.peakMb));
    const others = (['arrow', 'parquet', 'csv'] as const).map((mode) => ({
      mode,
      ms: median(otherTimed[mode].map((x) => x.ms)),
      peakMb: Math.max(...memory(mode).map((x) => x.peakMb)),
      bytes: otherTimed[mode][0]!.bytes,
    }));
    const copy = timed.copy;
    const arrows = timed.arrows;
    const copyMs = median(copy.map((m) => m.ms));
    const arrowsMs = median(arrows.map((m) => m.ms));
    const ratio = arrowsMs / copyMs;
    const peak = Math.max(...arrowsMemory.map((m) => m.peakMb));
    const baseline = median(arrowsMemory.map((m) => m.baselineMb));
    const copyPeak = Math.max(...copyMemory.map((m) => m.peakMb));
    const rows = arrows[0]!.rows;
    const label = `products ${rows.toLocaleString('en')} rows`;
    figures.push({ benchmark: `export .arrows, ${label}`, figure: formatMs(arrowsMs), baseline: `COPY binary ${formatMs(copyMs)}`, ratio, goal: `≤ ${GOAL_RATIO} × COPY`, met: ratio <= GOAL_RATIO });
    figures.push({
      benchmark: `export .arrows peak RSS, ${label}`, figure: mb(peak), baseline: `COPY process ${mb(copyPeak)}`, ratio: null,
      goal: rows >= 900_000 ? `≤ ${GOAL_PEAK_MB} MB` : '—', met: rows >= 900_000 ? peak <= GOAL_PEAK_MB : null,
    });
    figures.push({
      benchmark: `export .arrows peak RSS without PGlite's module, ${label}`, figure: mb(leanPeak), baseline: `COPY process ${mb(leanCopyPeak)}`,
      ratio: null, goal: rows >= 900_000 ? `≤ ${GOAL_PEAK_MB} MB` : '—', met: rows >= 900_000 ? leanPeak <= GOAL_PEAK_MB : null,
    });
    lines.push(
      `| ${rows.toLocaleString('en')} | ${formatMs(copyMs)} | ${formatMs(arrowsMs)} | **${ratio.toFixed(2)} ×** | ` +
        `${mb(peak)} (baseline ${mb(baseline)}, +${mb(peak - baseline)}) | ${mb(copyPeak)} | ${mb(leanPeak)} / ${mb(leanCopyPeak)} | ` +
        `${(arrows[0]!.bytes / 2 ** 20).toFixed(0)} MB vs ${(copy[0]!.bytes / 2 ** 20).toFixed(0)} MB | ` +
        others.map((o) => `${o.mode} ${formatMs(o.ms)} / ${mb(o.peakMb)} / ${(o.bytes / 2 ** 20).toFixed(0)} MB`).join('; ') + ' |',
    );
    console.log(`${label}: copy ${copy.map((m) => m.ms.toFixed(0)).join(', ')} ms; arrows ${arrows.map((m) => m.ms.toFixed(0)).join(', ')} ms`);
  }
  if (!values.keep) await dropBenchDatabase();
  reportFigures(figures);

  const section = [
    '## Analyst exports (`bench/export/export-bench.ts`)',
    '',
    `Run ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, ` +
      `PostgreSQL ${version} on the same host, Node ${process.version}. Time: median of ${runs} alternating COPY/export runs in one warm process (after one warm-up of each), as in a running server. Memory: each run in a fresh process, the larger of two.`,
    `Data: the pipeline's generator loaded through the pipeline (\`bench/support/bench-database.ts\`): ${notes.join('; ')}. Exported: the products dataset for the whole nation, ordered by id.`,
    'Baseline: `COPY (<the export’s own SELECT>) TO STDOUT (FORMAT binary)` through postgres.js, drained into a counting sink. Export: `.arrows` through `exportDataset` into the same kind of sink.',
    'Peak = the process’s maximum resident set (`getrusage`), baseline = resident set after imports and connecting (tsx, Drizzle, PGlite’s module, apache-arrow).',
    '“Without PGlite’s module”: the same run with the Drizzle handle built directly on postgres.js — a check that `createDb` (which loads PGlite only for the embedded engine) adds nothing on PostgreSQL. The machine is shared with other suites, so single runs vary by ±20 %; the medians are stable.',
    '',
    `Goal: ≤ ${GOAL_RATIO} × COPY time; peak memory ≤ ${GOAL_PEAK_MB} MB at a million rows.`,
    '',
    '| rows | COPY binary | `.arrows` | ratio | `.arrows` peak RSS | COPY peak RSS | peak RSS without PGlite’s module: `.arrows` / COPY | bytes (arrows vs COPY) | other formats: time / peak / size |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...lines,
  ].join('\n');
  writeResultsSection('export-bench', section);
  console.log('\nWrote the export section of bench/RESULTS.md');
}

await main();
