/**
 * Ingestion benchmark: a national file (100,000 producers, ~210,000 product rows) loaded end to
 * end by the pipeline (sniff, parse, normalise, validate, stage, upsert), in the same run on the
 * same database as two `psql \copy` references:
 *   (a) the file into a bare text table (no keys, no checks: the old baseline);
 *   (b) the floor: the rows the pipeline stored (producers, registrations, products, dumped to
 *       CSV after its first load) copied back into the emptied real tables in one transaction,
 *       with their keys, foreign keys, indexes and triggers (registered years, live roll-ups,
 *       progress versions, registration snapshots) — the same integrity, no parsing or checking.
 * The goal is pipeline ≤ 1.3 × the floor.
 *
 *   npx tsx bench/ingest/ingest-bench.ts [--producers 100000] [--runs 3] [--keep] [--geo ../shared/geo]
 *
 * Uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) to create a scratch
 * database, dropped afterwards unless --keep. Geography: ../shared/geo when present, else
 * synthesised. Prints the figures and writes them to its section of bench/RESULTS.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir, platform, release } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { loadConfig } from '../../api/config.ts';
import { createDb } from '../../db/create-db.ts';
import { migrate } from '../../db/migrate.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { importGeography } from '../../pipeline/import-geography.ts';
import { readGeographyDir, synthesizeGeography } from '../../pipeline/generate/national-geography.ts';
import { generateRegistrations, GENERATED_HEADERS } from '../../pipeline/generate/generate-registrations.ts';
import { formatMs, reportFigures } from '../bench-figure.ts';
import { writeResultsSection } from '../support/results-section.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    producers: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    // The shared geography (a worktree's ../shared is not the project's): --geo /work/shared/geo.
    geo: { type: 'string' },
  },
});
const producers = Number(values.producers);
const runs = Number(values.runs);
const baseUrl = loadConfig().databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `otop_bench_ingest_${Date.now().toString(36)}`;
const url = Object.assign(new URL(baseUrl), { pathname: `/${dbName}` }).toString();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const log = (s: string) => process.stderr.write(`${s}\n`);

// The file: generated once per size and seed, kept in the temp directory between runs.
const sharedGeo = values.geo ?? join(root, '..', 'shared', 'geo');
const geography = readGeographyDir(sharedGeo) ?? synthesizeGeography();
const geographySource = existsSync(join(sharedGeo, 'subdistricts.json')) ? '../shared/geo' : 'synthesised';
const dataDir = join(tmpdir(), 'otop-bench');
mkdirSync(dataDir, { recursive: true });
const file = join(dataDir, `national-${producers}-${geographySource === 'synthesised' ? 'synthetic' : 'shared'}.csv`);
let manifest: { rows: number; producers: number } | null = null;
if (!existsSync(file)) {
  log(`generating ${file} …`);
  manifest = await generateRegistrations(file, { producers, geography, seed: 2561 });
  writeFileSync(`${file}.json`, JSON.stringify(manifest));
} else {
  manifest = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as { rows: number; producers: number };
}
const sizeMb = statSync(file).size / 1024 / 1024;
log(`file: ${manifest.producers} producers, ${manifest.rows} rows, ${sizeMb.toFixed(1)} MB`);

const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${dbName}`);
const [{ version }] = (await admin.unsafe('select version()')) as unknown as [{ version: string }];
const handle = await createDb({ databaseUrl: url, maxConnections: 2 });
await migrate(handle.db);
await seedReference(handle.db);
const geo = await importGeography(handle.db, geography);
log(`geography: ${geo.districts.read} districts, ${geo.subdistricts.read} subdistricts (${geographySource})`);
const sql = postgres(url, { max: 1, onnotice: () => {} });

// The tables a load writes, and the ones their triggers fill.
const LOADED_TABLES = ['producers', 'registrations', 'products'] as const;
const emptyLoaded = async () => {
  await sql.unsafe('truncate products, registrations, registered_years, producers, registration_counts, product_counts');
  await sql.unsafe('checkpoint');
};
const floorFiles = Object.fromEntries(LOADED_TABLES.map((t) => [t, join(dataDir, `floor-${dbName}-${t}.csv`)])) as Record<(typeof LOADED_TABLES)[number], string>;

function psql(args: string[]): void {
  const r = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql ${args.join(' ')} failed: ${r.stderr}`);
}

/** What the pipeline stored, as CSV, in each table's own column order. */
function dumpStored(): void {
  for (const t of LOADED_TABLES) psql(['-qc', `\\copy ${t} to '${floorFiles[t]}' with (format csv)`]);
}

