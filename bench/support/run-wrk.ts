import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
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
 * cores): `clients` connections on two threads for `seconds`, signed in by `cookie`. Runs
 * asynchronously: a blocked event loop would leave the caller's keep-alive sockets to the server
 * unread, and its next request would go out on one the server had already closed.
 */
export async function runWrk(
  url: string,
  options: { cookie: string; clients: number; seconds: number; acceptEncoding?: string },
): Promise<WrkSummary> {
  const args = ['-t2', `-c${options.clients}`, `-d${options.seconds}s`, '--timeout', '10s', '-s', join(import.meta.dirname, 'wrk-latency.lua'), url];
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)('wrk', args, {
      encoding: 'utf8',
      env: { ...process.env, OTOP_COOKIE: options.cookie, OTOP_ACCEPT_ENCODING: options.acceptEncoding ?? '' },
    }));
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new Error('wrk could not run; install it: apt-get install wrk');
    throw new Error(`wrk failed: ${e.stderr ?? e.message}`);
  }
  const line = stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
  return JSON.parse(line) as WrkSummary;
}
