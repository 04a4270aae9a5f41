import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createAccount } from '../../api/accounts/create-account.ts';
import { CLI_ACTOR } from '../../api/accounts/account-actor.ts';
import { formatMs, median, percentile, reportFigures, type BenchFigure } from '../bench-figure.ts';
import { loadNationalGeography, loadNationalRegistrations, scratchDatabase } from '../support/bench-database.ts';

/**
 * bench/api: the progress route with national data (the generator's 100,000 producers loaded
 * through the pipeline, FY2560 and FY2561) under 32 concurrent clients for 20 s — a province
 * view and the national view — against PostgreSQL computing the same aggregate from raw rows
 * in psql. Goals (issue 4): p95 ≤ 25 ms (province), ≤ 60 ms (nation).
 */
const PRODUCERS = Number(process.env.BENCH_PRODUCERS ?? 100_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

async function startServer(url: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    env: { ...process.env, DATABASE_URL: url, DEMO: '0', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('the API server did not start');
}

async function signIn(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = /otop_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

async function load(url: string, cookie: string): Promise<{ latencies: number[]; errors: number; seconds: number }> {
  const latencies: number[] = [];
  let errors = 0;
  for (let i = 0; i < 20; i++) await (await fetch(url, { headers: { cookie } })).arrayBuffer(); // warm-up
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const res = await fetch(url, { headers: { cookie } });
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        if (res.status !== 200) errors++;
      }
    }),
  );
  return { latencies, errors, seconds: (performance.now() - started) / 1000 };
}

/** The same figures from raw rows, timed by psql itself (\timing), median of 7. */
function rawAggregateMs(url: string, where: string): number {
  const queries = [
    `select r.round_code, r.district_code, p.producer_type, count(*), count(prev.id),
            count(*) filter (where (r.registered_at at time zone 'Asia/Bangkok')::date > w.end_date)
       from registrations r join producers p on p.id = r.producer_id
       left join registrations prev on prev.producer_id = r.producer_id and prev.fiscal_year = r.fiscal_year - 1
       left join plan_windows w on w.round_code = r.round_code and w.step = 1
      where r.fiscal_year = 2561 ${where.replaceAll('t.', 'r.')} group by 1, 2, 3`,
    `select t.round_code, t.district_code, t.category, count(*) from products t
      where t.fiscal_year = 2561 ${where} group by 1, 2, 3`,
  ];
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const out = spawnSync('psql', [url, '-qAt', '-c', '\\timing on', ...queries.flatMap((q) => ['-c', q])], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`psql failed: ${out.stderr}`);
    const ms = [...out.stdout.matchAll(/Time: ([\d.]+) ms/g)].reduce((s, m) => s + Number(m[1]), 0);
    runs.push(ms);
  }
  return median(runs);
}

const handle = await scratchDatabase('otop_bench_api');
try {
  const geography = await loadNationalGeography(handle);
  const t0 = performance.now();
  const reports = await loadNationalRegistrations(handle, PRODUCERS);
  console.log(
    `data: ${geography} geography; ${PRODUCERS} producers in 2560-Q4 and 2561-Q1 loaded through the pipeline in ` +
      `${formatMs(performance.now() - t0)} (${reports.map((r) => `${r.status} ${r.accepted.total ?? r.accepted.created + r.accepted.updated + r.accepted.unchanged} rows`).join(', ')})`,
  );
  for (const [username, role, scope] of [['bench-province', 'province', '38'], ['bench-department', 'department', '']] as const) {
    await createAccount(handle.db, { username, role, scope, password: `${username}-password` }, { actor: CLI_ACTOR, now: new Date(), activationTtlDays: 14 });
  }
  const port = await freePort();
  const server = await startServer(handle.url, port);
  const base = `http://127.0.0.1:${port}`;
  try {
    const figures: BenchFigure[] = [];
    for (const view of [
      { name: 'province 38', user: 'bench-province', query: '?fy=2561', where: `and t.province_code = '38'`, goal: 25 },
      { name: 'nation', user: 'bench-department', query: '?fy=2561', where: '', goal: 60 },
    ]) {
      const cookie = await signIn(base, view.user, `${view.user}-password`);
      const r = await load(`${base}/api/progress${view.query}`, cookie);
      const p95 = percentile(r.latencies, 95);
      const raw = rawAggregateMs(handle.url, view.where);
      console.log(
        `${view.name}: ${r.latencies.length} requests in ${r.seconds.toFixed(1)} s (${(r.latencies.length / r.seconds).toFixed(0)} req/s), ` +
          `p50 ${formatMs(percentile(r.latencies, 50))}, p95 ${formatMs(p95)}, p99 ${formatMs(percentile(r.latencies, 99))}, ` +
          `errors ${r.errors}; raw aggregate in psql ${formatMs(raw)}`,
      );
      figures.push({
        benchmark: `api: GET /api/progress, ${view.name}, ${CLIENTS} clients, ${PRODUCERS.toLocaleString('en')} producers`,
        figure: `p95 ${formatMs(p95)} (p50 ${formatMs(percentile(r.latencies, 50))}, p99 ${formatMs(percentile(r.latencies, 99))}, ${(r.latencies.length / r.seconds).toFixed(0)} req/s, ${r.errors} errors)`,
        baseline: `raw-row aggregate in psql ${formatMs(raw)}`,
        ratio: p95 / raw,
        goal: `p95 ≤ ${view.goal} ms`,
        met: p95 <= view.goal && r.errors === 0,
      });
    }
    reportFigures(figures);
  } finally {
    server.kill('SIGTERM');
  }
} finally {
  await handle.close();
}
