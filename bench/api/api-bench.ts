import { cpus, totalmem } from 'node:os';
import { createAccount } from '../../api/accounts/create-account.ts';
import { CLI_ACTOR } from '../../api/accounts/account-actor.ts';
import { formatMs, reportFigures, type BenchFigure } from '../bench-figure.ts';
import { loadNationalGeography, loadNationalRegistrations, scratchDatabase } from '../support/bench-database.ts';
import { freePort } from '../../testkit/server-process.ts';
import { signInCookie, startApiServer } from '../support/bench-server.ts';
import { rawProgressAggregateMs } from '../support/raw-progress-aggregate.ts';
import { writeResultsSection } from '../support/results-section.ts';
import { runWrk } from '../support/run-wrk.ts';

/**
 * bench/api: the progress route with national data (the generator's 100,000 producers loaded
 * through the pipeline, FY2560 and FY2561) under 32 concurrent clients for 20 s — a province
 * view and the national view — against PostgreSQL computing the same aggregate from raw rows
 * in psql. Goals (issue 4): p95 ≤ 25 ms (province), ≤ 60 ms (nation). The load comes from
 * `wrk` (apt-get install wrk), once as the dashboard's browser asks (gzip accepted) and once
 * from a client that takes no compression.
 */
const PRODUCERS = Number(process.env.BENCH_PRODUCERS ?? 100_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

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
  const server = await startApiServer(handle.url, port);
  const base = `http://127.0.0.1:${port}`;
  try {
    const figures: BenchFigure[] = [];
    const lines: string[] = [];
    for (const view of [
      { name: 'province 38', user: 'bench-province', where: `and t.province_code = '38'`, goal: 25 },
      { name: 'nation', user: 'bench-department', where: '', goal: 60 },
    ]) {
      const cookie = await signInCookie(base, view.user, `${view.user}-password`);
      const url = `${base}/api/progress?fy=2561`;
      for (let i = 0; i < 20; i++) await (await fetch(url, { headers: { cookie } })).arrayBuffer(); // warm-up
      const raw = await rawProgressAggregateMs(handle.url, 2561, view.where);
      for (const client of [
        { label: 'browser (gzip)', acceptEncoding: 'gzip, deflate, br' },
        { label: 'no compression', acceptEncoding: '' },
      ]) {
        const r = await runWrk(url, { cookie, clients: CLIENTS, seconds: SECONDS, acceptEncoding: client.acceptEncoding });
        const ms = (us: number) => us / 1000;
        const rps = r.requests / (r.durationUs / 1e6);
        const errors = r.non2xx + r.socketErrors;
        const size = `${(r.bytes / Math.max(1, r.requests) / 1024).toFixed(1)} KiB/answer`;
        const line =
          `${view.name}, ${client.label}: ${r.requests} requests in ${(r.durationUs / 1e6).toFixed(1)} s (${rps.toFixed(0)} req/s, ${size}), ` +
          `p50 ${formatMs(ms(r.p50))}, p95 ${formatMs(ms(r.p95))}, p99 ${formatMs(ms(r.p99))}, errors ${errors}; raw aggregate in psql ${formatMs(raw)}`;
        console.log(line);
        lines.push(line);
        figures.push({
          benchmark: `api: GET /api/progress, ${view.name}, ${client.label}, ${CLIENTS} clients, ${PRODUCERS.toLocaleString('en')} producers`,
          figure: `p95 ${formatMs(ms(r.p95))} (p50 ${formatMs(ms(r.p50))}, p99 ${formatMs(ms(r.p99))}, ${rps.toFixed(0)} req/s, ${size}, ${errors} errors)`,
          baseline: `raw-row aggregate in psql ${formatMs(raw)}`,
          ratio: ms(r.p95) / raw,
          goal: `p95 ≤ ${view.goal} ms`,
          met: ms(r.p95) <= view.goal && errors === 0,
        });
      }
    }
    reportFigures(figures);
    writeResultsSection(
      'api-bench',
      [
        '## API: progress under load (`bench/api/api-bench.ts`)',
        '',
        `Run ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB; server (\`api/server.ts\`), PostgreSQL and the load generator share the machine. ` +
          `Data: ${PRODUCERS.toLocaleString('en')} producers in 2560-Q4 and 2561-Q1 through the pipeline (${geography} geography). Load: \`wrk -t2 -c${CLIENTS} -d${SECONDS}s\` on \`GET /api/progress?fy=2561\`, ` +
          'signed in as a province-38 officer and as the department, after 20 warm-up requests; once with the Accept-Encoding a browser sends, once without. ' +
          'Baseline: the same figures from raw rows in psql (`\\timing`, median of 7). Goals (issue 4): p95 ≤ 25 ms (province), ≤ 60 ms (nation).',
        '',
        '| view | p95 | p50 / p99 · throughput · size · errors | raw-row aggregate | goal | met |',
        '|---|---|---|---|---|---|',
        ...figures.map((f) => {
          const [p95, rest] = f.figure.replace(/^p95 /, '').split(/ \((.*)\)$/);
          return `| ${f.benchmark.replace(/^api: GET \/api\/progress, /, '')} | ${p95} | ${rest ?? ''} | ${f.baseline.replace(/^raw-row aggregate in psql /, '')} | ${f.goal} | ${f.met ? 'yes' : 'no'} |`;
        }),
        '',
        ...lines.map((l) => `- ${l}`),
      ].join('\n'),
    );
  } finally {
    server.kill('SIGTERM');
  }
} finally {
  await handle.close();
}
