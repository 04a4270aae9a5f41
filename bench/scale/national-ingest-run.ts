/**
 * One timed national load in a process of its own, so its peak memory is its own:
 *
 *   node --import tsx bench/scale/national-ingest-run.ts <database-url> <file> <round> <now-iso> [<plans-file> <min-ms>]
 *
 * As bench/ingest/ingest-run.ts, but for any round and with the row limit raised the way a
 * trusted national load raises it (a million producers are ~2.1 million product rows, over
 * DEFAULT_INGEST_LIMITS.maxRows). With <plans-file>, PostgreSQL's auto_explain reports the plan
 * (estimates only — no ANALYZE, so the load runs at full speed) and duration of every statement
 * of the load taking <min-ms> or more, trigger statements included; they are written to that
 * file as JSON. That needs a superuser connection; otherwise the file says why it is empty.
 * Prints one JSON line.
 */
import { writeFileSync } from 'node:fs';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { createDb, type Db } from '../../db/create-db.ts';
import * as schema from '../../db/schema/index.ts';
import { ingestSubmission } from '../../pipeline/ingest-submission.ts';

const [url, file, round, nowIso, plansFile, minMs = '100'] = process.argv.slice(2);
if (!url || !file || !round || !nowIso) {
  process.stderr.write('usage: national-ingest-run.ts <database-url> <file> <round> <now-iso> [<plans-file> <min-ms>]\n');
  process.exit(2);
}

/** The database handle: createDb's, or the same Drizzle handle on a connection that reports statement plans as notices. */
async function openDb(): Promise<{ db: Db; close(): Promise<void>; plans: string[] | null; note: string }> {
  if (!plansFile) {
    const handle = await createDb({ databaseUrl: url!, maxConnections: 2 });
    return { db: handle.db, close: handle.close, plans: null, note: '' };
  }
  const probe = postgres(url!, { max: 1, onnotice: () => {} });
  const [{ superuser }] = (await probe`select rolsuper as superuser from pg_roles where rolname = current_user`) as unknown as [{ superuser: boolean }];
  await probe.end();
  if (!superuser) {
    const handle = await createDb({ databaseUrl: url!, maxConnections: 2 });
    return { db: handle.db, close: handle.close, plans: null, note: 'not captured: auto_explain needs a superuser connection' };
  }
  const u = new URL(url!);
  for (const [k, v] of Object.entries({
    session_preload_libraries: 'auto_explain',
    'auto_explain.log_min_duration': minMs,
    'auto_explain.log_nested_statements': 'on',
    'auto_explain.log_level': 'notice',
  })) {
    u.searchParams.set(k, v);
  }
  const plans: string[] = [];
  const client = postgres(u.toString(), { max: 2, onnotice: (n) => {
      const message = String(n.message ?? '');
      if (message.startsWith('duration: ')) plans.push(message);
    },
  });
  return { db: drizzle(client, { schema }) as unknown as Db, close: () => client.end({ timeout: 5 }), plans, note: '' };
}

const handle = await openDb();
const phases: Record<string, number> = {};
/** Heap in use and resident set (MB) as each phase ends: where the load's memory goes. */
const memory: Record<string, { heapMb: number; rssMb: number }> = {};
const started = performance.now();
let last = started;
const report = await ingestSubmission(handle.db, {
  source: { kind: 'path', path: file },
  fileName: file.split('/').pop()!,
  districtCode: 'all',
  roundCode: round,
  dryRun: false,
  user: { id: null, username: 'bench', role: 'department', districtCode: null, provinceCode: null },
  now: new Date(nowIso),
  limits: { maxRows: 10_000_000 },
  onPhase: (phase) => {
    const now = performance.now();
    phases[phase] = Math.round(now - last);
    last = now;
    const m = process.memoryUsage();
    memory[phase] = { heapMb: Math.round(m.heapUsed / 2 ** 20), rssMb: Math.round(m.rss / 2 ** 20) };
  },
});
const ms = Math.round(performance.now() - started);
await handle.close();
if (plansFile) {
  writeFileSync(plansFile, JSON.stringify({ note: handle.note, minMs: Number(minMs), plans: handle.plans ?? [] }));
}
process.stdout.write(
  `${JSON.stringify({
    ms,
    phases,
    memory,
    status: report.status,
    rowsRead: report.rowsRead,
    accepted: report.accepted,
    rejected: report.rejected,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
