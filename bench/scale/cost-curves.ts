// Long file: one script measuring four paths at three sizes and writing their section of
// bench/RESULTS.md; its steps share the run's databases and figures, and a reader follows it top to bottom.
/**
 * Cost curves (issue 7): how the four heavy paths grow with the country's size. At each size
 * (default 10,000, 100,000 and 1,000,000 producers) a scratch database `otop_curves_<size>` gets
 * the national geography and three fiscal years of national registrations (the generator's
 * files for 2559-Q1 and 2560-Q1 loaded through the pipeline, then 2561-Q1 loaded as the measured
 * ingest), and each measure is set against a baseline from the same run:
 *
 *   1. ingest — the last year's national file through ingestSubmission in a child process
 *      (time, peak RSS, phases) vs `psql \copy` of the same file into a bare text table;
 *   2. progress — a real API server process (api/server.ts), GET /api/progress (latest fiscal
 *      year) for province 38 and for the nation, `wrk` with 32 connections for a short window
 *      (latency from wrk's own histogram; server peak RSS from /proc VmHWM) vs the same
 *      aggregate from raw rows timed by psql `\timing` (as bench/api/api-bench.ts);
 *   3. export — the nation's products as `.arrows` through exportDataset in a child process vs
 *      `COPY (<the same SELECT>) TO STDOUT (FORMAT binary)` (as bench/export/export-bench.ts);
 *   4. the national report form with every district, as bench/pdf/pdf-bench.ts builds it.
 *
 * `EXPLAIN (ANALYZE, BUFFERS)` of the queries the progress route, the export and the report
 * form run (captured from Drizzle's logger, so they are the code's own queries), and the
 * auto_explain plans of the measured load's slow statements, are written to
 * bench/scale/plans/<what>-<size>.txt. The figures, the growth between the two largest sizes
 * against the goals (printed through reportFigures too) and the plans' summary go to
 * bench/RESULTS.md between `<!-- cost-curves:start -->` and `<!-- cost-curves:end -->`.
 *
 *   npm run bench:curves -- [--sizes 10000,100000,1000000] [--seconds 8] [--clients 32]
 *                           [--runs 3] [--ingest-runs 3] [--accept-encoding 'gzip, deflate, br'] [--keep]
 *
 * --runs: timed export runs and PDF renders per size (after a warm-up). --ingest-runs: loads of
 * the last year per size up to 100,000 producers, each on a copy of the two-year database
 * (CREATE DATABASE … TEMPLATE); larger sizes load once (minutes each). --keep leaves the
 * databases. Needs PostgreSQL at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres,
 * may create databases), psql and wrk on the PATH. A million producers take several GB of disk.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { createAccount } from '../../api/accounts/create-account.ts';
import { CLI_ACTOR } from '../../api/accounts/account-actor.ts';
import { findSession } from '../../api/auth/session-store.ts';
import type { SessionUser } from '../../api/auth/session-user.ts';
import { datasetCopyQuery } from '../../api/exports/dataset-copy-query.ts';
import { productsDataset } from '../../api/exports/datasets/products-dataset.ts';
import { latestFiscalYear } from '../../api/queries/latest-fiscal-year.ts';
import { progress, type ProgressFilter } from '../../api/queries/progress.ts';
import { progressVersion } from '../../api/queries/progress-version.ts';
import { auditPage } from '../../api/queries/audit-page.ts';
import { districtRoundStatus } from '../../api/queries/district-round-status.ts';
import { producerPage } from '../../api/queries/producer-page.ts';
import { productPage } from '../../api/queries/product-page.ts';
import { provinceRoundStatus } from '../../api/queries/province-round-status.ts';
import { reportFormRows } from '../../api/queries/report-form-rows.ts';
import { submissionPage } from '../../api/queries/submission-page.ts';
import { reportDocument } from '../../api/reports/documents/report-document.ts';
import { createDb, type Db, type DbHandle } from '../../db/create-db.ts';
import * as schema from '../../db/schema/index.ts';
import { generateRegistrations, GENERATED_HEADERS } from '../../pipeline/generate/generate-registrations.ts';
import { formatMs, median, reportFigures, type BenchFigure } from '../bench-figure.ts';
import {
  BASE_URL,
  loadNationalGeography,
  loadNationalRound,
  nationalGeographyFiles,
  planHistoryRounds,
  scratchDatabase,
} from '../support/bench-database.ts';
import { freePort } from '../../testkit/server-process.ts';
import { signInCookie, startApiServer } from '../support/bench-server.ts';
import { rawProgressAggregateMs } from '../support/raw-progress-aggregate.ts';
import { writeResultsSection } from '../support/results-section.ts';
import { runWrk } from '../support/run-wrk.ts';
import { indexAuditSection, indexUse, type IndexUse } from './index-audit.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS = join(ROOT, 'bench', 'RESULTS.md');
const PLANS = join(ROOT, 'bench', 'scale', 'plans');
/** Three fiscal years of history; the last round is the measured ingest. */
const ROUNDS = ['2559-Q1', '2560-Q1', '2561-Q1'] as const;
const LATEST_ROUND = ROUNDS[ROUNDS.length - 1]!;
const LATEST_FY = Number(LATEST_ROUND.slice(0, 4));
/** Sizes up to this load the last year --ingest-runs times (each on a copy of the database); larger ones once. */
const REPEAT_INGEST_UP_TO = 100_000;
const MARKERS = { start: '<!-- cost-curves:start -->', end: '<!-- cost-curves:end -->' };
const DEPARTMENT: SessionUser = { id: 'bench', username: 'bench', role: 'department', provinceCode: null, districtCode: null, displayName: '', mustChangePassword: false };
const REPORT_NOW = new Date('2018-10-05T03:00:00Z');

// ---------------------------------------------------------------------------------------------
// What one size measured

interface IngestResult {
  ms: number[];
  copyMs: number[];
  peakMb: number;
  phases: Record<string, number>;
  /** Heap in use after reading and validating the whole file (the measured load), MB. */
  heapAfterReadMb: number;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}
interface ViewResult {
  view: string;
  p50: number;
  p95: number;
  p99: number;
  reqPerS: number;
  errors: number;
  rawMs: number;
  uncachedMs: number;
}
interface ExportResult {
  copyMs: number[];
  arrowsMs: number[];
  rows: number;
  arrowsBytes: number;
  copyBytes: number;
  arrowsPeakMb: number;
  copyPeakMb: number;
}
interface PdfResult {
  ms: number[];
  dataMs: number[];
  renderMs: number[];
  pages: number;
  peakMb: number;
}
interface PlanSummary {
  group: string;
  label: string;
  executionMs: number;
  top: string;
  scans: string[];
  notes: string[];
  buffers: string;
}
interface SizeResult {
  producers: number;
  setupSeconds: number;
  totalSeconds: number;
  data: { registrations: number; products: number; productsLatest: number; databaseMb: number; csvMb: number };
  ingest: IngestResult;
  views: ViewResult[];
  serverPeakMb: number;
  exported: ExportResult;
  pdf: PdfResult;
  plans: PlanSummary[];
  indexes: IndexUse[];
}

// ---------------------------------------------------------------------------------------------
// Small tools