/** (b): the stored rows copied back into the emptied real tables, in one transaction, triggers on. */
async function floorCopy(): Promise<number> {
  await emptyLoaded();
  const script = LOADED_TABLES.map((t) => `\\copy ${t} from '${floorFiles[t]}' with (format csv)`).join('\n');
  const scriptFile = join(dataDir, `floor-${dbName}.sql`);
  writeFileSync(scriptFile, `${script}\n`);
  const started = performance.now();
  psql(['-q', '-1', '-f', scriptFile]);
  return performance.now() - started;
}

const reset = async () => {
  await sql.unsafe('truncate products, registrations, registered_years, producers, submission_issues, rejected_rows, submissions, registration_counts, product_counts');
  await sql.unsafe('checkpoint');
};

function psqlCopy(): number {
  spawnSync('psql', [url, '-qc', 'drop table if exists bench_bare']);
  spawnSync('psql', [url, '-qc', `create table bench_bare (${GENERATED_HEADERS.map((_, i) => `c${i + 1} text`).join(', ')})`]);
  spawnSync('psql', [url, '-qc', 'checkpoint']);
  const started = performance.now();
  const r = spawnSync('psql', [url, '-qc', `\\copy bench_bare from '${file}' with (format csv, header true)`], { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`psql \\copy failed: ${r.stderr}`);
  return ms;
}

interface RunResult {
  ms: number;
  phases: Record<string, number>;
  status: string;
  rowsRead: number;
  accepted: { total: number; created: number; updated: number; unchanged: number };
  rejected: number;
  maxRssMb: number;
  processMs: number;
}

function pipeline(path = file): RunResult {
  const started = performance.now();
  // The same measuring child as the cost curves: the generated round, judged on a day after it.
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/scale/national-ingest-run.ts'), url, path, '2561-Q1', '2017-12-20T05:00:00Z'], {
    encoding: 'utf8',
    cwd: root,
  });
  const processMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`pipeline run failed: ${r.stderr}`);
  return { ...(JSON.parse(r.stdout.trim().split('\n').pop()!) as Omit<RunResult, 'processMs'>), processMs };
}

const copyMs: number[] = [];
const floorMs: number[] = [];
const fresh: RunResult[] = [];
for (let i = 0; i < runs; i++) {
  copyMs.push(psqlCopy());
  await reset();
  fresh.push(pipeline());
  const last = fresh.at(-1)!;
  if (last.rowsRead !== manifest.rows || last.accepted.created !== manifest.rows) throw new Error('the pipeline did not load every row');
  if (i === 0) dumpStored();
  // Leaves the same rows in place as the pipeline did, for the re-uploads below.
  floorMs.push(await floorCopy());
  log(`run ${i + 1}: \\copy bare ${copyMs.at(-1)!.toFixed(0)} ms; floor ${floorMs.at(-1)!.toFixed(0)} ms; pipeline ${last.ms} ms (${last.status}, ${last.accepted.created} created) ${JSON.stringify(last.phases)}, peak RSS ${last.maxRssMb} MB`);
}
for (const f of Object.values(floorFiles)) rmSync(f, { force: true });
rmSync(join(dataDir, `floor-${dbName}.sql`), { force: true });
// Re-uploads onto the loaded data: the identical file (recognised by SHA-256), and the same rows
// as a different file (one byte more), which is read and validated in full and found unchanged.
const duplicate = pipeline();
const twin = join(dataDir, 'national-twin.csv');
writeFileSync(twin, Buffer.concat([readFileSync(file), Buffer.from('\r\n')]));
const unchanged = pipeline(twin);

