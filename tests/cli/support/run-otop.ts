import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../../bin/otop.js', import.meta.url));
const MAX_RSS = fileURLToPath(new URL('./print-max-rss.mjs', import.meta.url));

export interface OtopRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time of the whole process, as a user waits for it. */
  ms: number;
  /** Peak resident memory of the process (kB), when measured. */
  maxRssKb?: number;
}

/**
 * Runs `bin/otop.js …` as a user does (`npx otop …`): a child process, its own environment
 * (no DATABASE_URL unless given), in `cwd` (the project root by default).
 */
export function runOtop(args: string[], opts: { env?: Record<string, string>; cwd?: string; measureRss?: boolean; stdin?: string } = {}): Promise<OtopRun> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DEMO: '0', ...opts.env };
  const node = opts.measureRss ? ['--import', MAX_RSS, BIN] : [BIN];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...node, ...args], { cwd: opts.cwd ?? ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(opts.stdin ?? '');
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - started;
      const rss = /^max-rss-kb=(\d+)$/m.exec(stderr);
      if (rss) stderr = stderr.replace(/^max-rss-kb=\d+\n?/m, '');
      resolve({ code, stdout, stderr, ms, ...(rss ? { maxRssKb: Number(rss[1]) } : {}) });
    });
  });
}