const log = (s: string) => console.log(`[curves ${new Date().toISOString().slice(11, 19)}] ${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (x: number) => `${x.toFixed(0)} MB`;
const n = (x: number) => x.toLocaleString('en-US');
const sizeLabel = (p: number) => (p >= 1_000_000 && p % 1_000_000 === 0 ? `${p / 1_000_000}M` : p >= 1000 && p % 1000 === 0 ? `${p / 1000}k` : String(p));

function databaseUrl(name: string): string {
  const u = new URL(BASE_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(BASE_URL, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

async function dropDatabase(name: string): Promise<void> {
  await admin((sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
}

/** A child script's last stdout line as JSON; a shared server restarting (another suite's fault tests) is waited out. */
function childJson<T>(script: string, args: string[], options: { retry?: boolean; env?: NodeJS.ProcessEnv } = {}): T {
  for (let attempt = 1; ; attempt++) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], {
      encoding: 'utf8',
      cwd: ROOT,
      maxBuffer: 1 << 26,
      env: options.env ?? process.env,
    });
    if (r.status === 0) return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
    if (options.retry && attempt < 6 && /57P03|57P01|ECONNREFUSED|ECONNRESET|CONNECTION_CLOSED/.test(r.stderr)) {
      spawnSync('sleep', ['10']);
      continue;
    }
    throw new Error(`${script} ${args.join(' ')} failed (${r.status}):\n${r.stderr.slice(-4000)}`);
  }
}

function psql(url: string, ...commands: string[]): string {
  const r = spawnSync('psql', [url, '-qAtX', '-v', 'ON_ERROR_STOP=1', ...commands.flatMap((c) => ['-c', c])], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return r.stdout;
}

// ---------------------------------------------------------------------------------------------
// 1. ingest

/** `psql \copy` of the file into a bare text table in the same database, timed around psql (as bench/ingest). */
function psqlCopyMs(url: string, file: string): number {
  psql(url, 'drop table if exists curves_bare', `create table curves_bare (${GENERATED_HEADERS.map((_, i) => `c${i + 1} text`).join(', ')})`, 'checkpoint');
  const started = performance.now();
  psql(url, `\\copy curves_bare from '${file}' with (format csv, header true)`);
  const ms = performance.now() - started;
  psql(url, 'drop table curves_bare');
  return ms;
}

interface IngestRun {
  ms: number;
  phases: Record<string, number>;
  memory: Record<string, { heapMb: number; rssMb: number }>;
  status: string;
  rowsRead: number;
  accepted: { total: number; created: number; updated: number; unchanged: number };
  rejected: number;
  maxRssMb: number;
}

/** Statements of a measured load at least this long have their (estimated) plans recorded. */
const INGEST_PLAN_MIN_MS = 50;

function ingestOnce(url: string, file: string, now: string, plansFile?: string): IngestRun {
  const run = childJson<IngestRun>('bench/scale/national-ingest-run.ts', [url, file, LATEST_ROUND, now, ...(plansFile ? [plansFile, String(INGEST_PLAN_MIN_MS)] : [])]);
  if (run.status !== 'loaded') throw new Error(`the measured load ended ${run.status}: ${JSON.stringify(run)}`);
  return run;
}

/** A copy of a database (its files, statistics included), for one more first load of the last year. */
async function cloneDatabase(from: string, to: string): Promise<void> {
  await dropDatabase(to);
  for (let attempt = 1; ; attempt++) {
    try {
      await admin((sql) => sql.unsafe(`create database ${to} template ${from} strategy file_copy`));
      return;
    } catch (err) {
      // An autovacuum worker may be connected to the source for a moment.
      if (attempt >= 10 || !/being accessed by other users/.test(String(err))) throw err;
      await sleep(2000);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 2. progress

/** Peak resident set of a running process (Linux VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

const VIEWS = [
  { name: 'province 38', user: 'curves-province', role: 'province', scope: '38', where: `and t.province_code = '38'`, filter: { provinceCode: '38' } },
  { name: 'nation', user: 'curves-department', role: 'department', scope: '', where: '', filter: {} },
] as const;

async function measureProgress(
  handle: DbHandle & { url: string },
  opts: { clients: number; seconds: number; acceptEncoding: string },
): Promise<{ views: ViewResult[]; serverPeakMb: number; cookies: string[] }> {
  for (const v of VIEWS) {
    await createAccount(handle.db, { username: v.user, role: v.role, scope: v.scope, password: `${v.user}-password` }, { actor: CLI_ACTOR, now: new Date(), activationTtlDays: 14 });
  }
  const port = await freePort();
  const server = await startApiServer(handle.url, port);
  const base = `http://127.0.0.1:${port}`;
  const views: ViewResult[] = [];
  const cookies: string[] = [];
  let serverPeakMb = Number.NaN;
  try {
    for (const v of VIEWS) {
      const cookie = await signInCookie(base, v.user, `${v.user}-password`);
      cookies.push(cookie);
      const url = `${base}/api/progress`; // no fy: the latest fiscal year the plan has begun
      for (let i = 0; i < 20; i++) {
        const res = await fetch(url, { headers: { cookie } });
        const body = (await res.json()) as { fiscalYear?: number };
        if (res.status !== 200 || body.fiscalYear !== LATEST_FY) throw new Error(`warm-up: ${res.status}, fiscal year ${body.fiscalYear}`);
      }
      const w = await runWrk(url, { cookie, clients: opts.clients, seconds: opts.seconds, acceptEncoding: opts.acceptEncoding });
      const rawMs = await rawProgressAggregateMs(handle.url, LATEST_FY, v.where);
      const uncached: number[] = [];
      const filter: ProgressFilter = { fiscalYear: LATEST_FY, ...v.filter };
      for (let i = 0; i < 6; i++) {
        const t = performance.now();
        await progress(handle.db, filter);
        if (i > 0) uncached.push(performance.now() - t);
      }
      const r: ViewResult = {
        view: v.name,
        p50: w.p50 / 1000,
        p95: w.p95 / 1000,
        p99: w.p99 / 1000,
        reqPerS: w.requests / (w.durationUs / 1e6),
        errors: w.non2xx + w.socketErrors,
        rawMs,
        uncachedMs: median(uncached),
      };
      log(`progress ${v.name}: ${n(w.requests)} requests, ${r.reqPerS.toFixed(0)} req/s, p50 ${formatMs(r.p50)}, p95 ${formatMs(r.p95)}, p99 ${formatMs(r.p99)}, errors ${r.errors}; raw aggregate ${formatMs(rawMs)}; uncached progress() ${formatMs(r.uncachedMs)}`);
      views.push(r);
    }
    serverPeakMb = peakRssMb(server.pid!);
  } finally {
    server.kill('SIGTERM');
  }
  return { views, serverPeakMb, cookies };
}

// ---------------------------------------------------------------------------------------------
// 3. export, 4. PDF

function measureExport(url: string, runs: number): ExportResult {
  type Run = { ms: number; rows: number; bytes: number };
  const timed = childJson<{ copy: Run[]; arrows: Run[] }>('bench/scale/export-run.ts', [url, 'timing', String(runs)], { retry: true });
  const memory = (mode: 'copy' | 'arrows') => childJson<Run & { peakMb: number }>('bench/scale/export-run.ts', [url, 'memory', mode], { retry: true });
  const copyMemory = memory('copy');
  const arrowsMemory = memory('arrows');
  if (timed.arrows[0]!.rows !== timed.copy[0]!.rows) throw new Error(`export rows ${timed.arrows[0]!.rows} ≠ ${timed.copy[0]!.rows}`);
  return {
    copyMs: timed.copy.map((r) => r.ms),
    arrowsMs: timed.arrows.map((r) => r.ms),
    rows: timed.arrows[0]!.rows,
    arrowsBytes: timed.arrows[0]!.bytes,
    copyBytes: timed.copy[0]!.bytes,
    arrowsPeakMb: arrowsMemory.peakMb,
    copyPeakMb: copyMemory.peakMb,
  };
}

function measurePdf(url: string, runs: number): PdfResult {
  const r = childJson<{ runs: { total: number; data: number; render: number }[]; pages: number; peakMb: number }>(
    'bench/scale/pdf-run.ts',
    [url, String(LATEST_FY), String(runs)],
    { retry: true },
  );
  return { ms: r.runs.map((x) => x.total), dataMs: r.runs.map((x) => x.data), renderMs: r.runs.map((x) => x.render), pages: r.pages, peakMb: r.peakMb };
}

