/**
 * Partitioned export benchmark: the nation's products (≈ 1 000 000 rows over two fiscal years)
 * written as a Hive-partitioned Parquet dataset by the real command, run as `npx otop` runs it
 * (bin/otop.js executed through its shebang):
 * `otop export products --format parquet --partition-by fiscal_year,province_code --out dir/`.
 * Each run is a fresh process; its peak resident set is the one `/usr/bin/time` reports for it
 * (start-up, the migration check, the export). Goal: ≤ 200 MB at a million rows, every run.
 * Also the single-file Parquet export of the same rows (`--out file.parquet`) for comparison.
 *
 *   npx tsx bench/export/partitioned-export-bench.ts [--keep] [--reuse] [--database name] [--runs 5]
 *
 * Needs a PostgreSQL at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) and
 * /usr/bin/time; it creates the scratch database `otop_partition_bench` (or --database; dropped
 * at the end unless --keep; --reuse measures an existing one). Results go to stdout and to
 * bench/RESULTS.md (its own section).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { formatMs, reportFigures, type BenchFigure } from '../bench-figure.ts';
import { writeResultsSection } from '../support/results-section.ts';

const BIN = fileURLToPath(new URL('../../bin/otop.js', import.meta.url));
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const GOAL_PEAK_MB = 200;
const PRODUCERS = 240_000; // × 2560-Q4 + 2561-Q1 ≈ 1 000 000 products, as bench/export
const ROUNDS = ['2560-Q4', '2561-Q1'] as const;

interface Measurement {
  mode: 'partitioned' | 'single';
  ms: number;
  rows: number;
  bytes: number;
  partitions: number;
  peakMb: number;
}

function databaseUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * `bin/otop.js …` executed as npx executes it (the file itself: its shebang's Node options apply),
 * with this Node first on the PATH, under /usr/bin/time: exit code, stderr, wall time, peak RSS.
 */
function otop(args: string[], url: string): { code: number | null; stderr: string; ms: number; peakMb: number } {
  const env = { ...process.env, DATABASE_URL: url, DEMO: '0', PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'otop-bench-peak-kb=%M', BIN, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 24 });
  const ms = performance.now() - started;
  if (r.error) throw new Error(`/usr/bin/time ${BIN}: ${r.error.message}`);
  const peak = /^otop-bench-peak-kb=(\d+)$/m.exec(r.stderr);
  if (!peak) throw new Error(`no peak from /usr/bin/time:\n${r.stderr}`);
  return { code: r.status, stderr: r.stderr, ms, peakMb: Number(peak[1]) / 1024 };
}

