import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the dashboard when dist/dashboard is missing or older than its sources (`npm start`
 * runs this first, as `prestart`; the e2e tests call it too). A fresh build is left alone, so
 * a second start costs a directory walk, not a build.
 */
const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const DASHBOARD_DIST = join(REPO, 'dist', 'dashboard');
const SOURCES = ['dashboard', 'domain', 'api/queries/progress.ts', 'api/queries/progress', 'package-lock.json'];

async function newestMtime(path: string): Promise<number> {
  let s;
  try {
    s = await stat(path);
  } catch {
    return 0;
  }
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of await readdir(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, await newestMtime(join(path, entry)));
  }
  return newest;
}

export async function dashboardBuildIsStale(): Promise<boolean> {
  let built: number;
  try {
    built = (await stat(join(DASHBOARD_DIST, 'index.html'))).mtimeMs;
  } catch {
    return true;
  }
  const sources = await Promise.all(SOURCES.map((s) => newestMtime(join(REPO, s))));
  return Math.max(...sources) > built;
}

export async function ensureDashboardBuild(options: { force?: boolean; quiet?: boolean } = {}): Promise<{ built: boolean; ms: number }> {
  const started = performance.now();
  if (!options.force && !(await dashboardBuildIsStale())) return { built: false, ms: 0 };
  const { build } = await import('vite');
  await build({ configFile: join(REPO, 'dashboard', 'vite.config.ts'), logLevel: options.quiet ? 'silent' : 'warn' });
  return { built: true, ms: Math.round(performance.now() - started) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureDashboardBuild({ force: process.argv.includes('--force') }).then(
    (r) => console.log(r.built ? `Dashboard built into dist/dashboard in ${r.ms} ms` : 'Dashboard build is up to date (dist/dashboard)'),
    (err: unknown) => {
      console.error('Dashboard build failed:', err);
      process.exit(1);
    },
  );
}
