import { readFileSync } from 'node:fs';
import { HEADER_CELLS, inlineRow, lyingZip, SHEET_HEAD, SHEET_TAIL, workbookParts } from './lying-xlsx.ts';

/**
 * Issue #16's hostile uploads, and what a server process does while it refuses one: how long
 * /api/health takes to answer (polled every 100 ms) and how far the process's RSS climbs
 * (VmRSS, sampled every 50 ms). Shared by bench/faults/hostile-upload-health.ts (full-size
 * files, both engines) and tests/reliability/hostile-upload-health.test.ts (smaller ones).
 */

const SST_HEAD = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

/**
 * A shared-string table of `strings` short distinct-looking strings (about 33 bytes of XML
 * each: 20 million make 660 MB) whose central directory and local header declare 1,000 bytes.
 */
export function sharedStringsBomb(strings: number): Buffer {
  const perSegment = 20_000;
  let segment = '';
  for (let i = 0; i < perSegment; i++) segment += `<si><t>product-${String(((i % 700) * 7919) % 100_000).padStart(6, '0')}</t></si>`;
  return lyingZip(
    workbookParts(
      { head: SHEET_HEAD + inlineRow(1, HEADER_CELLS), tail: SHEET_TAIL },
      { head: SST_HEAD, repeat: { unit: segment, times: Math.ceil(strings / perSegment) }, tail: '</sst>', declare: 1000 },
    ),
  );
}

/** A worksheet of `rows` rows of one 30,000-character cell (600 MB for 20,000), declared as 1,000 bytes. */
export function sheetBomb(rows: number): Buffer {
  return lyingZip(
    workbookParts({
      head: SHEET_HEAD + inlineRow(1, HEADER_CELLS),
      repeat: { unit: inlineRow(null, ['x'.repeat(30_000)]), times: rows },
      tail: SHEET_TAIL,
      declare: 1000,
    }),
  );
}

/**
 * A worksheet of `rows` rows, each a 30,000-character producer name that deflates about 70:1 —
 * under the ratio limit, so only the size limits and the cell-text cap stop it. Its headers
 * declare its true size; past 64 MB its CRC is left 0 (as lyingZip does), so a reader that
 * got to the end would call it damaged instead.
 */
export function wideCellsFile(rows: number): Buffer {
  // A pseudo-random stretch of Latin letters, repeated: deflate keeps its literals once per row.
  let seed = 16;
  let stretch = '';
  for (let i = 0; i < 315; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    stretch += String.fromCharCode(97 + (seed >>> 16) % 26);
  }
  const cell = stretch.repeat(Math.ceil(30_000 / stretch.length)).slice(0, 30_000);
  return lyingZip(workbookParts({ head: SHEET_HEAD + inlineRow(1, HEADER_CELLS), repeat: { unit: inlineRow(null, [cell]), times: rows }, tail: SHEET_TAIL }));
}

/** Resident set size of process `pid` in bytes (Linux). */
export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

export interface Auth {
  cookie: string;
  csrf: string;
}

export async function signIn(base: string, username: string, password: string): Promise<Auth> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: `otop_session=${/otop_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]}`, csrf: csrfToken };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The process's RSS once it has settled: the lowest of a few samples over `ms`. */
export async function idleRss(pid: number, ms = 1000): Promise<number> {
  let low = rssBytes(pid);
  for (let t = 0; t < ms; t += 50) {
    await sleep(50);
    low = Math.min(low, rssBytes(pid));
  }
  return low;
}

export interface UploadProbe {
  status: number;
  /** The file-level issue codes of the answer (row null). */
  codes: string[];
  /** The English message of the first file-level issue. */
  message: string;
  body: unknown;
  /** Time from sending the upload to its answer. */
  answerMs: number;
  /** Health answers while the upload ran. */
  healthChecks: number;
  healthMaxMs: number;
  healthP95Ms: number;
  /** Health answers that were not 200. */
  healthFailures: number;
  /**
   * The slowest answer of a route that needs no database (GET /api/submissions without a
   * session: 401), polled beside health — a stalled event loop shows here, a busy database not.
   */
  loopMaxMs: number;
  /** Highest RSS while the upload ran. */
  peakRss: number;
}

/**
 * Uploads `bytes` as `name` for district 3801 and `round`, while polling /api/health every
 * 100 ms (one at a time: a stalled event loop shows as one long answer) and sampling RSS.
 */
export async function probeUpload(base: string, auth: Auth, pid: number, bytes: Buffer, name: string, round: string): Promise<UploadProbe> {
  let done = false;
  let peakRss = rssBytes(pid);
  const sampler = setInterval(() => {
    try {
      peakRss = Math.max(peakRss, rssBytes(pid));
    } catch {
      /* the process is gone: the answer says so */
    }
  }, 50);
  const latencies: number[] = [];
  let healthFailures = 0;
  const poller = (async () => {
    while (!done) {
      const started = performance.now();
      const res = await fetch(`${base}/api/health`).catch(() => null);
      if (res) await res.arrayBuffer();
      const ms = performance.now() - started;
      latencies.push(ms);
      if (res?.status !== 200) healthFailures++;
      await sleep(Math.max(0, 100 - ms));
    }
  })();
  let loopMaxMs = 0;
  const loopPoller = (async () => {
    while (!done) {
      const started = performance.now();
      const res = await fetch(`${base}/api/submissions`).catch(() => null);
      if (res) await res.arrayBuffer();
      const ms = performance.now() - started;
      loopMaxMs = Math.max(loopMaxMs, ms);
      await sleep(Math.max(0, 100 - ms));
    }
  })();
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  form.set('round', round);
  form.set('district', '3801');
  const started = performance.now();
  let status: number;
  let body: unknown;
  try {
    const res = await fetch(`${base}/api/submissions`, { method: 'POST', headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf }, body: form });
    status = res.status;
    body = await res.json().catch(() => null);
  } finally {
    done = true;
    await poller;
    await loopPoller;
    clearInterval(sampler);
  }
  const answerMs = performance.now() - started;
  peakRss = Math.max(peakRss, rssBytes(pid));
  const issues = ((body as { report?: { issues?: unknown } } | null)?.report?.issues ?? (body as { issues?: unknown } | null)?.issues ?? []) as {
    row: number | null;
    code: string;
    message?: { en?: string };
  }[];
  const fileIssues = issues.filter((i) => i.row === null);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    status,
    codes: fileIssues.map((i) => i.code),
    message: fileIssues[0]?.message?.en ?? '',
    body,
    answerMs,
    healthChecks: latencies.length,
    healthMaxMs: sorted.at(-1) ?? NaN,
    healthP95Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? NaN,
    healthFailures,
    loopMaxMs,
    peakRss,
  };
}
