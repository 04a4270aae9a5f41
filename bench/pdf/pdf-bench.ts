import { cpus, loadavg } from 'node:os';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import type { SessionUser } from '../../api/auth/session-user.ts';
import { reportDocument, type ReportParams } from '../../api/reports/documents/report-document.ts';
import { renderReportPdf } from '../../api/reports/documents/report-pdf.ts';
import { queryRows } from '../../db/query-rows.ts';
import { placeNames } from '../../api/queries/place-names.ts';
import { typesetDocument } from '../../reports/typeset/render-pdf.ts';
import { hashPassword } from '../../api/auth/password.ts';
import { seedDemo } from '../../pipeline/seed/seed-demo.ts';
import { formatMs, median, reportFigures, type BenchFigure } from '../bench-figure.ts';
import { BASE_URL, loadNationalGeography, loadNationalRegistrations, scratchDatabase } from '../support/bench-database.ts';
import { writeResultsSection } from '../support/results-section.ts';

/**
 * bench/pdf: the registration report form as the API serves it (data through progress(),
 * document built, Thai laid out, PDF rendered), on PostgreSQL with the national geography
 * (77 provinces, 928 districts: the reference files in ../shared/geo, else a synthetic country),
 * the demo Bueng Kan data set and national registrations loaded through the pipeline.
 *   - the province form (Bueng Kan, FY2561, rows per district): goal ≤ 200 ms
 *   - the national form with every district (77 provinces, 928 districts): goal ≤ 3 s
 * Median of RUNS renders after one warm-up; data loading and rendering are timed apart.
 * Run: npx tsx bench/pdf/pdf-bench.ts   (DATABASE_URL: a PostgreSQL where we may create a database)
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PRODUCERS = Number(process.env.BENCH_PRODUCERS ?? 93_400);
const DATABASE = 'otop_bench_pdf';
const NOW = new Date('2018-10-05T03:00:00Z');
const DEPARTMENT: SessionUser = { id: 'bench', username: 'bench', role: 'department', provinceCode: null, districtCode: null, displayName: '', mustChangePassword: false };

interface Timing {
  total: number;
  data: number;
  render: number;
  pages: number;
  bytes: number;
}

async function measure(db: Parameters<typeof reportDocument>[0], params: ReportParams): Promise<Timing[]> {
  const runs: Timing[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    const { doc, digits, placeScope } = await reportDocument(db, 'report-form', params, DEPARTMENT, NOW);
    const t1 = performance.now();
    // As the API renders: the scope's place names are kept whole on every line.
    const pdf = await renderReportPdf(db, doc, digits, NOW, placeScope);
    const t2 = performance.now();
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    if (i > 0) runs.push({ total: t2 - t0, data: t1 - t0, render: t2 - t1, pages, bytes: pdf.length }); // run 0 warms up
  }
  return runs;
}

/**
 * The render's parts for the province form, interleaved run by run so that the machine's load
 * falls on both alike: reading the scope's place names (what renders do now) against reading
 * every place name of the country (what they did before), and the Thai layout alone.
 */
async function renderParts(db: Parameters<typeof reportDocument>[0], params: ReportParams) {
  const { doc, placeScope } = await reportDocument(db, 'report-form', params, DEPARTMENT, NOW);
  const scoped: number[] = [];
  const country: number[] = [];
  const layout: number[] = [];
  let names = { scoped: 0, country: 0 };
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    const own = await placeNames(db, placeScope);
    const t1 = performance.now();
    const all = await queryRows<{ name_th: string }>(db, sql`select name_th from provinces union select name_th from districts union select name_th from subdistricts`);
    const t2 = performance.now();
    typesetDocument(doc, { knownPhrases: own });
    const t3 = performance.now();
    if (i > 0) {
      scoped.push(t1 - t0);
      country.push(t2 - t1);
      layout.push(t3 - t2);
    }
    names = { scoped: own.length, country: all.length };
  }
  return { scoped: median(scoped), country: median(country), layout: median(layout), names };
}

