/**
 * One timed load, in a process of its own so its peak memory is its own: `node --import tsx
 * bench/ingest/ingest-run.ts <database-url> <file> [scope]`. Prints one JSON line.
 */
import { createDb } from '../../db/create-db.ts';
import { ingestSubmission } from '../../pipeline/ingest-submission.ts';

const [url, file, scope = 'all'] = process.argv.slice(2);
if (!url || !file) {
  process.stderr.write('usage: ingest-run.ts <database-url> <file> [scope]\n');
  process.exit(2);
}
const handle = await createDb({ databaseUrl: url, maxConnections: 2 });
const phases: Record<string, number> = {};
const started = performance.now();
let last = started;
const report = await ingestSubmission(handle.db, {
  source: { kind: 'path', path: file },
  fileName: file.split('/').pop()!,
  districtCode: scope,
  roundCode: '2561-Q1',
  dryRun: false,
  user: { id: null, username: 'bench', role: 'admin', districtCode: null, provinceCode: null },
  now: new Date('2017-12-20T05:00:00Z'),
  onPhase: (phase) => {
    const now = performance.now();
    phases[phase] = Math.round(now - last);
    last = now;
    // BENCH_MEMORY=1: memory after each phase, on stderr (for finding where it goes).
    if (process.env.BENCH_MEMORY) {
      const m = process.memoryUsage();
      process.stderr.write(`${phase}: rss ${Math.round(m.rss / 2 ** 20)} heap ${Math.round(m.heapUsed / 2 ** 20)}/${Math.round(m.heapTotal / 2 ** 20)} external ${Math.round(m.external / 2 ** 20)} MB\n`);
    }
  },
});
const ms = Math.round(performance.now() - started);
await handle.close();
process.stdout.write(
  `${JSON.stringify({
    ms,
    phases,
    status: report.status,
    rowsRead: report.rowsRead,
    accepted: report.accepted,
    rejected: report.rejected,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