function measure(mode: Measurement['mode'], url: string): Measurement {
  const dir = mkdtempSync(join(tmpdir(), 'otop-partition-bench-'));
  try {
    const out = join(dir, mode === 'partitioned' ? 'products' : 'products.parquet');
    const args = ['export', 'products', '--format', 'parquet', '--out', out, ...(mode === 'partitioned' ? ['--partition-by', 'fiscal_year,province_code'] : [])];
    const r = otop(args, url);
    if (r.code !== 0) throw new Error(`otop ${args.join(' ')} failed (${r.code}):\n${r.stderr}`);
    if (mode === 'partitioned') {
      const m = /^(\d+) rows in (\d+) partitions, (\d+) bytes/m.exec(r.stderr);
      if (!m) throw new Error(`no summary line:\n${r.stderr}`);
      return { mode, ms: r.ms, rows: Number(m[1]), partitions: Number(m[2]), bytes: Number(m[3]), peakMb: r.peakMb };
    }
    const m = /^(\d+) rows, \d+ batches, (\d+) bytes/m.exec(r.stderr);
    if (!m) throw new Error(`no summary line:\n${r.stderr}`);
    if (statSync(out).size !== Number(m[2])) throw new Error('the file is not the size the command reported');
    return { mode, ms: r.ms, rows: Number(m[1]), partitions: 1, bytes: Number(m[2]), peakMb: r.peakMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string', default: 'otop_partition_bench' },
      runs: { type: 'string', default: '5' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'boolean', default: false },
    },
  });
  const dbName = values.database;
  if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) throw new Error(`--database: a plain lower-case name, not ${dbName}`);
  const RUNS = Number(values.runs);
  const url = databaseUrl(dbName);
  let note = 'an existing database';
  if (!values.reuse) {
    const { loadNationalGeography, loadNationalRegistrations, scratchDatabase } = await import('../support/bench-database.ts');
    const started = performance.now();
    const handle = await scratchDatabase(dbName);
    const geography = await loadNationalGeography(handle);
    await loadNationalRegistrations(handle, PRODUCERS, ROUNDS);
    await (handle.db.$client as postgres.Sql)`vacuum analyze`;
    await handle.close();
    note = `${PRODUCERS.toLocaleString('en')} producers × ${ROUNDS.join(' + ')}, ${geography} geography (loaded in ${formatMs(performance.now() - started)})`;
  }
  // The command's start alone (Node, the CLI, the export command's modules; no database): an
  // argument error. Run first, it also builds the CLI into .cache/cli if a source changed.
  const starts = [0, 1, 2].map(() => otop(['export', 'products', '--format', 'none'], url));
  if (starts.some((r) => r.code !== 2)) throw new Error(`otop export with a wrong format did not exit 2:\n${starts[0]!.stderr}`);
  const startMb = [...starts.slice(1).map((r) => r.peakMb)].sort((x, y) => x - y)[0]!;
  const pg = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const [{ version }] = (await pg`select current_setting('server_version') as version`) as unknown as [{ version: string }];
  // Alternating, so that a change in the machine's load falls on both.
  const runs: Record<Measurement['mode'], Measurement[]> = { partitioned: [], single: [] };
  for (let i = 0; i < RUNS; i++) for (const mode of ['partitioned', 'single'] as const) runs[mode].push(measure(mode, url));
  if (!values.keep) await pg.unsafe(`drop database if exists ${dbName} with (force)`);
  await pg.end();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const summary = (ms: Measurement[]) => ({
    ...ms[0]!,
    ms: median(ms.map((m) => m.ms)),
    peakMb: median(ms.map((m) => m.peakMb)),
    peaks: ms.map((m) => m.peakMb),
    times: ms.map((m) => m.ms),
  });
  const p = summary(runs.partitioned);
  const s = summary(runs.single);
  const mb = (x: number) => `${x.toFixed(0)} MB`;
  const worstPeak = Math.max(...p.peaks);
  const figures: BenchFigure[] = [
    {
      benchmark: `otop export products --format parquet --partition-by fiscal_year,province_code: peak RSS (median of ${RUNS}; worst ${mb(worstPeak)}), ${p.rows.toLocaleString('en')} rows, ${p.partitions} partitions`,
      figure: mb(p.peakMb), baseline: `single-file Parquet ${mb(s.peakMb)}`, ratio: p.peakMb / s.peakMb, goal: `≤ ${GOAL_PEAK_MB} MB`, met: worstPeak <= GOAL_PEAK_MB,
    },
    {
      benchmark: `otop export products --format parquet --partition-by fiscal_year,province_code: time (median of ${RUNS})`,
      figure: formatMs(p.ms), baseline: `single-file Parquet ${formatMs(s.ms)}`, ratio: p.ms / s.ms, goal: '—', met: null,
    },
  ];
  reportFigures(figures);
  const section = [
    '## Partitioned Parquet export (`bench/export/partitioned-export-bench.ts`)',
    '',
    `Run ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, ` +
      `PostgreSQL ${version} on the same host, Node ${process.version}. Data: the pipeline's generator loaded through the pipeline, ${note}.`,
    'Measured: the real command as `npx otop` runs it (bin/otop.js executed, its shebang\'s Node options applying): ' +
      '`otop export products --format parquet --partition-by fiscal_year,province_code --out dir/`, the nation, written to a temporary directory on the same disk, ' +
      'and the single-file `otop export products --format parquet --out file.parquet` of the same rows. ' +
      `Each run a fresh process; peak RSS as /usr/bin/time reports it (start-up, the migration check, the export); time is the process's wall time; ${RUNS} runs of each, alternating; medians, every run's peak listed. ` +
      `Start: the same command refusing a wrong --format (Node, the CLI and the export command's modules, no database): ${mb(startMb)}.`,
    '',
    `Goal: peak memory ≤ ${GOAL_PEAK_MB} MB at a million rows (every run).`,
    '',
    '| export | rows | partitions | time (median) | bytes | peak RSS (median) | peaks of the runs | goal met |',
    '|---|---:|---:|---:|---:|---:|---|---|',
    ...[p, s].map((m) =>
      `| ${m.mode === 'partitioned' ? 'partitioned by fiscal_year, province_code' : 'single file'} | ${m.rows.toLocaleString('en')} | ${m.partitions} | ` +
      `${formatMs(m.ms)} | ${(m.bytes / 2 ** 20).toFixed(0)} MB | ${mb(m.peakMb)} | ${m.peaks.map((x) => x.toFixed(0)).join(', ')} MB | ${Math.max(...m.peaks) <= GOAL_PEAK_MB ? 'yes' : 'no'} |`),
    '',
    `Ratios, partitioned / single file in the same run: time ${(p.ms / s.ms).toFixed(2)} ×, peak ${(p.peakMb / s.peakMb).toFixed(2)} ×.`,
  ].join('\n');
  writeResultsSection('partitioned-export-bench', section);
  console.log('\nWrote the partitioned export section of bench/RESULTS.md');
}

await main();
