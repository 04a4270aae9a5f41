import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { BenchFigure } from './bench-figure.ts';
import { writeResultsSection } from './support/results-section.ts';

/**
 * `npm run bench`: every benchmark in bench/ in one go against the PostgreSQL in DATABASE_URL
 * (default: the local server), one table of figures (benchmark | figure | baseline | ratio |
 * goal | met) with the machine and the date at the top of bench/RESULTS.md; each script
 * rewrites its own section below it and compares against its own baseline in the same run.
 * Needs psql, wrk and Debian's chromium on the PATH.
 */
const BENCHES: { name: string; script: string; args?: string[] }[] = [
  { name: 'ingest', script: 'bench/ingest/ingest-bench.ts' },
  { name: 'api', script: 'bench/api/api-bench.ts' },
  { name: 'export', script: 'bench/export/export-bench.ts' },
  { name: 'pdf', script: 'bench/pdf/pdf-bench.ts' },
  { name: 'dashboard', script: 'bench/dashboard/dashboard-budgets.ts' },
];

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const figuresFile = join(mkdtempSync(join(tmpdir(), 'otop-bench-')), 'figures.jsonl');
writeFileSync(figuresFile, '');

function run(script: string, args: string[]): Promise<{ code: number; output: string; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, BENCH_FIGURES_FILE: figuresFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const take = (chunk: Buffer) => {
      process.stdout.write(chunk);
      output += chunk.toString('utf8');
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code) => resolve({ code: code ?? 1, output, seconds: (performance.now() - started) / 1000 }));
  });
}

const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
const [{ version }] = (await sql`select current_setting('server_version') as version`) as unknown as [{ version: string }];
await sql.end();

const runs: string[] = [];
const started = Date.now();
for (const bench of BENCHES) {
  if (only.length > 0 && !only.includes(bench.name)) continue;
  if (!existsSync(bench.script)) {
    runs.push(`${bench.name}: not run, ${bench.script} does not exist`);
    continue;
  }
  console.log(`\n===== bench ${bench.name} =====`);
  const result = await run(bench.script, bench.args ?? []);
  if (result.code !== 0) process.exitCode = 1;
  runs.push(`${bench.name} (\`${bench.script}\`): ${result.seconds.toFixed(0)} s${result.code === 0 ? '' : `, **exit code ${result.code}** (its last lines: ${result.output.trim().split('\n').slice(-3).join(' / ').slice(0, 400)})`}`);
}

const figures = readFileSync(figuresFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as BenchFigure);
const cell = (s: string) => s.replace(/\|/g, '\\|');
const table = [
  '| benchmark | figure | baseline | ratio | goal | met |',
  '|---|---|---|---|---|---|',
  ...figures.map(
    (f) =>
      `| ${cell(f.benchmark)} | ${cell(f.figure)} | ${cell(f.baseline)} | ${f.ratio === null ? '—' : `${f.ratio.toFixed(2)} ×`} | ${cell(f.goal)} | ${f.met === null ? '—' : f.met ? 'yes' : 'no'} |`,
  ),
].join('\n');
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const minutes = ((Date.now() - started) / 60000).toFixed(1);
const summary = `## All benchmarks (\`npm run bench\`)

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; the whole run took ${minutes} minutes.
Machine: ${cpus().length} cores (${cpu}), ${(totalmem() / 1024 ** 3).toFixed(0)} GiB memory, PostgreSQL ${version}, Node.js ${process.version}.
Machines here are noisy: figures are medians of repeated runs, and each is set against a
baseline measured in the same run (ratio = figure ÷ baseline). Each benchmark's own section
below holds its method and detail; the cost curves, soak and fault runs are separate scripts
(\`npm run bench:curves\`, \`bench/soak/soak.ts\`, \`bench/faults/run-faults.sh\`) and keep their sections.

${table}

Runs: ${runs.join('; ')}.`;
// A partial run (`npm run bench -- api`) prints its figures but leaves the summary alone (each
// benchmark still rewrites its own section).
if (only.length === 0) writeResultsSection('bench-summary', summary, { position: 'top' });
console.log(`\n${table}\n\n${only.length === 0 ? 'bench/RESULTS.md written.' : 'Partial run: the summary in bench/RESULTS.md left as it was.'}`);