await sql.end();
await handle.close();
if (!values.keep) await admin.unsafe(`drop database ${dbName} with (force)`);
await admin.end();

const copy = median(copyMs);
const floor = median(floorMs);
const pipe = median(fresh.map((r) => r.ms));
const proc = median(fresh.map((r) => r.processMs));
const rss = Math.max(...fresh.map((r) => r.maxRssMb));
const phaseNames = Object.keys(fresh[0]!.phases);
const phases = phaseNames.map((p) => `${p} ${median(fresh.map((r) => r.phases[p] ?? 0))} ms`).join(', ');
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${platform()} ${release()}, Node ${process.version}, ${version.split(' on ')[0]}`;
const lines = [
  `### ${new Date().toISOString().slice(0, 10)} — ${manifest.producers.toLocaleString('en-US')} producers, ${manifest.rows.toLocaleString('en-US')} rows, ${sizeMb.toFixed(1)} MB CSV`,
  '',
  `Machine: ${machine}. Geography: ${geographySource}. Median of ${runs} runs, each on emptied tables.`,
  '',
  '| measure | median | goal |',
  '|---|---|---|',
  `| (a) \`psql \\copy\` of the file into a bare 15-column text table | ${copy.toFixed(0)} ms | — |`,
  `| (b) floor: \`psql \\copy\` of the stored rows into the real producers, registrations, products (keys, foreign keys, indexes, triggers), one transaction | ${floor.toFixed(0)} ms | — |`,
  `| (c) pipeline, first load (sniff → parse → normalise → validate → stage → upsert) | ${pipe} ms | ≤ ${(floor * 1.3).toFixed(0)} ms |`,
  `| ratio pipeline / floor | ${(pipe / floor).toFixed(2)} × | ≤ 1.3 × |`,
  `| ratio floor / bare \\copy (what the register's integrity costs the database) | ${(floor / copy).toFixed(2)} × | — |`,
  `| ratio pipeline / bare \\copy (the old goal: ≤ 1.5 ×) | ${(pipe / copy).toFixed(2)} × | — |`,
  `| pipeline process wall time (incl. Node start and module loading) | ${proc.toFixed(0)} ms | — |`,
  `| peak RSS of the pipeline process | ${rss} MB | ≤ 300 MB |`,
  `| re-upload of the identical file (duplicate by SHA-256) | ${duplicate.ms} ms | — |`,
  `| re-upload of the same rows as another file (all ${unchanged.accepted.unchanged.toLocaleString('en-US')} unchanged) | ${unchanged.ms} ms, peak RSS ${unchanged.maxRssMb} MB | — |`,
  '',
  `Pipeline phases (median): ${phases}.`,
  '',
];
process.stdout.write(`${lines.join('\n')}\n`);
reportFigures([
  {
    benchmark: `ingest: ${manifest.producers.toLocaleString('en-US')} producers, ${manifest.rows.toLocaleString('en-US')} rows, first load through the pipeline`,
    figure: formatMs(pipe),
    baseline: `floor: psql \\copy of the stored rows into the real tables ${formatMs(floor)} (bare table ${formatMs(copy)})`,
    ratio: pipe / floor,
    goal: '≤ 1.3 × floor',
    met: pipe / floor <= 1.3,
  },
  { benchmark: 'ingest: peak RSS of the pipeline process', figure: `${rss} MB`, baseline: '—', ratio: null, goal: '≤ 300 MB', met: rss <= 300 },
  {
    benchmark: 'ingest: re-upload of the same rows as another file (all unchanged)',
    figure: formatMs(unchanged.ms),
    baseline: `first load ${formatMs(pipe)}`,
    ratio: unchanged.ms / pipe,
    goal: '—',
    met: null,
  },
]);
// This run's figures replace the previous run's; the analysis written under the section stays.
writeResultsSection('ingest-bench', ['## Ingest (`bench/ingest/ingest-bench.ts`)', '', ...lines].join('\n'));
