// The CLI as plain JavaScript, built by esbuild into a cache folder and rebuilt whenever one of
// its sources changed, so that `otop` runs without tsx's loader: the loader (its hooks thread and
// the transformed sources it keeps) cost ~50 MB of every command's memory and ~1.5 s of its start.
//
// - One build per state of the sources: the build records the mtime and size of every file it
//   read (project sources, JSON, tsconfig.json, this file); each run stats them (≈ 260 files,
//   a few ms) and rebuilds when any differs or is gone, so a developer never runs stale code.
// - Packages stay external (resolved from node_modules at run time, as under tsx) and the build
//   is split at every dynamic import, so each command still loads only its own modules.
// - `import.meta.url`, `.dirname` and `.filename` in our sources are replaced by the source
//   file's own values: a path relative to the source (migrations, fonts, seed data, dist/, the
//   shared geography) means the same thing in the build as in the checkout.
// - Builds are written under a fresh name and published by renaming the manifest, so processes
//   building at the same time never see a half-written build; a build is removed a day after
//   it was replaced (a running process may still load its chunks).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MANIFEST_VERSION = 1;
const THIS_FILE = fileURLToPath(import.meta.url);
const KEEP_REPLACED_MS = 24 * 60 * 60 * 1000;
const LOADERS = { '.ts': 'ts', '.tsx': 'tsx', '.mts': 'ts', '.js': 'js', '.mjs': 'js', '.jsx': 'jsx', '.json': 'json' };

/** @param {string} file */
function stampOf(file) {
  const s = statSync(file);
  return [s.mtimeMs, s.size];
}

/**
 * The current build's entry, or null when any recorded input changed (or there is none).
 * @param {string} root @param {string} cacheDir @param {string} entry
 */
function currentBuild(root, cacheDir, entry) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(cacheDir, 'manifest.json'), 'utf8'));
  } catch {
    return null;
  }
  if (manifest.version !== MANIFEST_VERSION || manifest.root !== root || manifest.entry !== entry) return null;
  for (const [file, mtimeMs, size] of manifest.inputs) {
    try {
      const [m, s] = stampOf(join(root, file));
      if (m !== mtimeMs || s !== size) return null;
    } catch {
      return null;
    }
  }
  const main = join(cacheDir, manifest.build, manifest.main);
  return existsSync(main) ? main : null;
}

/**
 * esbuild plugin: loads our own sources (not node_modules) itself, recording each file's stamp
 * as read (an edit during the build is then seen as a change on the next run) and replacing
 * `import.meta` properties by the source's own values.
 * @param {string} root @param {Map<string, [number, number]>} stamps
 */
function sourcePlugin(root, stamps) {
  return {
    name: 'otop-sources',
    setup(build) {
      build.onLoad({ filter: /\.(m?[jt]sx?|json)$/ }, async (args) => {
        if (args.namespace !== 'file' || args.path.split(sep).includes('node_modules') || relative(root, args.path).startsWith('..')) return undefined;
        const s = await stat(args.path);
        let contents = await readFile(args.path, 'utf8');
        stamps.set(args.path, [s.mtimeMs, s.size]);
        const ext = args.path.slice(args.path.lastIndexOf('.'));
        if (ext !== '.json') {
          contents = contents
            .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
            .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
            .replaceAll('import.meta.filename', JSON.stringify(args.path));
          // Anything else of import.meta (resolve, env) would silently mean the build's location.
          if (contents.includes('import.meta')) {
            return { errors: [{ text: `${relative(root, args.path)}: import.meta other than url, dirname or filename cannot be built` }] };
          }
        }
        return { contents, loader: LOADERS[ext] ?? 'default', resolveDir: dirname(args.path) };
      });
    },
  };
}

/**
 * Builds `entry` (relative to `root`) into a new folder of `cacheDir` and publishes it.
 * @param {string} root @param {string} cacheDir @param {string} entry
 */
async function build(root, cacheDir, entry) {
  const esbuild = await import('esbuild');
  const buildName = `build-${Date.now().toString(36)}-${process.pid}`;
  const outdir = join(cacheDir, buildName);
  const stamps = new Map();
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: { main: join(root, entry) },
      outdir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20.19',
      packages: 'external',
      // Class and function names stay as written (errors are told apart by name).
      keepNames: true,
      metafile: true,
      logLevel: 'silent',
      plugins: [sourcePlugin(root, stamps)],
    });
  } finally {
    await esbuild.stop?.();
  }
  // Inputs esbuild read without the plugin, then tsconfig.json (compiler options) and this file (build options).
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = join(root, input);
    if (!stamps.has(file) && !input.split('/').includes('node_modules')) stamps.set(file, stampOf(file));
  }
  for (const file of [join(root, 'tsconfig.json'), THIS_FILE]) if (existsSync(file)) stamps.set(file, stampOf(file));
  const manifest = {
    version: MANIFEST_VERSION,
    root,
    entry,
    build: buildName,
    main: 'main.js',
    inputs: [...stamps].map(([file, [mtimeMs, size]]) => [relative(root, file), mtimeMs, size]).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
  };
  const temp = join(cacheDir, `.manifest-${process.pid}.json`);
  writeFileSync(temp, `${JSON.stringify(manifest)}\n`);
  renameSync(temp, join(cacheDir, 'manifest.json'));
  removeReplacedBuilds(cacheDir, buildName);
  return join(outdir, 'main.js');
}

/** @param {string} cacheDir @param {string} keep */
function removeReplacedBuilds(cacheDir, keep) {
  for (const name of readdirSync(cacheDir)) {
    if (!name.startsWith('build-') || name === keep) continue;
    const dir = join(cacheDir, name);
    try {
      if (Date.now() - statSync(dir).mtimeMs > KEEP_REPLACED_MS) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}

/**
 * The path of the built CLI entry, up to date with its sources: the cached build when every
 * input is unchanged, else a new build (~1 s).
 * @param {{ root: string, cacheDir?: string, entry?: string }} options
 * @returns {Promise<{ main: string, built: boolean }>}
 */
export async function freshCliBuild({ root: given, cacheDir = join(given, '.cache', 'cli'), entry = join('cli', 'main.ts') }) {
  const root = resolve(given);
  const current = currentBuild(root, cacheDir, entry);
  if (current) return { main: current, built: false };
  mkdirSync(cacheDir, { recursive: true });
  return { main: await build(root, cacheDir, entry), built: true };
}
