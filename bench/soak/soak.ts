/**
 * Load and soak: CLIENTS concurrent signed-in clients mix reads (progress, producers,
 * products, submissions), uploads (dry runs, new files, the same file again) and workflow
 * transitions against a real server process (`api/server.ts`) on a scratch PostgreSQL
 * database, for MINUTES. Records status counts, p50/p95 per kind, the server's RSS over time,
 * and checks that every upload has a submission record in a final state.
 *
 *   npx tsx bench/soak/soak.ts [--minutes 10] [--clients 50] [--keep]
 *   env SOAK_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres): where the scratch database is made
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { createAccount } from '../../api/accounts/create-account.ts';
import { CLI_ACTOR } from '../../api/accounts/account-actor.ts';
import { createDb } from '../../db/create-db.ts';
import { migrate } from '../../db/migrate.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { id } from '../../testkit/bad-input-corpus.ts';
import { startServer, stopServer } from '../../testkit/server-process.ts';
import { formatMs, percentile, reportFigures, type BenchFigure } from '../bench-figure.ts';
import { writeResultsSection } from '../support/results-section.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    clients: { type: 'string', default: '50' },
    keep: { type: 'boolean', default: false },
  },
});
const MINUTES = Number(values.minutes);
const CLIENTS = Number(values.clients);
const log = (s: string) => process.stderr.write(`${s}\n`);

const baseUrl = process.env.SOAK_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `otop_soak_${Date.now().toString(36)}`;
const url = Object.assign(new URL(baseUrl), { pathname: `/${dbName}` }).toString();
const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${dbName}`);

const DISTRICTS = ['3801', '3802', '3803', '3804', '3805', '3806', '3807', '3808'];
const PASSWORD = 'soak-password-2561';
const handle = await createDb({ databaseUrl: url, maxConnections: 2 });
await migrate(handle.db);
await seedReference(handle.db);
const accounts: Array<{ username: string; role: 'district' | 'province' | 'department' | 'analyst'; scope: string }> = [
  ...DISTRICTS.map((d) => ({ username: `district${d}`, role: 'district' as const, scope: d })),
  { username: 'province38', role: 'province', scope: '38' },
  { username: 'province38b', role: 'province', scope: '38' },
  { username: 'department', role: 'department', scope: '' },
  { username: 'analyst', role: 'analyst', scope: '' },
];
for (const a of accounts) await createAccount(handle.db, { ...a, password: PASSWORD }, { actor: CLI_ACTOR, now: new Date(), activationTtlDays: 1 });

const server = await startServer(url);
const pid = server.child.pid!;
log(`server ${server.base} (pid ${pid}) on ${dbName}; ${CLIENTS} clients for ${MINUTES} min`);

// ── Measurements ──────────────────────────────────────────────────────────────────────────
const latencies = new Map<string, number[]>();
const statuses = new Map<string, number>();
const rss: Array<{ at: number; mb: number }> = [];
const uploadsSent: Array<{ kind: string; status: number; submissionId: string | null }> = [];
let transportErrors = 0;
const started = Date.now();
const deadline = started + MINUTES * 60_000;

function serverRssMb(): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}
const sampler = setInterval(() => rss.push({ at: (Date.now() - started) / 1000, mb: serverRssMb() }), 5000);
rss.push({ at: 0, mb: serverRssMb() });

interface Session {
  cookie: string;
  csrf: string;
  account: (typeof accounts)[number];
}

async function request(session: Session | null, kind: string, method: string, path: string, body?: BodyInit, json?: unknown): Promise<Response | null> {
  const headers: Record<string, string> = {};
  if (session) headers.cookie = session.cookie;
  if (session && method !== 'GET') headers['x-csrf-token'] = session.csrf;
  if (json !== undefined) headers['content-type'] = 'application/json';
  const t0 = performance.now();
  try {
    const res = await fetch(`${server.base}${path}`, { method, headers, body: json !== undefined ? JSON.stringify(json) : body });
    const ms = performance.now() - t0;
    (latencies.get(kind) ?? latencies.set(kind, []).get(kind)!).push(ms);
    const key = `${res.status}`;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
    if (res.status >= 500) log(`${res.status} on ${method} ${path}: ${(await res.clone().text()).slice(0, 200)}`);
    return res;
  } catch (err) {
    transportErrors++;
    log(`transport error on ${method} ${path}: ${String(err)}`);
    return null;
  }
}

async function signIn(account: (typeof accounts)[number], n: number): Promise<Omit<Session, 'account'>> {
  const res = await fetch(`${server.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.1.${Math.floor(n / 250)}.${n % 250}` },
    body: JSON.stringify({ username: account.username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${account.username}: ${res.status}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: `otop_session=${/otop_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]}`, csrf: csrfToken };
}

let fileSeries = 0;
function smallFile(district: string, rows: number): Buffer {
  const series = ++fileSeries;
  const lines = ['ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,อำเภอ,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์'];
  const sub = { '3801': 'บึงกาฬ', '3802': 'พรเจริญ', '3803': 'โซ่', '3804': 'เซกา', '3805': 'ปากคาด', '3806': 'บึงโขงหลง', '3807': 'ศรีวิไล', '3808': 'บุ่งคล้า' }[district]!;
  // IDs distinct per file (series) so every new file is new producers; 1 in 10 rows faulty.
  for (let i = 1; i <= rows; i++) {
    const citizen = i % 10 === 0 ? '1234567890123' : id(series % 1000, Math.floor(series / 1000) * 1000 + i);
    lines.push(`ผู้ผลิต ${series}-${i},${citizen},1,${district},${sub},สินค้า ${i},อาหาร`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

const ROUNDS = ['2561-Q1', '2561-Q2', '2561-Q3'];
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

async function upload(session: Session, district: string, bytes: Buffer, kind: string, dryRun: boolean) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], `${kind}.csv`, { type: 'text/csv' }));
  form.set('round', pick(ROUNDS));
  form.set('district', district);
  if (dryRun) form.set('dryRun', '1');
  const res = await request(session, kind, 'POST', '/api/submissions', form);
  let submissionId: string | null = null;
  if (res) {
    const body = (await res.json().catch(() => null)) as { submissionId?: string } | null;
    submissionId = body?.submissionId ?? null;
  }
  uploadsSent.push({ kind, status: res?.status ?? 0, submissionId });
}

async function client(n: number): Promise<void> {
  const account = accounts[n % accounts.length]!;
  const session = { ...(await signIn(account, n)), account };
  const own = account.role === 'district' ? account.scope : pick(DISTRICTS);
  let lastFile: Buffer | null = null;
  while (Date.now() < deadline) {
    const r = Math.random();
    const district = account.role === 'district' ? own : pick(DISTRICTS);
    if (r < 0.5) {
      const which = pick(['progress', 'producers', 'products', 'submissions']);
      const path =
        which === 'progress' ? `/api/progress?fy=2561${account.role === 'department' || account.role === 'analyst' ? '' : '&province=38'}`
          : which === 'producers' ? `/api/producers?pageSize=50&page=${1 + Math.floor(Math.random() * 3)}`
            : which === 'products' ? '/api/products?pageSize=50'
              : '/api/submissions';
      const res = await request(session, `GET ${which}`, 'GET', path);
      await res?.arrayBuffer().catch(() => undefined);
    } else if (r < 0.75 && account.role !== 'analyst') {
      const mode = Math.random();
      if (mode < 0.4) await upload(session, district, smallFile(district, 30), 'upload dry-run', true);
      else if (mode < 0.85 || lastFile === null) {
        lastFile = smallFile(district, 30);
        await upload(session, district, lastFile, 'upload commit', false);
      } else await upload(session, district, lastFile, 'upload same file again', false);
    } else if (account.role === 'district' || account.role === 'province') {
      const round = pick(ROUNDS);
      const action = account.role === 'district' ? 'submit' : pick(['certify', 'return', 'reopen']);
      const res = await request(session, `POST ${action}`, 'POST', `/api/rounds/${round}/districts/${district}/${action}`, undefined, action === 'submit' || action === 'certify' ? {} : { reason: 'soak' });
      await res?.arrayBuffer().catch(() => undefined);
    } else {
      const res = await request(session, 'GET progress', 'GET', '/api/progress?fy=2561');
      await res?.arrayBuffer().catch(() => undefined);
    }
  }
}

let clientFailures = 0;
await Promise.all(
  Array.from({ length: CLIENTS }, (_, n) =>
    client(n).catch((err: unknown) => {
      clientFailures++;
      log(`client ${n} stopped: ${String(err)}`);
    }),
  ),
);
clearInterval(sampler);
rss.push({ at: (Date.now() - started) / 1000, mb: serverRssMb() });
const elapsedS = (Date.now() - started) / 1000;

// ── Every upload accounted for ───────────────────────────────────────────────────────────
const sqlDb = postgres(url, { max: 1, onnotice: () => {} });
const byStatus = (await sqlDb`select status, count(*)::int as n from submissions group by status order by status`) as unknown as Array<{ status: string; n: number }>;
const known = new Set(((await sqlDb`select id from submissions`) as unknown as Array<{ id: string }>).map((r) => r.id));
const finalStates = new Set(['loaded', 'partially-loaded', 'rejected', 'duplicate', 'validated', 'failed']);
const notFinal = byStatus.filter((s) => !finalStates.has(s.status)).reduce((a, s) => a + s.n, 0);
const withoutRecord = uploadsSent.filter((u) => u.submissionId === null || !known.has(u.submissionId));
const totalSubmissions = byStatus.reduce((a, s) => a + s.n, 0);
await sqlDb.end();

const fiveXx = [...statuses].filter(([s]) => Number(s) >= 500).reduce((a, [, n]) => a + n, 0);
const requests = [...statuses.values()].reduce((a, n) => a + n, 0);
// Memory flat: the RSS of the last fifth against the second fifth (after warm-up).
const fifth = (k: number) => rss.filter((s) => s.at >= (elapsedS * k) / 5 && s.at <= (elapsedS * (k + 1)) / 5).map((s) => s.mb);
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const warm = avg(fifth(1));
const last = avg(fifth(4));
const peak = Math.max(...rss.map((s) => s.mb));

const figures: BenchFigure[] = [
  { benchmark: `soak ${CLIENTS} clients × ${(elapsedS / 60).toFixed(1)} min: requests`, figure: `${requests} (${(requests / elapsedS).toFixed(1)}/s)`, baseline: '—', ratio: null, goal: '—', met: null },
  { benchmark: 'soak: 5xx answers', figure: String(fiveXx), baseline: '—', ratio: null, goal: '0', met: fiveXx === 0 },
  { benchmark: 'soak: transport errors / clients stopped', figure: `${transportErrors} / ${clientFailures}`, baseline: '—', ratio: null, goal: '0 / 0', met: transportErrors === 0 && clientFailures === 0 },
  {
    benchmark: 'soak: uploads without a submission record in a final state',
    figure: `${withoutRecord.length + notFinal} of ${uploadsSent.length} uploads (${totalSubmissions} records)`,
    baseline: '—', ratio: null, goal: '0', met: withoutRecord.length + notFinal === 0,
  },
  { benchmark: 'soak: server RSS warm (2nd fifth) → last fifth, peak', figure: `${warm.toFixed(0)} → ${last.toFixed(0)} MB, peak ${peak.toFixed(0)} MB`, baseline: `${warm.toFixed(0)} MB`, ratio: warm > 0 ? last / warm : null, goal: '≤ 1.25 × (flat)', met: warm > 0 ? last / warm <= 1.25 : null },
  ...[...latencies].sort(([a], [b]) => a.localeCompare(b)).map(([kind, ms]): BenchFigure => ({
    benchmark: `soak: ${kind} (${ms.length})`, figure: `p50 ${formatMs(percentile(ms, 50))}, p95 ${formatMs(percentile(ms, 95))}`, baseline: '—', ratio: null, goal: '—', met: null,
  })),
];
reportFigures(figures);
const statusLine = [...statuses].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}: ${n}`).join(', ');
const recordLine = byStatus.map((s) => `${s.status}: ${s.n}`).join(', ');
console.log(`statuses: ${statusLine}\nsubmission records: ${recordLine}`);

const section = [
  `## Load and soak (${new Date().toISOString().slice(0, 10)}, \`npx tsx bench/soak/soak.ts --minutes ${MINUTES} --clients ${CLIENTS}\`)`,
  '',
  `A real server process (\`api/server.ts\`) on a scratch PostgreSQL database; ${CLIENTS} signed-in clients (8 district officers, 2 province officers, department, analyst, round-robin) for ${(elapsedS / 60).toFixed(1)} minutes: ~50 % reads (progress, producers, products, submissions), ~25 % uploads (30-row CSVs: 40 % dry runs, new files, the same file again; 1 row in 10 faulty), the rest workflow transitions (submit, certify, return, reopen; 409 answers for illegal moves are expected).`,
  '',
  '| figure | value | goal | met |',
  '|---|---|---|---|',
  ...figures.map((f) => `| ${f.benchmark} | ${f.figure} | ${f.goal} | ${f.met === null ? '—' : f.met ? 'yes' : 'no'} |`),
  '',
  `HTTP statuses: ${statusLine}. Submission records: ${recordLine}.`,
  `Server RSS samples (s: MB): ${rss.filter((_, i) => i % Math.max(1, Math.floor(rss.length / 12)) === 0).map((s) => `${s.at.toFixed(0)}: ${s.mb.toFixed(0)}`).join(', ')}.`,
  '',
].join('\n');
writeResultsSection('soak', section);

await stopServer(server.child);
await handle.close();
if (!values.keep) await admin.unsafe(`drop database if exists ${dbName} with (force)`);
await admin.end();
process.exit(figures.every((f) => f.met !== false) ? 0 : 1);
