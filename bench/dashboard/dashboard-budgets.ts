import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { createDb } from '../../db/create-db.ts';
import { loadConfig } from '../../api/config.ts';
import { createApp } from '../../api/create-app.ts';
import { prepareDatabase } from '../../api/prepare-database.ts';
import { dashboardStatic } from '../../api/routes/dashboard-static.ts';
import { DASHBOARD_DIST, ensureDashboardBuild } from '../../dashboard/tools/ensure-build.ts';
import { reportFigures } from '../bench-figure.ts';

/**
 * The dashboard's two budgets, measured:
 *  1. initial JavaScript (what index.html loads before any lazy page) ≤ 300 KB gzipped;
 *  2. the province overview interactive (matrix, headline and all four charts drawn) in
 *     ≤ 1.5 s on localhost, over a database holding a national-scale registration volume
 *     (BENCH_PRODUCERS producers, default 93,400, each with two products, in one fiscal year).
 * Prints the figures and writes bench/dashboard/RESULTS.md. Run: npm run bench:dashboard
 */
const HERE = fileURLToPath(new URL('.', import.meta.url));
const JS_BUDGET_KB = 300;
const TTI_BUDGET_MS = 1500;
/** Issue 18: the first chart on a cold (empty-cache) load of the overview. */
const FIRST_CHART_BUDGET_MS = 800;
const PRODUCERS = Number(process.env.BENCH_PRODUCERS ?? 93_400);
const RUNS = 5;
const kb = (n: number) => Math.round((n / 1024) * 10) / 10;

