/**
 * Partitioned export benchmark: the nation's products (≈ 1 000 000 rows over two fiscal years)
 * written as a Hive-partitioned Parquet dataset (`otop export products --format parquet
 * --partition-by fiscal_year,province_code --out dir/`), in a fresh child process whose peak
 * resident set is the run's. Goal: ≤ 200 MB at a million rows. Also the single-file Parquet export
 * of the same rows for comparison.
 *
 *   npx tsx bench/export/partitioned-export-bench.ts [--keep] [--reuse]
 *
 * Needs a PostgreSQL at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); it
 * creates the scratch database `otop_partition_bench` (dropped at the end unless --keep; --reuse
 * measures an existing one). Results go to stdout and to bench/RESULTS.md (its own section).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { formatMs, reportFigures, type BenchFigure } from '../bench-figure.ts';
import { countingSink } from '../support/counting-sink.ts';
import { writeResultsSection } from '../support/results-section.ts';

const SELF = fileURLToPath(import.meta.url);
const DB_NAME = 'otop_partition_bench';
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const GOAL_PEAK_MB = 200;
const PRODUCERS = 240_000; // × 2560-Q4 + 2561-Q1 ≈ 1 000 000 products, as bench/export
const ROUNDS = ['2560-Q4', '2561-Q1'] as const;
const RUNS = 3;

interface Measurement {
  mode: 'partitioned' | 'single';
  ms: number;
  rows: number;
  bytes: number;
  partitions: number;
  baselineMb: number;
  peakMb: number;
}

function benchUrl(): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
}

async function measure(mode: Measurement['mode'], url: string, batchRows?: number): Promise<Measurement> {
  const { createDb } = await import('../../db/create-db.ts');
  const { planExport } = await import('../../api/exports/plan-export.ts');
  const { runExport } = await import('../../api/exports/run-export.ts');
  const { runPartitionedExport } = await import('../../api/exports/run-partitioned-export.ts');
  // parquet-wasm is loaded before the baseline, as in a process that has exported before.
  await import('../../api/exports/write-parquet.ts');
  const handle = await createDb({ databaseUrl: url, maxConnections: 2 });
  const baselineMb = process.memoryUsage().rss / 2 ** 20;
  const plan = await planExport(handle.db, { dataset: 'products', format: 'parquet', scope: {}, ...(batchRows ? { batchRows } : {}) });
  const dir = mkdtempSync(join(tmpdir(), 'otop-partition-bench-'));
  const started = performance.now();
  try {
    if (mode === 'partitioned') {
      const s = await runPartitionedExport(handle.db, plan, ['fiscal_year', 'province_code'], join(dir, 'products'));
      return { mode, ms: performance.now() - started, rows: s.rows, bytes: s.bytes, partitions: s.partitions.length, baselineMb, peakMb: process.resourceUsage().maxRSS / 1024 };
    }
    const s = await runExport(handle.db, plan, countingSink());
    return { mode, ms: performance.now() - started, rows: s.rows, bytes: s.bytes, partitions: 1, baselineMb, peakMb: process.resourceUsage().maxRSS / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await handle.close();
  }
}

function child(mode: Measurement['mode']): Measurement {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', mode, '--url', benchUrl()], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`child ${mode} failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measurement;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      url: { type: 'string' },
      'batch-rows': { type: 'string' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'boolean', default: false },
    },
  });
  if (values.child) {
    console.log(JSON.stringify(await measure(values.child as Measurement['mode'], values.url!, values['batch-rows'] ? Number(values['batch-rows']) : undefined)));
    return;
  }
  let note = 'an existing database';
  if (!values.reuse) {
    const { loadNationalGeography, loadNationalRegistrations, scratchDatabase } = await import('../support/bench-database.ts');
    const started = performance.now();
    const handle = await scratchDatabase(DB_NAME);
    const geography = await loadNationalGeography(handle);
    await loadNationalRegistrations(handle, PRODUCERS, ROUNDS);
    await (handle.db.$client as postgres.Sql)`vacuum analyze`;
    await handle.close();
    note = `${PRODUCERS.toLocaleString('en')} producers × ${ROUNDS.join(' + ')}, ${geography} geography (loaded in ${formatMs(performance.now() - started)})`;
  }
  const pg = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const [{ version }] = (await pg`select current_setting('server_version') as version`) as unknown as [{ version: string }];
  // Alternating, so that a change in the machine's load falls on both.
  const runs: Record<Measurement['mode'], Measurement[]> = { partitioned: [], single: [] };
  for (let i = 0; i < RUNS; i++) for (const mode of ['partitioned', 'single'] as const) runs[mode].push(child(mode));
  if (!values.keep) await pg.unsafe(`drop database if exists ${DB_NAME} with (force)`);
  await pg.end();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const summary = (ms: Measurement[]) => ({
    ...ms[0]!,
    ms: median(ms.map((m) => m.ms)),
    peakMb: median(ms.map((m) => m.peakMb)),
    baselineMb: median(ms.map((m) => m.baselineMb)),
    peaks: ms.map((m) => m.peakMb),
    times: ms.map((m) => m.ms),
  });
  const p = summary(runs.partitioned);
  const s = summary(runs.single);
  const mb = (x: number) => `${x.toFixed(0)} MB`;
  const worstPeak = Math.max(...p.peaks);
  const figures: BenchFigure[] = [
    {
      benchmark: `export products as Parquet partitioned by fiscal_year, province_code: peak RSS (median of ${RUNS}), ${p.rows.toLocaleString('en')} rows, ${p.partitions} partitions`,
      figure: mb(p.peakMb), baseline: `single-file Parquet ${mb(s.peakMb)}`, ratio: p.peakMb / s.peakMb, goal: `≤ ${GOAL_PEAK_MB} MB`, met: worstPeak <= GOAL_PEAK_MB,
    },
    {
      benchmark: `export products as Parquet partitioned by fiscal_year, province_code: time (median of ${RUNS})`,
      figure: formatMs(p.ms), baseline: `single-file Parquet ${formatMs(s.ms)}`, ratio: p.ms / s.ms, goal: '—', met: null,
    },
  ];
  reportFigures(figures);
  const section = [
    '## Partitioned Parquet export (`bench/export/partitioned-export-bench.ts`)',
    '',
    `Run ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, ` +
      `PostgreSQL ${version} on the same host, Node ${process.version}. Data: the pipeline's generator loaded through the pipeline, ${note}.`,
    'Measured: `runPartitionedExport` (what `otop export products --format parquet --partition-by fiscal_year,province_code --out dir/` runs), ' +
      'the nation, written to a temporary directory on the same disk; the single-file Parquet export of the same rows into a counting sink for comparison. ' +
      `Each run in a fresh process (tsx, Drizzle, postgres.js, parquet-wasm loaded before the baseline); ${RUNS} runs of each, alternating; medians, every run's peak listed.`,
    '',
    `Goal: peak memory ≤ ${GOAL_PEAK_MB} MB at a million rows (every run).`,
    '',
    '| export | rows | partitions | time (median) | bytes | baseline RSS | peak RSS (median) | peaks of the runs | goal met |',
    '|---|---:|---:|---:|---:|---:|---:|---|---|',
    ...[p, s].map((m) =>
      `| ${m.mode === 'partitioned' ? 'partitioned by fiscal_year, province_code' : 'single file'} | ${m.rows.toLocaleString('en')} | ${m.partitions} | ` +
      `${formatMs(m.ms)} | ${(m.bytes / 2 ** 20).toFixed(0)} MB | ${mb(m.baselineMb)} | ${mb(m.peakMb)} | ${m.peaks.map((x) => x.toFixed(0)).join(', ')} MB | ${Math.max(...m.peaks) <= GOAL_PEAK_MB ? 'yes' : 'no'} |`),
    '',
    `Ratios, partitioned / single file in the same run: time ${(p.ms / s.ms).toFixed(2)} ×, peak ${(p.peakMb / s.peakMb).toFixed(2)} ×.`,
  ].join('\n');
  writeResultsSection('partitioned-export-bench', section);
  console.log('\nWrote the partitioned export section of bench/RESULTS.md');
}

await main();