// ---------------------------------------------------------------------------------------------
// Query plans

interface Captured {
  group: string;
  call: string;
  text: string;
  params: unknown[];
}

/** Runs `fn` on a Drizzle handle whose logger records every query (text and parameters) it sends. */
async function captureQueries(url: string, group: string, calls: [string, (db: Db) => Promise<unknown>][]): Promise<Captured[]> {
  const client = postgres(url, { max: 4, onnotice: () => {} });
  const captured: Captured[] = [];
  let call = '';
  const db = drizzle(client, { schema, logger: { logQuery: (text, params) => void captured.push({ group, call, text, params }) } }) as unknown as Db;
  try {
    for (const [name, fn] of calls) {
      call = name;
      await fn(db);
    }
  } finally {
    await client.end();
  }
  const seen = new Set<string>();
  return captured.filter((c) => {
    const key = `${c.text}\u0000${JSON.stringify(c.params)}`;
    if (seen.has(key) || !/^\s*(select|with)\b/i.test(c.text)) return false;
    seen.add(key);
    return true;
  });
}

function summarisePlan(group: string, label: string, lines: string[]): PlanSummary {
  const text = lines.join('\n');
  const scans = [
    ...new Set(
      [
        ...text.matchAll(
          /((?:Parallel )?(?:Seq Scan|Index Only Scan|Bitmap Index Scan|Index Scan|Bitmap Heap Scan|Function Scan|CTE Scan|Named Tuplestore Scan))(?: using \S+)? on (\S+)[^\n]*?\(cost=[\d.]+\.\.[\d.]+ rows=(\d+) width=\d+\)(?: \(actual (?:time=[\d.]+\.\.[\d.]+ )?rows=(\d+) loops=(\d+)\))?/g,
        ),
      ].map((m) => (m[4] === undefined ? `${m[1]} on ${m[2]} (est. ${n(Number(m[3]))} rows)` : `${m[1]} on ${m[2]} (${n(Number(m[4]) * Number(m[5]))} rows)`)),
    ),
  ];
  const notes = [
    ...new Set([
      ...[...text.matchAll(/Sort Method: ([^\n]+)/g)].map((m) => `sort: ${m[1]!.trim()}`),
      ...[...text.matchAll(/(HashAggregate|GroupAggregate|Hash Join|Merge Join|Nested Loop|Gather Merge|Gather)\b/g)].map((m) => m[1]!),
      ...(/Disk Usage|external merge|temp read|temp written/.test(text) ? ['spills to disk (temp buffers)'] : []),
    ]),
  ];
  const buffers = /Buffers: ([^\n]+)/.exec(text)?.[1]?.trim() ?? '';
  const top = (lines[0] ?? '').replace(/\s+\(cost=.*$/, '').trim();
  return {
    group,
    label,
    executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? Number.NaN),
    top,
    scans,
    notes: notes.filter((x) => !top.startsWith(x)),
    buffers,
  };
}

/** The tables a query reads, in order of appearance: its label in the plan files and the summary. */
const tablesOf = (text: string) => [...new Set([...text.matchAll(/\b(?:from|join)\s+"?([a-z_]+)"?/gi)].map((m) => m[1]!).filter((t) => t !== 'lateral' && t.length > 2))].join(', ') || '?';

/** EXPLAIN (ANALYZE, BUFFERS) of each captured query; the plans as text (one file per group), summarised. */
async function explainAll(url: string, producers: number, groups: Map<string, Captured[]>, exportSql: { select: string; params: Record<string, string> }): Promise<PlanSummary[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const summaries: PlanSummary[] = [];
  mkdirSync(PLANS, { recursive: true });
  try {
    for (const [group, queries] of groups) {
      const out: string[] = [`-- ${group}: EXPLAIN (ANALYZE, BUFFERS), ${n(producers)} producers × ${ROUNDS.join(', ')}, written by bench/scale/cost-curves.ts`, ''];
      const used = new Map<string, number>();
      for (const q of queries) {
        const base = `${q.call} · ${tablesOf(q.text)}`;
        const k = (used.get(base) ?? 0) + 1;
        used.set(base, k);
        const label = k === 1 ? base : `${base} #${k}`;
        const rows = (await sql.unsafe(`explain (analyze, buffers) ${q.text}`, q.params as postgres.ParameterOrJSON<never>[])) as unknown as Record<string, string>[];
        const lines = rows.map((r) => r['QUERY PLAN']!);
        summaries.push(summarisePlan(group, label, lines));
        out.push(`-- ${label}`, `-- ${q.text.replace(/\s+/g, ' ').trim()}`, `-- params: ${JSON.stringify(q.params)}`, ...lines, '');
      }
      writeFileSync(join(PLANS, `${group}-${producers}.txt`), out.join('\n'));
    }
    // The export's SELECT, in a read-only transaction with its parameters set as the export sets them.
    const lines = (await sql.begin('isolation level repeatable read read only', async (tx) => {
      const entries = Object.entries(exportSql.params);
      if (entries.length > 0) {
        await tx.unsafe(`select ${entries.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`, entries.flatMap(([k, v]) => [`otop_export.${k}`, v]));
      }
      const rows = (await tx.unsafe(`explain (analyze, buffers) ${exportSql.select}`)) as unknown as Record<string, string>[];
      return rows.map((r) => r['QUERY PLAN']!);
    })) as string[];
    summaries.push(summarisePlan('export', 'products, nation, .arrows / COPY', lines));
    writeFileSync(
      join(PLANS, `export-${producers}.txt`),
      [`-- export: EXPLAIN (ANALYZE, BUFFERS), ${n(producers)} producers × ${ROUNDS.join(', ')}, written by bench/scale/cost-curves.ts`, `-- ${exportSql.select}`, ...lines, ''].join('\n'),
    );
  } finally {
    await sql.end();
  }
  return summaries;
}

/**
 * The measured load's slow statements as auto_explain reported them (see national-ingest-run.ts):
 * written to bench/scale/plans/ingest-<size>.txt and summarised (duration, estimated plan).
 */
