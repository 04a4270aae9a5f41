/**
 * Issue #16: while the real server process refuses hostile XLSX uploads, how far does its RSS
 * climb over its idle figure, and how long does /api/health take to answer? Goal: ≤ 150 MB and
 * < 1 s, on both engines. Each engine gets a fresh database (the embedded one in a temp
 * DATA_DIR, PostgreSQL a new database on OTOP_BENCH_PG, default postgres://postgres@127.0.0.1:5432/postgres),
 * demo accounts, and the three files of the issue uploaded one after another as district3801 for 2561-Q4 (open in the demo data).
 *
 *   npx tsx bench/faults/hostile-upload-health.ts [--engines pglite,postgres] [--label before|after] [--no-write]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { writeResultsSection } from '../support/results-section.ts';
import { startServer, stopServer } from '../../testkit/server-process.ts';
import {
  idleRss,
  probeUpload,
  sharedStringsBomb,
  sheetBomb,
  signIn,
  wideCellsFile,
  type UploadProbe,
} from '../../testkit/hostile-upload-health-probe.ts';

const MB = 1024 * 1024;
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const engines = (opt('engines') ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
const label = opt('label') ?? 'run';
const pgUrl = process.env.OTOP_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const files = [
  { name: 'shared-strings-bomb.xlsx', what: 'xl/sharedStrings.xml declared 1,000 B, 20 million strings (≈620 MB XML)', make: () => sharedStringsBomb(20_000_000) },
  { name: 'sheet-bomb.xlsx', what: 'xl/worksheets/sheet1.xml declared 1,000 B, 20,000 rows × 30,000 chars (600 MB XML)', make: () => sheetBomb(20_000) },
  { name: 'wide-cells.xlsx', what: 'true sizes declared, ≈70:1 (under the ratio limit), 20,000 rows × 30,000 chars (600 MB XML)', make: () => wideCellsFile(20_000) },
];

// What changed between the 'before' and 'after' runs (issue #16).
const CHANGES =
  'Changes since "before": /api/health on PGlite waits at most 250 ms for the one connection a load holds, then answers 200 ' +
  'with databaseBusy; the shared-string table keeps one end-offset array and 64K-character blocks (refusing 2 million strings: ' +
  '+150 → +80 MB in a bare process); XLSX batches are also handed on at 1 million characters; a new cap on the cell text of an ' +
  'XLSX (maxXlsxCellTextChars, 64 Mi characters, about twice a national file) refuses the long-cell file after 2,200 rows as ' +
  'inflation-limit; PGlite COPY batches of 1 MB instead of 8 MB (each stalls the process while it runs: 670 → under 100 ms). ' +
  'The "no-db route" column is GET /api/submissions without a session (401): a stalled event loop shows there, a busy database not.';

interface Row {
  engine: string;
  file: string;
  sizeMb: number;
  idleMb: number;
  probe: UploadProbe;
}

async function runEngine(engine: 'pglite' | 'postgres'): Promise<Row[]> {
  let databaseUrl = '';
  let dataDir: string | undefined;
  let dropDb: (() => Promise<void>) | undefined;
  if (engine === 'postgres') {
    const name = `otop_bench_health_${Date.now().toString(36)}`;
    const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropDb = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else dataDir = mkdtempSync(join(tmpdir(), 'otop-health-bench-'));
  const server = await startServer(databaseUrl, { DEMO: '1', LOG_LEVEL: 'silent', ...(dataDir ? { DATA_DIR: join(dataDir, 'pglite') } : {}) });
  const rows: Row[] = [];
  try {
    const pid = server.child.pid!;
    const auth = await signIn(server.base, 'district3801', 'demo-district-3801');
    // A few health answers first, so the idle figure includes a warmed-up route.
    for (let i = 0; i < 5; i++) await (await fetch(`${server.base}/api/health`)).arrayBuffer();
    const idle = await idleRss(pid, 2000);
    console.log(`${engine}: idle RSS ${(idle / MB).toFixed(0)} MB`);
    for (const f of files) {
      const bytes = f.make();
      const probe = await probeUpload(server.base, auth, pid, bytes, f.name, '2561-Q4');
      const row = { engine, file: f.name, sizeMb: bytes.length / MB, idleMb: idle / MB, probe };
      rows.push(row);
      console.log(
        `${engine} ${f.name} (${row.sizeMb.toFixed(1)} MB): ${probe.status} ${probe.codes.join(',')} in ${(probe.answerMs / 1000).toFixed(2)} s; ` +
          `health max ${probe.healthMaxMs.toFixed(0)} ms (no-database route max ${probe.loopMaxMs.toFixed(0)} ms), p95 ${probe.healthP95Ms.toFixed(0)} ms (${probe.healthChecks} checks, ${probe.healthFailures} failed); ` +
          `peak RSS ${(probe.peakRss / MB).toFixed(0)} MB = idle +${((probe.peakRss - idle) / MB).toFixed(0)} MB — ${probe.message}`,
      );
      if (server.child.exitCode !== null) throw new Error(`the server ended: ${server.output().slice(-2000)}`);
      // Let the process settle before the next file (its idle figure stays the first one).
      await new Promise((r) => setTimeout(r, 1500));
    }
  } finally {
    await stopServer(server.child);
    await dropDb?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

const all: Row[] = [];
for (const engine of engines) all.push(...(await runEngine(engine)));

const met = (r: Row) => r.probe.healthMaxMs < 1000 && r.probe.peakRss / MB - r.idleMb <= 150 && r.probe.healthFailures === 0;
const table = [
  '| engine | file | size | answer | code | refused in | health max | health p95 | checks | no-db route max | peak RSS − idle | met |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...all.map(
    (r) =>
      `| ${r.engine} | ${r.file} | ${r.sizeMb.toFixed(1)} MB | ${r.probe.status} | ${r.probe.codes.join(', ')} | ${(r.probe.answerMs / 1000).toFixed(2)} s | ` +
      `${r.probe.healthMaxMs.toFixed(0)} ms | ${r.probe.healthP95Ms.toFixed(0)} ms | ${r.probe.healthChecks} | ${r.probe.loopMaxMs.toFixed(0)} ms | ${(r.probe.peakRss / MB - r.idleMb).toFixed(0)} MB (idle ${r.idleMb.toFixed(0)}) | ${met(r) ? 'yes' : 'NO'} |`,
  ),
].join('\n');
console.log(table);
if (!args.includes('--no-write')) {
  writeResultsSection(
    `hostile-upload-health-${label}`,
    `### Hostile uploads and /api/health — ${label} (\`bench/faults/hostile-upload-health.ts\`)\n\n` +
      `${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node.js ${process.version}. The real server process (\`api/server.ts\`) on a fresh ` +
      `database per engine, demo accounts; each file uploaded once as district3801 (round 2561-Q4, open) while /api/health is polled every 100 ms (one at a time) ` +
      `and VmRSS sampled every 50 ms. "Idle" is the lowest RSS over 2 s before the first upload and stays the reference for all three. ` +
      `Goal (issue #16): RSS ≤ idle + 150 MB and health < 1 s throughout, on both engines.\n\n` +
      files.map((f) => `- \`${f.name}\`: ${f.what}`).join('\n') +
      (label === 'after' ? `\n\n${CHANGES}` : '') +
      `\n\n${table}\n`,
  );
}
process.exit(all.every(met) ? 0 : 1);