async function bundleSizes() {
  await ensureDashboardBuild({ quiet: true });
  const html = await readFile(join(DASHBOARD_DIST, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const size = async (path: string) => {
    const body = await readFile(join(DASHBOARD_DIST, path));
    return { path, raw: body.byteLength, gz: gzipSync(body, { level: 9 }).byteLength };
  };
  const files = await Promise.all(initial.map(size));
  const js = files.filter((f) => f.path.endsWith('.js'));
  const { readdir } = await import('node:fs/promises');
  const all = await Promise.all((await readdir(join(DASHBOARD_DIST, 'assets'))).filter((f) => f.endsWith('.js')).map((f) => size(`/assets/${f}`)));
  const largestLazy = all.filter((f) => !initial.includes(f.path)).sort((a, b) => b.gz - a.gz)[0];
  return {
    initialJsGz: js.reduce((n, f) => n + f.gz, 0),
    initialJsRaw: js.reduce((n, f) => n + f.raw, 0),
    initialCssGz: files.filter((f) => f.path.endsWith('.css')).reduce((n, f) => n + f.gz, 0),
    allJsGz: all.reduce((n, f) => n + f.gz, 0),
    largestLazy,
  };
}

async function nationalVolume(db: Awaited<ReturnType<typeof createDb>>['db']) {
  // Synthetic volume on the seeded geography: PRODUCERS producers over the 53 subdistricts,
  // registered across FY2561's four rounds, two products each. IDs are unique 13-digit strings
  // (the check digit does not matter to a read benchmark).
  const started = performance.now();
  await db.execute(sql`
    insert into producers (thai_id, producer_type, name, subdistrict_code, district_code, province_code)
    select lpad((9000000000000 + g)::text, 13, '0'),
           (array['community-group','single-owner','sme'])[1 + g % 3],
           'ผู้ผลิตทดสอบ ' || g, s.code, s.district_code, '38'
    from generate_series(1, ${PRODUCERS}) g
    join (select code, district_code, row_number() over (order by code) - 1 as i from subdistricts) s
      on s.i = g % (select count(*) from subdistricts)`);
  await db.execute(sql`
    insert into registrations (producer_id, fiscal_year, round_code, district_code, province_code, registered_at)
    select p.id, 2561, '2561-Q' || (1 + p.id % 4), p.district_code, '38',
           (date '2017-10-05' + ((p.id % 4) * 91) * interval '1 day')
    from producers p where p.thai_id like '9%'`);
  await db.execute(sql`
    insert into products (registration_id, producer_id, fiscal_year, round_code, district_code, province_code, name, name_key, category)
    select r.id, r.producer_id, 2561, r.round_code, r.district_code, '38', 'สินค้า ' || k || ' ' || r.id, 'สินค้า' || k || r.id,
           (array['food','beverage','textile','household','herbal'])[1 + (r.id + k) % 5]
    from registrations r join producers p on p.id = r.producer_id and p.thai_id like '9%', generate_series(1, 2) k`);
  return Math.round(performance.now() - started);
}

async function overviewTimes(url: string): Promise<{ drawn: number[]; firstChart: number[] }> {
  const context = await chromium.launchPersistentContext('', {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1366, height: 900 },
  });
  try {
    const page = await context.newPage();
    await page.goto(`${url}/signin`);
    await page.fill('#username', 'province38');
    await page.fill('#password', 'demo-province-38');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/province\/38/);
    const times: number[] = [];
    const firstChart: number[] = [];
    const cdp = await context.newCDPSession(page);
    for (let i = 0; i < RUNS; i++) {
      // Cold: the HTTP cache is emptied before each load (the session cookie stays).
      await cdp.send('Network.clearBrowserCache');
      await page.goto(`${url}/province/38?fy=2561`, { waitUntil: 'commit' });
      await page.waitForSelector('figure.chart svg', { timeout: 30_000 });
      firstChart.push(Math.round(await page.evaluate(() => performance.now())));
      await page.waitForSelector('#chart-states svg, #chart-states canvas', { timeout: 30_000 });
      await page.waitForSelector('[data-testid=progress-matrix]');
      // Time since navigation start, in the page's own clock, once everything is drawn.
      times.push(Math.round(await page.evaluate(() => performance.now())));
    }
    return { drawn: times, firstChart };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const sizes = await bundleSizes();
  console.log(`initial JS: ${kb(sizes.initialJsGz)} KB gz (${kb(sizes.initialJsRaw)} KB raw), CSS ${kb(sizes.initialCssGz)} KB gz; all JS ${kb(sizes.allJsGz)} KB gz; largest lazy chunk ${sizes.largestLazy?.path} ${kb(sizes.largestLazy?.gz ?? 0)} KB gz`);

  const handle = await createDb({ dataDir: 'memory://' });
  await prepareDatabase(handle.db, { demo: true });
  const loadMs = await nationalVolume(handle.db);
  console.log(`loaded ${PRODUCERS.toLocaleString('en')} extra producers (+${(PRODUCERS * 2).toLocaleString('en')} products) in ${loadMs} ms`);
  const app = createApp({ db: handle.db, engine: handle.engine, config: loadConfig({ LOG_LEVEL: 'silent' }) });
  const statics = dashboardStatic();
  const server = serve({
    fetch: (req: Request) => (new URL(req.url).pathname.startsWith('/api') ? app.fetch(req) : statics.fetch(req)),
    port: 0,
    hostname: '127.0.0.1',
  });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let times: number[];
  let firstCharts: number[];
  try {
    ({ drawn: times, firstChart: firstCharts } = await overviewTimes(url));
  } finally {
    server.close();
    await handle.close();
  }
  const tti = median(times);
  const first = median(firstCharts);
  console.log(`province overview drawn: median ${tti} ms over ${RUNS} loads (${times.join(', ')} ms)`);
  console.log(`first chart, cold cache: median ${first} ms (${firstCharts.join(', ')} ms)`);
  const firstOk = first <= FIRST_CHART_BUDGET_MS;

  const jsOk = sizes.initialJsGz / 1024 <= JS_BUDGET_KB;
  const ttiOk = tti <= TTI_BUDGET_MS;
  reportFigures([
    { benchmark: 'dashboard: initial JavaScript (gzip -9)', figure: `${kb(sizes.initialJsGz)} KB`, baseline: '—', ratio: null, goal: `≤ ${JS_BUDGET_KB} KB`, met: jsOk },
    {
      benchmark: `dashboard: province overview drawn (median of ${RUNS}, headless chromium)`,
      figure: `${tti} ms`,
      baseline: '—',
      ratio: null,
      goal: `≤ ${TTI_BUDGET_MS} ms`,
      met: ttiOk,
    },
    {
      benchmark: `dashboard: first chart, cold cache (median of ${RUNS}, headless chromium)`,
      figure: `${first} ms`,
      baseline: '—',
      ratio: null,
      goal: `≤ ${FIRST_CHART_BUDGET_MS} ms`,
      met: firstOk,
    },
  ]);
  const report = `# Dashboard budgets

Measured by \`npm run bench:dashboard\` (bench/dashboard/dashboard-budgets.ts) on ${new Date().toISOString().slice(0, 10)}.

| budget | limit | measured | |
|---|---|---|---|
| initial JavaScript (gzip -9) | ${JS_BUDGET_KB} KB | ${kb(sizes.initialJsGz)} KB | ${jsOk ? 'ok' : 'OVER'} |
| province overview drawn (median of ${RUNS}, localhost, headless chromium) | ${TTI_BUDGET_MS} ms | ${tti} ms | ${ttiOk ? 'ok' : 'OVER'} |
| first chart on the overview, cold cache (median of ${RUNS}) | ${FIRST_CHART_BUDGET_MS} ms | ${first} ms | ${firstOk ? 'ok' : 'OVER'} |

- Initial CSS: ${kb(sizes.initialCssGz)} KB gz. All JavaScript chunks together: ${kb(sizes.allJsGz)} KB gz; the largest lazy
  chunk (ECharts core, bar, line, heatmap, SVG renderer) ${kb(sizes.largestLazy?.gz ?? 0)} KB gz, loaded only by chart pages.
- Database: the demo province plus ${PRODUCERS.toLocaleString('en')} synthetic producers and ${(PRODUCERS * 2).toLocaleString('en')} products in FY2561
  (the national volume of about 93,400 producers), embedded PGlite; loads: ${times.join(', ')} ms; first chart: ${firstCharts.join(', ')} ms.
- "Drawn" = from navigation start until the matrix and the last of the four charts are on the page, signed in as the
  province officer, the page's own clock (performance.now()).
`;
  await writeFile(join(HERE, 'RESULTS.md'), report);
  console.log(`wrote bench/dashboard/RESULTS.md`);
  if (!jsOk || !ttiOk) process.exitCode = 1;
}

await main();
