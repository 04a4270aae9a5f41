import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** wrk's summary of one run, as bench/support/wrk-latency.lua prints it (times in µs). */
export interface WrkSummary {
  requests: number;
  durationUs: number;
  bytes: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  non2xx: number;
  socketErrors: number;
}

/**
 * Loads one URL with `wrk` (a C load generator from Debian's packages: it takes a fraction of
 * the CPU a Node.js client would, which matters when server, PostgreSQL and load share two
 * cores): `clients` connections on two threads for `seconds`, signed in by `cookie`.
 */
export function runWrk(url: string, options: { cookie: string; clients: number; seconds: number; acceptEncoding?: string }): WrkSummary {
  const r = spawnSync(
    'wrk',
    ['-t2', `-c${options.clients}`, `-d${options.seconds}s`, '--timeout', '10s', '-s', join(import.meta.dirname, 'wrk-latency.lua'), url],
    { encoding: 'utf8', env: { ...process.env, OTOP_COOKIE: options.cookie, OTOP_ACCEPT_ENCODING: options.acceptEncoding ?? '' } },
  );
  if (r.error) throw new Error(`wrk could not run (${r.error.message}); install it: apt-get install wrk`);
  if (r.status !== 0) throw new Error(`wrk failed: ${r.stderr}`);
  const line = r.stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (!line) throw new Error(`wrk printed no summary:\n${r.stdout}`);
  return JSON.parse(line) as WrkSummary;
}