function ingestPlanSummaries(producers: number, file: string): PlanSummary[] {
  if (!existsSync(file)) return [];
  const { note, plans } = JSON.parse(readFileSync(file, 'utf8')) as { note: string; minMs: number; plans: string[] };
  const out = [
    `-- ingest: statements of the measured ${LATEST_ROUND} load taking ≥ ${INGEST_PLAN_MIN_MS} ms, as auto_explain reported them (estimated plans, no ANALYZE), ` +
      `${n(producers)} producers × ${ROUNDS.join(', ')}, written by bench/scale/cost-curves.ts${note ? `; ${note}` : ''}`,
    '',
  ];
  const summaries: PlanSummary[] = [];
  const used = new Map<string, number>();
  for (const message of plans) {
    const lines = message.split('\n');
    const durationMs = Number(/^duration: ([\d.]+) ms/.exec(lines[0] ?? '')?.[1] ?? Number.NaN);
    const planAt = lines.findIndex((l, i) => i > 0 && /^\S.*\(cost=/.test(l));
    const queryText = lines.slice(1, planAt < 0 ? undefined : planAt).join(' ').replace(/^\s*Query Text:\s*/, '').replace(/\s+/g, ' ').trim();
    const planLines = planAt < 0 ? [] : lines.slice(planAt);
    const base = `${queryText.split(' ').slice(0, 3).join(' ').toLowerCase()} · ${tablesOf(queryText)}`;
    const k = (used.get(base) ?? 0) + 1;
    used.set(base, k);
    const label = k === 1 ? base : `${base} #${k}`;
    summaries.push({ ...summarisePlan('ingest', label, planLines), executionMs: durationMs });
    out.push(`-- ${label}: ${durationMs.toFixed(1)} ms`, `-- ${queryText}`, ...planLines, '');
  }
  mkdirSync(PLANS, { recursive: true });
  writeFileSync(join(PLANS, `ingest-${producers}.txt`), out.join('\n'));
  return summaries;
}

async function capturePlans(handle: DbHandle & { url: string }, producers: number, cookies: string[]): Promise<PlanSummary[]> {
  const now = new Date();
  const tokens = cookies.map((c) => decodeURIComponent(c.slice(c.indexOf('=') + 1)));
  const groups = new Map<string, Captured[]>();
  // Every request: session, latest year (no fy given), the scope's version; a cache miss adds progress().
  groups.set(
    'progress',
    await captureQueries(handle.url, 'progress', [
      ['findSession', (db) => findSession(db, tokens[0]!, now)],
      ['latestFiscalYear', (db) => latestFiscalYear(db, now)],
      ['progressVersion 38', (db) => progressVersion(db, '38')],
      ['progressVersion nation', (db) => progressVersion(db, null)],
      ['progress province 38', (db) => progress(db, { fiscalYear: LATEST_FY, provinceCode: '38' }, now)],
      ['progress nation', (db) => progress(db, { fiscalYear: LATEST_FY }, now)],
    ]),
  );
  groups.set(
    'pdf',
    await captureQueries(handle.url, 'pdf', [
      ['report form, every district', (db) => reportDocument(db, 'report-form', { fiscalYear: LATEST_FY, detail: 'district' }, DEPARTMENT, REPORT_NOW)],
    ]),
  );
  // The pages a district or province officer opens: lists, round status, report form rows.
  const first = { limit: 50, offset: 0 };
  groups.set(
    'pages',
    await captureQueries(handle.url, 'pages', [
      ['producerPage district', (db) => producerPage(db, { districtCode: '3801', fiscalYear: LATEST_FY }, { by: 'name', order: 'asc' }, first)],
      ['producerPage province', (db) => producerPage(db, { provinceCode: '38', fiscalYear: LATEST_FY }, { by: 'updatedAt', order: 'desc' }, first)],
      ['productPage district', (db) => productPage(db, { districtCode: '3801', fiscalYear: LATEST_FY }, { by: 'name', order: 'asc' }, first)],
      ['productPage province', (db) => productPage(db, { provinceCode: '38', fiscalYear: LATEST_FY }, { by: 'category', order: 'asc' }, first)],
      ['submissionPage district', (db) => submissionPage(db, { districtCode: '3801' }, first)],
      ['auditPage province', (db) => auditPage(db, { view: 'workflow', provinceCode: '38' }, first)],
      ['reportFormRows district', (db) => reportFormRows(db, { districtCode: '3801', fiscalYear: LATEST_FY, quarter: 1 })],
      ['districtRoundStatus', (db) => districtRoundStatus(db, LATEST_ROUND, '3801')],
      ['provinceRoundStatus', (db) => provinceRoundStatus(db, LATEST_ROUND, '38')],
    ]),
  );
  const q = datasetCopyQuery(productsDataset, productsDataset.columns({ citizenIds: 'masked' }), {});
  return explainAll(handle.url, producers, groups, { select: `${q.select} order by ${q.key}`, params: q.params });
}

// ---------------------------------------------------------------------------------------------
// One size

interface Options {
  clients: number;
  seconds: number;
  runs: number;
  ingestRuns: number;
  acceptEncoding: string;
  keep: boolean;
}

async function measureSize(producers: number, tmp: string, opts: Options): Promise<SizeResult> {
  const started = performance.now();
  const name = `otop_curves_${producers}`;
  const url = databaseUrl(name);
  let handle: (DbHandle & { url: string }) | null = await scratchDatabase(name);
  try {
    // Two fiscal years of history through the pipeline, then statistics as autovacuum would leave them.
    const geography = await loadNationalGeography(handle);
    await planHistoryRounds(handle, ROUNDS);
    for (const round of ROUNDS.slice(0, -1)) {
      const t = performance.now();
      const report = await loadNationalRound(handle, producers, round, tmp);
      if (report.status !== 'loaded') throw new Error(`history ${round}: ${report.status}`);
      log(`${sizeLabel(producers)}: ${round} loaded (${n(report.rowsRead)} rows, ${geography} geography) in ${formatMs(performance.now() - t)}`);
    }
    const adminSql = handle.db.$client as postgres.Sql;
    await adminSql`vacuum analyze`;
    const [{ end_date: step1End }] = (await adminSql`select end_date::text from plan_windows where round_code = ${LATEST_ROUND} and step = 1`) as unknown as [{ end_date: string }];
    const judgedAt = `${step1End}T05:00:00Z`;

    // The measured file: the last fiscal year's, generated once.
    const file = join(tmp, `national-${producers}-${LATEST_ROUND}.csv`);
    const manifest = await generateRegistrations(file, { producers, geography: nationalGeographyFiles().files, round: LATEST_ROUND, seed: 2561 });
    const csvMb = statSync(file).size / 2 ** 20;
    const setupSeconds = (performance.now() - started) / 1000;
    log(`${sizeLabel(producers)}: set up in ${setupSeconds.toFixed(0)} s; measured file ${n(manifest.rows)} rows, ${csvMb.toFixed(1)} MB`);

    // 1. ingest
    const copyMs = [0, 1, 2].map(() => psqlCopyMs(url, file));
    const loads: IngestRun[] = [];
    const runs = producers <= REPEAT_INGEST_UP_TO ? Math.max(1, opts.ingestRuns) : 1;
    await handle.close();
    handle = null;
    for (let i = 1; i < runs; i++) {
      const copyName = `${name}_load`;
      await cloneDatabase(name, copyName);
      try {
        loads.push(ingestOnce(databaseUrl(copyName), file, judgedAt));
      } finally {
        await dropDatabase(copyName);
      }
    }
    // The last load stays (the database now holds three years), its slow statements' plans recorded.
    const ingestPlansFile = join(tmp, `ingest-plans-${producers}.json`);
    loads.push(ingestOnce(url, file, judgedAt, ingestPlansFile));
    rmSync(file, { force: true });
    const ingestPlans = ingestPlanSummaries(producers, ingestPlansFile);
    for (const l of loads) {
      if (l.rowsRead !== manifest.rows || l.accepted.total !== manifest.rows) throw new Error(`the pipeline did not load every row: ${JSON.stringify(l)}`);
    }
    const phaseNames = Object.keys(loads[0]!.phases);
    const ingest: IngestResult = {
      ms: loads.map((l) => l.ms),
      copyMs,
      peakMb: Math.max(...loads.map((l) => l.maxRssMb)),
      phases: Object.fromEntries(phaseNames.map((p) => [p, median(loads.map((l) => l.phases[p] ?? 0))])),
      heapAfterReadMb: loads.at(-1)!.memory['read-validate-stage']?.heapMb ?? Number.NaN,
      rows: manifest.rows,
      created: loads.at(-1)!.accepted.created,
      updated: loads.at(-1)!.accepted.updated,
      unchanged: loads.at(-1)!.accepted.unchanged,
      rejected: loads.at(-1)!.rejected,
    };
    log(`${sizeLabel(producers)}: ingest ${loads.map((l) => formatMs(l.ms)).join(', ')} (peak RSS ${mb(ingest.peakMb)}; ${JSON.stringify(ingest.phases)}); \\copy ${copyMs.map((m) => formatMs(m)).join(', ')}`);

    handle = { ...(await createDb({ databaseUrl: url, maxConnections: 8 })), url };
    const sql = handle.db.$client as postgres.Sql;
    await sql`vacuum analyze`;
    const [counts] = (await sql`
      select (select count(*)::int from registrations) as registrations, (select count(*)::int from products) as products,
             (select count(*)::int from products where round_code = ${LATEST_ROUND}) as latest,
             pg_database_size(current_database())::float8 / 1048576 as mb`) as unknown as [{ registrations: number; products: number; latest: number; mb: number }];

    // 2. progress
    const progressResult = await measureProgress(handle, opts);
    // 3. export
    const exported = measureExport(url, opts.runs);
    log(`${sizeLabel(producers)}: export ${n(exported.rows)} rows: .arrows ${exported.arrowsMs.map((m) => formatMs(m)).join(', ')} (peak ${mb(exported.arrowsPeakMb)}); COPY ${exported.copyMs.map((m) => formatMs(m)).join(', ')} (peak ${mb(exported.copyPeakMb)})`);
    // 4. PDF
    const pdf = measurePdf(url, opts.runs);
    log(`${sizeLabel(producers)}: national report form ${pdf.ms.map((m) => formatMs(m)).join(', ')} (${pdf.pages} pages, peak ${mb(pdf.peakMb)})`);
    // Plans, after the measurements (a warm cache, as in steady state).
    const plans = await capturePlans(handle, producers, progressResult.cookies);
    const indexes = await indexUse(url, producers);

    return {
      producers,
      setupSeconds,
      totalSeconds: (performance.now() - started) / 1000,
      data: { registrations: counts.registrations, products: counts.products, productsLatest: counts.latest, databaseMb: counts.mb, csvMb },
      ingest,
      views: progressResult.views,
      serverPeakMb: progressResult.serverPeakMb,
      exported,
      pdf,
      plans: [...ingestPlans, ...plans],
      indexes,
    };
  } finally {
    if (handle) await handle.close();
    if (!opts.keep) await dropDatabase(name);
  }
}

// ---------------------------------------------------------------------------------------------
// Report

interface Measure {
  key: string;
  name: string;
  time: (r: SizeResult) => number;
  timeText: (r: SizeResult) => string;
  baseline: (r: SizeResult) => number | null;
  baselineText: (r: SizeResult) => string;
  peakMb: (r: SizeResult) => number;
  peakNote: string;
  /** Goal on the time growth between the two largest sizes, as a multiple of the size factor (null: none) or absolute. */
  timeGoal: ((factor: number) => { limit: number; text: string }) | null;
}

const view = (r: SizeResult, name: string) => r.views.find((v) => v.view === name)!;

const MEASURES: Measure[] = [
  {
    key: 'ingest',
    name: `ingest: ${LATEST_ROUND} national file through ingestSubmission`,
    time: (r) => median(r.ingest.ms),
    timeText: (r) => `${formatMs(median(r.ingest.ms))}${r.ingest.ms.length > 1 ? ` (median of ${r.ingest.ms.length})` : ''}`,
    baseline: (r) => median(r.ingest.copyMs),
    baselineText: (r) => `\`psql \\copy\` ${formatMs(median(r.ingest.copyMs))}`,
    peakMb: (r) => r.ingest.peakMb,
    peakNote: 'loading process',
    timeGoal: (f) => ({ limit: 1.2 * f, text: `≤ ${(1.2 * f).toFixed(0)} ×` }),
  },
  ...(['province 38', 'nation'] as const).map(
    (v): Measure => ({
      key: `progress-${v}`,
      name: `progress route, ${v}, ${'{clients}'} clients`,
      time: (r) => view(r, v).p95,
      timeText: (r) => {
        const x = view(r, v);
        return `p95 ${formatMs(x.p95)} (p50 ${formatMs(x.p50)}, p99 ${formatMs(x.p99)}, ${x.reqPerS.toFixed(0)} req/s${x.errors ? `, ${x.errors} errors` : ''})`;
      },
      baseline: (r) => view(r, v).rawMs,
      baselineText: (r) => `raw-row aggregate in psql ${formatMs(view(r, v).rawMs)}`,
      peakMb: (r) => r.serverPeakMb,
      peakNote: 'API server (both views)',
      timeGoal: () => ({ limit: 2, text: '≤ 2 ×' }),
    }),
  ),
  {
    key: 'export',
    name: 'export: products, nation, `.arrows`',
    time: (r) => median(r.exported.arrowsMs),
    timeText: (r) => `${formatMs(median(r.exported.arrowsMs))} (${n(r.exported.rows)} rows)`,
    baseline: (r) => median(r.exported.copyMs),
    baselineText: (r) => `COPY binary ${formatMs(median(r.exported.copyMs))} (peak ${mb(r.exported.copyPeakMb)})`,
    peakMb: (r) => r.exported.arrowsPeakMb,
    peakNote: 'exporting process',
    timeGoal: (f) => ({ limit: 1.2 * f, text: `≤ ${(1.2 * f).toFixed(0)} ×` }),
  },
  {
    key: 'pdf',
    name: 'PDF: national report form, every district',
    time: (r) => median(r.pdf.ms),
    timeText: (r) => `${formatMs(median(r.pdf.ms))} (${r.pdf.pages} pages)`,
    baseline: () => null,
    baselineText: (r) => `data ${formatMs(median(r.pdf.dataMs))} + render ${formatMs(median(r.pdf.renderMs))}`,
    peakMb: (r) => r.pdf.peakMb,
    peakNote: 'rendering process',
    timeGoal: null,
  },
];

interface Growth {
  measure: Measure;
  time: number;
  baseline: number | null;
  memory: number;
  timeGoal: { limit: number; text: string } | null;
  timeMet: boolean | null;
  memoryMet: boolean;
}

function growthOf(small: SizeResult, large: SizeResult): Growth[] {
  const factor = large.producers / small.producers;
  return MEASURES.map((m) => {
    const time = m.time(large) / m.time(small);
    const b0 = m.baseline(small);
    const b1 = m.baseline(large);
    const memory = m.peakMb(large) / m.peakMb(small);
    const timeGoal = m.timeGoal ? m.timeGoal(factor) : null;
    return {
      measure: m,
      time,
      baseline: b0 !== null && b1 !== null ? b1 / b0 : null,
      memory,
      timeGoal,
      timeMet: timeGoal ? time <= timeGoal.limit : null,
      memoryMet: memory <= 1.5,
    };
  });
}

function growthFigures(small: SizeResult, large: SizeResult, growth: Growth[], clients: number): BenchFigure[] {
  const span = `${n(small.producers)} → ${n(large.producers)} producers`;
  const figures: BenchFigure[] = [];
  for (const g of growth) {
    const name = g.measure.name.replace('{clients}', String(clients));
    figures.push({
      benchmark: `curves: ${name}, time, ${span}`,
      figure: `${sizeLabel(large.producers)}: ${g.measure.timeText(large)}`,
      baseline: `${sizeLabel(small.producers)}: ${g.measure.timeText(small)}${g.baseline !== null ? `; baseline grew ${g.baseline.toFixed(2)} ×` : ''}`,
      ratio: g.time,
      goal: g.timeGoal?.text ?? '—',
      met: g.timeMet,
    });
  }
  const peaks = new Set<string>();
  for (const g of growth) {
    if (peaks.has(g.measure.peakNote)) continue; // the API server's peak covers both views
    peaks.add(g.measure.peakNote);
    figures.push({
      benchmark: `curves: peak RSS, ${g.measure.peakNote}, ${span}`,
      figure: `${sizeLabel(large.producers)}: ${mb(g.measure.peakMb(large))}`,
      baseline: `${sizeLabel(small.producers)}: ${mb(g.measure.peakMb(small))}`,
      ratio: g.memory,
      goal: '≤ 1.5 ×',
      met: g.memoryMet,
    });
  }
  return figures;
}

function figuresTable(results: SizeResult[], clients: number): string[] {
  const lines = ['| measure | producers | time | baseline | ratio | peak RSS |', '|---|---:|---|---|---:|---:|'];
  for (const m of MEASURES) {
    for (const r of results) {
      const b = m.baseline(r);
      lines.push(
        `| ${m.name.replace('{clients}', String(clients))} | ${n(r.producers)} | ${m.timeText(r)} | ${m.baselineText(r)} | ${b === null ? '—' : `${(m.time(r) / b).toFixed(2)} ×`} | ${mb(m.peakMb(r))} (${m.peakNote}) |`,
      );
    }
  }
  return lines;
}

function planSection(results: SizeResult[]): string[] {
  const out: string[] = [];
  const groups = [
    { group: 'ingest', title: `Ingest: statements of the measured load taking ≥ ${INGEST_PLAN_MIN_MS} ms (auto_explain: duration and estimated plan, trigger statements included)` },
    { group: 'progress', title: 'Progress route (per request: session, latest year, version; on a cache miss: `progress()`)' },
    { group: 'export', title: 'Export SELECT (the `.arrows` export and its COPY baseline run the same one)' },
    { group: 'pdf', title: 'National report form data' },
    { group: 'pages', title: 'Pages a district or province officer opens (lists, round status, report form rows)' },
  ];
  for (const { group, title } of groups) {
    out.push(
      group === 'ingest'
        ? `**${title}** — duration per size (files \`bench/scale/plans/ingest-<size>.txt\`):`
        : `**${title}** — execution time per size (\`EXPLAIN (ANALYZE, BUFFERS)\`, warm cache; files \`bench/scale/plans/${group}-<size>.txt\`):`,
      '',
    );
    const labels = [...new Set(results.flatMap((r) => r.plans.filter((p) => p.group === group).map((p) => p.label)))];
    out.push(`| query | ${results.map((r) => sizeLabel(r.producers)).join(' | ')} | plan at ${sizeLabel(results.at(-1)!.producers)} |`, `|---|${results.map(() => '---:').join('|')}|---|`);
    for (const label of labels) {
      const at = results.map((r) => r.plans.filter((p) => p.group === group && p.label === label));
      const cell = (ps: PlanSummary[]) => (ps.length === 0 ? '—' : formatMs(ps.reduce((s, p) => s + p.executionMs, 0)));
      const last = at.at(-1)![0];
      // The top node, unless it is one of the scans listed (with their rows) anyway.
      const planText = last ? [...(/Scan\b/.test(last.top) ? [] : [last.top]), ...last.scans, ...last.notes].join('; ').replace(/\|/g, '\\|') : '—';
      out.push(`| ${label.replace(/\|/g, '\\|')}${at.at(-1)!.length > 1 ? ` (×${at.at(-1)!.length})` : ''} | ${at.map(cell).join(' | ')} | ${planText}${last?.buffers ? `; buffers ${last.buffers}` : ''} |`);
    }
    out.push('');
  }
  return out;
}

/** What grew faster than the data, read off this run's figures (and why, where the mechanism is known). */
function observations(results: SizeResult[], growth: Growth[], small: SizeResult, large: SizeResult): string[] {
  const factor = large.producers / small.producers;
  const out: string[] = [];
  const ingest = growth.find((g) => g.measure.key === 'ingest')!;
  const phaseGrowth = Object.keys(large.ingest.phases)
    .filter((p) => (small.ingest.phases[p] ?? 0) > 0)
    .map((p) => `${p} ${formatMs(small.ingest.phases[p]!)} → ${formatMs(large.ingest.phases[p]!)} (${(large.ingest.phases[p]! / small.ingest.phases[p]!).toFixed(1)} ×)`);
  out.push(
    `- **Ingest** time grew ${ingest.time.toFixed(1)} × for ${factor} × the data (\`\\copy\` of the same file ${ingest.baseline!.toFixed(1)} ×); ` +
      `by phase (median): ${phaseGrowth.join(', ')}. ` +
      `Per row: ${results.map((r) => `${sizeLabel(r.producers)} ${((median(r.ingest.ms) * 1000) / r.ingest.rows).toFixed(1)} µs`).join(', ')}.`,
  );
  const exp = growth.find((g) => g.measure.key === 'export')!;
  out.push(
    `- **Export** time grew ${exp.time.toFixed(1)} × (COPY ${exp.baseline!.toFixed(1)} ×) for ${(large.exported.rows / small.exported.rows).toFixed(1)} × the rows; ` +
      `per million rows: ${results.map((r) => `${sizeLabel(r.producers)} ${formatMs((median(r.exported.arrowsMs) * 1e6) / r.exported.rows)}`).join(', ')}.`,
  );
  for (const v of ['province 38', 'nation']) {
    const g = growth.find((x) => x.measure.key === `progress-${v}`)!;
    out.push(
      `- **Progress, ${v}**: p95 ${g.time.toFixed(2)} × while the raw-row aggregate grew ${g.baseline!.toFixed(1)} ×; an uncached \`progress()\` took ` +
        `${results.map((r) => `${formatMs(view(r, v).uncachedMs)} at ${sizeLabel(r.producers)}`).join(', ')}.`,
    );
  }
  const pdf = growth.find((g) => g.measure.key === 'pdf')!;
  out.push(`- **PDF** national form: time ${pdf.time.toFixed(2)} ×, data part ${results.map((r) => formatMs(median(r.pdf.dataMs))).join(' → ')}, render ${results.map((r) => formatMs(median(r.pdf.renderMs))).join(' → ')}.`);
  out.push(
    `- **Peak memory** growth: ${[...new Map(growth.map((g) => [g.measure.peakNote, g])).values()].map((g) => `${g.measure.peakNote} ${mb(g.measure.peakMb(small))} → ${mb(g.measure.peakMb(large))} (${g.memory.toFixed(2)} ×)`).join('; ')}.`,
  );
  // The load's statements that grew most (auto_explain durations of the measured loads).
  const statements = large.plans
    .filter((p) => p.group === 'ingest')
    .map((p) => ({ p, before: small.plans.find((q) => q.group === 'ingest' && q.label === p.label) }))
    .sort((a, b) => b.p.executionMs - a.p.executionMs)
    .slice(0, 4);
  if (statements.length > 0) {
    out.push(
      `- Slowest statements of the ${sizeLabel(large.producers)} load: ` +
        statements
          .map(({ p, before }) => `\`${p.label}\` ${formatMs(p.executionMs)}${before ? ` (${formatMs(before.executionMs)} at ${sizeLabel(small.producers)}, ${(p.executionMs / before.executionMs).toFixed(1)} ×)` : ` (under ${INGEST_PLAN_MIN_MS} ms at ${sizeLabel(small.producers)})`}`)
          .join('; ') +
        '.',
    );
  }
  const spills = results.flatMap((r) => r.plans.filter((p) => p.notes.includes('spills to disk (temp buffers)')).map((p) => `${p.group} · ${p.label} at ${sizeLabel(r.producers)}`));
  if (spills.length > 0) out.push(`- Plans that spill to disk (work_mem exceeded): ${spills.join('; ')}.`);
  const seqScans = large.plans.filter((p) => p.scans.some((s) => /Seq Scan on (registrations|products|producers)\b/.test(s))).map((p) => `${p.group} · ${p.label}`);
  if (seqScans.length > 0) out.push(`- Plans at ${sizeLabel(large.producers)} that read a whole data table (Seq Scan on registrations, products or producers): ${seqScans.join('; ')}.`);
  return out;
}

/** The commit measured, and the paths of the code under test with uncommitted changes (other people's work in progress). */
function codeState(): string {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'api', 'pipeline', 'db', 'migrations', 'domain'], { cwd: ROOT, encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map((l) => l.slice(3));
  if (!head) return 'code: not a git checkout';
  return `code: commit ${head}${dirty.length > 0 ? `, with uncommitted changes in ${dirty.map((d) => `\`${d}\``).join(', ')}` : ''}`;
}

function section(results: SizeResult[], opts: Options, pgVersion: string, minutes: number, code: string, explanation: string[]): string {
  const sorted = [...results].sort((a, b) => a.producers - b.producers);
  const small = sorted.at(-2);
  const large = sorted.at(-1)!;
  const growth = small ? growthOf(small, large) : [];
  const lines: string[] = [
    MARKERS.start,
    '## Cost curves (`bench/scale/cost-curves.ts`)',
    '',
    `Run ${new Date().toISOString().slice(0, 10)} (\`npm run bench:curves -- --sizes ${sorted.map((r) => r.producers).join(',')}\`, ${minutes.toFixed(0)} minutes) on ` +
      `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB memory, PostgreSQL ${pgVersion} on the same host, Node ${process.version}. ` +
      `The machine is shared with other people’s runs: times are medians, each set against a baseline measured in the same run. Measured ${code}.`,
    '',
    `Data at each size: the generator's national file (reference geography, seed 2561) for ${ROUNDS.join(', ')} — three fiscal years — the first two loaded through the pipeline, ` +
      `then \`VACUUM ANALYZE\`, then the measured load of ${LATEST_ROUND}; everything after runs on the three years. ` +
      sorted.map((r) => `${n(r.producers)} producers: ${n(r.data.registrations)} registrations, ${n(r.data.products)} products, database ${(r.data.databaseMb / 1024).toFixed(2)} GB, ${LATEST_ROUND} file ${n(r.ingest.rows)} rows / ${r.data.csvMb.toFixed(0)} MB (set up in ${r.setupSeconds.toFixed(0)} s, measured in ${(r.totalSeconds - r.setupSeconds).toFixed(0)} s)`).join('; ') + '.',
    '',
    'How each is measured: **ingest** — `ingestSubmission` in a child process (`bench/scale/national-ingest-run.ts`), ' +
      `median of ${opts.ingestRuns} first loads (each on a copy of the two-year database) up to ${n(REPEAT_INGEST_UP_TO)} producers, one above; baseline \`psql \\copy\` of the same file into a bare 15-column text table, median of 3. ` +
      `**progress** — \`api/server.ts\` in its own process, \`GET /api/progress\` (no \`fy\`: the latest year, ${LATEST_FY}) signed in as a province-38 officer and as the department, ` +
      `\`wrk -t2 -c${opts.clients} -d${opts.seconds}s\` on the same machine after 20 warm-up requests${opts.acceptEncoding ? ` (Accept-Encoding: ${opts.acceptEncoding}, as the dashboard's browser asks)` : ' (no compression accepted)'}, latency percentiles from wrk's histogram (\`bench/support/wrk-latency.lua\`); ` +
      'answers are cached per progress version, so this is the served path (session, latest year, version, cached JSON); baseline the same figures from raw rows in psql (`\\timing`, median of 7, as `bench/api/api-bench.ts`); ' +
      'peak RSS of the server process (VmHWM). ' +
      `**export** — \`exportDataset\` (products, nation, all years, \`.arrows\`) into a counting sink in a child process (\`bench/scale/export-run.ts\`): time median of ${opts.runs} alternating with the COPY baseline after a warm-up of each, peak RSS of a fresh process per format. ` +
      `**PDF** — \`reportDocument\` + \`renderPdf\` of the national report form with every district in a child process (\`bench/scale/pdf-run.ts\`), median of ${opts.runs} after a warm-up.`,
    '',
    ...figuresTable(sorted, opts.clients),
    '',
  ];
  if (small) {
    const factor = large.producers / small.producers;
    lines.push(
      `### Growth ${n(small.producers)} → ${n(large.producers)} producers (${factor} × the data)`,
      '',
      `Goals: progress p95 ≤ 2 × its ${sizeLabel(small.producers)} figure; ingest and export time ≤ ${(1.2 * factor).toFixed(0)} × (linear with 20 % slack); peak memory ≤ 1.5 ×.`,
      '',
      '| measure | time growth | baseline growth | time goal | met | peak RSS growth | memory goal ≤ 1.5 × met |',
      '|---|---:|---:|---|---|---:|---|',
      ...growth.map(
        (g) =>
          `| ${g.measure.name.replace('{clients}', String(opts.clients))} | ${g.time.toFixed(2)} × | ${g.baseline === null ? '—' : `${g.baseline.toFixed(2)} ×`} | ${g.timeGoal?.text ?? '—'} | ${g.timeMet === null ? '—' : g.timeMet ? 'yes' : '**no**'} | ${g.memory.toFixed(2)} × (${mb(g.measure.peakMb(small))} → ${mb(g.measure.peakMb(large))}, ${g.measure.peakNote}) | ${g.memoryMet ? 'yes' : '**no**'} |`,
      ),
      '',
      '### What grows faster than the data, and why',
      '',
      ...observations(sorted, growth, small, large),
      '',
      ...explanation,
      '',
    );
  }
  lines.push(`Every index against these plans: the \`index-audit\` section below (\`bench/scale/index-audit.ts\`, at ${n(large.producers)} producers).`, '');
  lines.push('### Query plans', '', ...planSection(sorted), MARKERS.end);
  return lines.join('\n');
}

function writeSection(text: string): void {
  const previous = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const start = previous.indexOf(MARKERS.start);
  const end = previous.indexOf(MARKERS.end, start);
  const next = start >= 0 && end >= 0 ? previous.slice(0, start) + text + previous.slice(end + MARKERS.end.length) : `${previous.trimEnd()}\n\n${text}\n`;
  writeFileSync(RESULTS, next);
}

/**
 * The mechanisms behind the curves, kept beside the code that measures them. Each paragraph is
 * printed only when this run's figures (or plans) show what it explains; the mechanisms were
 * read off the plans and the code (see the report of issue 7).
 */
function explanation(results: SizeResult[]): string[] {
  const sorted = [...results].sort((a, b) => a.producers - b.producers);
  const small = sorted.at(-2);
  const large = sorted.at(-1)!;
  if (!small) return [];
  const factor = large.producers / small.producers;
  const growth = growthOf(small, large);
  const g = (key: string) => growth.find((x) => x.measure.key === key)!;
  const out: string[] = [];
  const faster = growth.filter((x) => x.measure.timeGoal && x.measure.key.startsWith('progress') === false && x.time > factor * 1.05);
  const memoryMissed = growth.filter((x) => !x.memoryMet);
  out.push(
    `**In short:** ${faster.length > 0 ? `time grew faster than the data for ${faster.map((x) => `${x.measure.key} (${x.time.toFixed(1)} × for ${factor} ×)`).join(', ')}` : `no time grew faster than the data (${factor} ×)`}; ` +
      `${memoryMissed.length > 0 ? `peak memory grew more than 1.5 × for ${[...new Set(memoryMissed.map((x) => x.measure.peakNote))].join(', ')}` : 'no peak memory grew more than 1.5 ×'}.`,
    '',
  );
  const ingest = g('ingest');
  if (!ingest.memoryMet) {
    const perProducer = ((large.ingest.heapAfterReadMb - small.ingest.heapAfterReadMb) * 2 ** 20) / (large.producers - small.producers);
    out.push(
      `*Ingest memory is linear in the file's producers.* The heap still in use after reading and validating the file was ${mb(small.ingest.heapAfterReadMb)} at ${sizeLabel(small.producers)} and ` +
        `${mb(large.ingest.heapAfterReadMb)} at ${sizeLabel(large.producers)} — about ${perProducer.toFixed(0)} bytes per producer, kept until the load ends; the peak resident set is that live heap ` +
        'plus the process\u2019s fixed ~140 MB and V8\u2019s headroom. The per-producer state is `ProducersSeen` ' +
        '(pipeline/load/producers-seen.ts), which the cross-row checks (same producer in two districts, duplicate product, differing details) need for the whole file: ' +
        'a `Map` keyed by the 13-digit citizen ID as a Number (a heap number plus a map entry per producer) and, for the ~60 % of producers with more than one product, ' +
        'a `more` entry holding an object and two growable JS arrays (`names`, `rows`: V8 gives each pushed array room for 17 elements), which is most of it; ' +
        'the typed arrays are ~50 bytes per producer. A first load of a fiscal year has no registered-producer map; a re-upload adds one `Map` entry per registered producer (run-load.ts `registered`). ' +
        'Concrete fix: keep the extra products in typed arrays as a linked list (per product: hash Float64Array, row Int32Array, next Int32Array; per producer: last-product Int32Array) ' +
        'and replace the ID→ordinal `Map` with an open-addressing table in a Float64Array — about 40 bytes per producer, ~40 MB at a million; or run the cross-row checks in SQL on the staging table after the COPY ' +
        '(`group by thai_id having count(distinct district_code) > 1`, `group by thai_id, name_key having count(*) > 1`), which makes the Node side independent of the file size.',
      '',
    );
  }
  if (ingest.timeMet === false || ingest.time > factor * 1.05) {
    out.push(
      `*Ingest time.* ${factor} × the data took ${ingest.time.toFixed(1)} × the time (\`\\copy\` ${ingest.baseline!.toFixed(1)} ×); the statements table below gives each statement's duration at every size and \`bench/scale/plans/ingest-<size>.txt\` its plan. ` +
        'Statements run inside the load transaction are planned with statistics from before it, so any join to rows the same transaction inserted (the fiscal year\u2019s new registrations) is estimated at one row.',
      '',
    );
  }
  if (existsSync(join(PLANS, 'ingest-upsert-before-fix-100000.txt'))) {
    out.push(
      '*A quadratic plan found on the way* (`bench/scale/plans/ingest-upsert-before-fix-100000.txt`): with pipeline/load/registration-upsert.ts as committed up to af9149e, the first load of a fiscal year ' +
        'onto analysed history took 163 s at 100,000 producers (the upsert 156 s of it). The products UPDATE and INSERT joined the staged rows to `registrations` of the new year, ' +
        'which the planner estimated at 1 row (statistics from before the transaction inserted them), so it hash-joined on `district_code` alone — 29.5 million pairs for 207,923 rows, ' +
        'rows² / 928 districts — and probed `producers` once per pair: a million producers would have taken hours. Resolving producers and registrations once into an analysed temp table ' +
        '(the resolved-producers rewrite, `otop_resolved`, in the code measured here) joins on the citizen ID instead; an `ANALYZE registrations` after inserting the year\u2019s registrations would also have fixed the estimate.',
      '',
    );
  }
  const pv = growth.filter((x) => x.measure.key.startsWith('progress'));
  const rollUpRows = (table: string) =>
    sorted
      .map((r) => r.plans.find((p) => p.group === 'progress' && p.label === `progress nation · ${table}`)?.scans.find((x) => x.includes(`on ${table}`)))
      .map((x) => /\(([\d,]+) rows\)/.exec(x ?? '')?.[1] ?? '?')
      .join(' → ');
  out.push(
    `*Progress stays flat* (p95 ${pv.map((x) => `${x.time.toFixed(2)} ×`).join(' and ')}; raw-row baseline ${pv.map((x) => `${x.baseline!.toFixed(1)} ×`).join(' and ')}): ` +
      'a request is a session lookup, the latest year, the scope\u2019s progress version and an answer cached under that version, and a cache miss sums the roll-up tables, ' +
      'which hold at most one row per round × district × producer type or category whatever the number of producers: the national view read ' +
      `${rollUpRows('registration_counts')} rows of registration_counts and ${rollUpRows('product_counts')} of product_counts for the year (the same index scans at every size). ` +
      'What the p95 shows at every size is the two shared cores (server, PostgreSQL and wrk together), not the data.',
    '',
  );
  const exportPlan = large.plans.find((p) => p.group === 'export');
  if (exportPlan) {
    const indexed = /^Index Scan using products_pkey/.test(exportPlan.top);
    out.push(
      `*Export* (${g('export').time.toFixed(1)} × for ${(large.exported.rows / small.exported.rows).toFixed(1)} × the rows, COPY ${g('export').baseline!.toFixed(1)} ×; peak ${g('export').memory.toFixed(2)} ×): ` +
        (indexed
          ? 'the SELECT reads products in key order through the primary key (`Index Scan using products_pkey`, no sort, nothing spilled), streamed as COPY binary and converted in bounded batches, so time follows the rows and memory does not.'
          : `the plan at ${sizeLabel(large.producers)} is \`${exportPlan.top}\` (${[...exportPlan.scans, ...exportPlan.notes].join('; ')}).`),
      '',
    );
  }
  out.push(
    `*The national report form* has a fixed shape (every district: ${large.pdf.pages} pages) and reads the roll-ups, so neither its data part (${results.map((r) => formatMs(median(r.pdf.dataMs))).join(' → ')}) ` +
      `nor its rendering (${results.map((r) => formatMs(median(r.pdf.renderMs))).join(' → ')}) depends on the number of producers; differences are the shared machine.`,
  );
  return out;
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000,100000,1000000' },
      seconds: { type: 'string', default: '8' },
      clients: { type: 'string', default: '32' },
      runs: { type: 'string', default: '3' },
      'ingest-runs': { type: 'string', default: '3' },
      // As the dashboard's browser asks; '' for a client that takes no compression.
      'accept-encoding': { type: 'string', default: 'gzip, deflate, br' },
      keep: { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (sizes.some((s) => !Number.isInteger(s) || s < 1000)) throw new Error(`--sizes: whole numbers ≥ 1000, got ${values.sizes}`);
  const opts = {
    clients: Number(values.clients),
    seconds: Number(values.seconds),
    runs: Number(values.runs),
    ingestRuns: Number(values['ingest-runs']),
    acceptEncoding: values['accept-encoding'],
    keep: values.keep,
  };
  for (const tool of ['psql', 'wrk']) {
    if (spawnSync(tool, ['--version']).error) throw new Error(`${tool} is needed on the PATH`);
  }
  const pgVersion = await admin(async (sql) => ((await sql`select current_setting('server_version') as v`) as unknown as [{ v: string }])[0].v);
  const tmp = mkdtempSync(join(tmpdir(), 'otop-curves-'));
  const started = performance.now();
  const results: SizeResult[] = [];
  try {
    for (const size of [...sizes].sort((a, b) => a - b)) {
      log(`===== ${n(size)} producers =====`);
      const r = await measureSize(size, tmp, opts);
      results.push(r);
      log(`${sizeLabel(size)} done in ${(r.totalSeconds / 60).toFixed(1)} min`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const minutes = (performance.now() - started) / 60_000;
  const code = codeState();

  console.log('');
  console.log(figuresTable(results, opts.clients).join('\n'));
  console.log('');
  if (results.length >= 2) reportFigures(growthFigures(results.at(-2)!, results.at(-1)!, growthOf(results.at(-2)!, results.at(-1)!), opts.clients));
  writeSection(section(results, opts, pgVersion, minutes, code, explanation(results)));
  const largest = [...results].sort((a, b) => a.producers - b.producers).at(-1)!;
  writeResultsSection('index-audit', indexAuditSection(largest.indexes, largest.producers));
  console.log(`\nWrote the cost-curves and index-audit sections of ${RESULTS} and the plans in ${PLANS}.`);
}

await main();