const started = performance.now();
const handle = await scratchDatabase(DATABASE);
try {
  const geography = await loadNationalGeography(handle);
  await seedDemo(handle.db, { hashPassword });
  await loadNationalRegistrations(handle, PRODUCERS, ['2560-Q4', '2561-Q1']);
  const [size] = await queryRows<{ provinces: number; districts: number; registrations: number; products: number }>(
    handle.db,
    sql`select (select count(*)::int from provinces) as provinces, (select count(*)::int from districts) as districts,
               (select count(*)::int from registrations) as registrations, (select count(*)::int from products) as products`,
  );
  const setup = (performance.now() - started) / 1000;
  console.log(`database ${DATABASE}: ${geography} geography, ${size!.provinces} provinces, ${size!.districts} districts, ${size!.registrations.toLocaleString('en-US')} registrations, ${size!.products.toLocaleString('en-US')} products (set up in ${setup.toFixed(0)} s)`);

  const province = await measure(handle.db, { fiscalYear: 2561, provinceCode: '38' });
  const parts = await renderParts(handle.db, { fiscalYear: 2561, provinceCode: '38' });
  const partsLine = `province form's render parts (interleaved, medians): place names of the scope ${formatMs(parts.scoped)} (${parts.names.scoped} names) vs of the whole country ${formatMs(parts.country)} (${parts.names.country} names), ${(parts.country / Math.max(parts.scoped, 1e-3)).toFixed(1)} ×; Thai layout ${formatMs(parts.layout)}`;
  console.log(partsLine);
  const nation = await measure(handle.db, { fiscalYear: 2561, detail: 'district' });
  const byProvince = await measure(handle.db, { fiscalYear: 2561 });

  const summary = (name: string, runs: Timing[]) => {
    const line = `${name}: median ${formatMs(median(runs.map((r) => r.total)))} (data ${formatMs(median(runs.map((r) => r.data)))}, render ${formatMs(median(runs.map((r) => r.render)))}), ${runs[0]!.pages} pages, ${(runs[0]!.bytes / 1024).toFixed(0)} KiB; runs: ${runs.map((r) => formatMs(r.total)).join(', ')}`;
    console.log(line);
    return line;
  };
  const lines = [
    summary('province form (38, FY2561, 8 districts)', province),
    summary(`national form, every district (${size!.provinces} provinces, ${size!.districts} districts)`, nation),
    summary(`national form, per province (${size!.provinces} rows)`, byProvince),
  ];

  const figure = (benchmark: string, runs: Timing[], goalMs: number): BenchFigure => {
    const total = median(runs.map((r) => r.total));
    return {
      benchmark,
      figure: `median ${formatMs(total)} (${runs[0]!.pages} pages)`,
      baseline: `data ${formatMs(median(runs.map((r) => r.data)))} + render ${formatMs(median(runs.map((r) => r.render)))}`,
      ratio: null,
      goal: `≤ ${formatMs(goalMs)}`,
      met: total <= goalMs,
    };
  };
  const figures = [
    figure('pdf: province report form (Bueng Kan, FY2561)', province, 200),
    figure(`pdf: national report form, every district (${size!.districts})`, nation, 3000),
  ];
  reportFigures(figures);

  const pg = postgres(BASE_URL, { max: 1, onnotice: () => {} });
  const [{ version }] = (await pg`select current_setting('server_version') as version`) as unknown as [{ version: string }];
  await pg.end();
  const section = [
    `## pdf — report forms (${new Date().toISOString().slice(0, 10)})`,
    '',
    `\`npx tsx bench/pdf/pdf-bench.ts\`: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), PostgreSQL ${version}, Node.js ${process.version}; ${geography} geography, ${size!.registrations.toLocaleString('en-US')} registrations (${PRODUCERS.toLocaleString('en-US')} national producers through the pipeline + the Bueng Kan demo). Median of ${RUNS} after a warm-up; data = progress() and the document definition, render = the scope's place names, Thai layout + pdfmake.`,
    '',
    '| document | median | data + render | goal | met |',
    '|---|---|---|---|---|',
    ...figures.map((f) => `| ${f.benchmark.replace(/^pdf: /, '')} | ${f.figure} | ${f.baseline} | ${f.goal} | ${f.met ? 'yes' : 'no'} |`),
    '',
    ...lines.map((l) => `- ${l}`),
    `- ${partsLine}`,
    `- load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(', ')} (the machine is shared with other agents: read the ratios, not the absolute times)`,
    '',
  ].join('\n');
  writeResultsSection('pdf-bench', section);
  console.log('wrote the pdf section of bench/RESULTS.md');
} finally {
  await handle.close();
  const admin = postgres(BASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DATABASE} with (force)`);
  await admin.end();
}
