import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAliveSince } from '../../db/process-alive-since.ts';

/** A produced export file: its path, size, and the strong ETag of its bytes (sha-256). */
export interface CachedExportFile {
  path: string;
  size: number;
  etag: string;
}

export interface ExportFileCacheOptions {
  /** How long a produced file is served for its key (default 10 minutes). */
  ttlMs?: number;
  /** Files kept at most; the oldest goes first (default 16). */
  maxFiles?: number;
  /** Parent of the cache's own temporary directory (default the OS temp directory). */
  parentDir?: string;
  now?: () => number;
}

export interface ExportFileCache {
  /**
   * The file for `key`: the one produced earlier while it is fresh (and while it is being produced,
   * the same pending one), else a new one that `produce` writes into the stream it is given.
   * `produced` tells whether this call made it.
   */
  get(key: string, produce: (target: WriteStream) => Promise<void>): Promise<CachedExportFile & { produced: boolean }>;
  /** Removes every file and the cache directory. */
  close(): Promise<void>;
}

/** `otop-export-cache-<pid>-<random>`: the owning process is in the name, for the sweep below. */
const DIR_PREFIX = 'otop-export-cache-';
const OWNED_DIR = /^otop-export-cache-(\d+)-/;

/** Directories of this process's caches, removed at exit whatever path the exit takes. */
const liveDirs = new Set<string>();
const openCaches = new Set<ExportFileCache>();
let exitHook = false;

function removeLiveDirsAtExit(): void {
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true });
  });
}

/**
 * Removes cache directories under `parent` whose owning process is gone (killed: no exit hook
 * ran), so that they do not pile up in the temporary directory. A directory whose process lives
 * (this one, another server) is left alone; one whose pid now names a process started after the
 * folder last changed (the pid reused) is swept.
 */
export async function sweepStaleExportCaches(parent: string): Promise<string[]> {
  const swept: string[] = [];
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    const pid = Number(OWNED_DIR.exec(name)?.[1] ?? NaN);
    if (!Number.isSafeInteger(pid) || pid === process.pid) continue;
    // The owner made the folder and wrote its files in it: a live process of that pid that
    // started after the folder last changed is a later process given the same pid.
    const changed = await stat(join(parent, name)).then((s) => s.mtimeMs, () => NaN);
    if (Number.isNaN(changed) || processAliveSince(pid, changed)) continue;
    await rm(join(parent, name), { recursive: true, force: true });
    swept.push(name);
  }
  return swept;
}

/** Closes every export file cache of this process (the server's shutdown): their files and directories go. */
export async function closeExportFileCaches(): Promise<void> {
  await Promise.allSettled([...openCaches].map((c) => c.close()));
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('base64url');
}

/**
 * Export files produced once and served many times, so that ranged reads of one URL (DuckDB's
 * httpfs, fsspec, a resumed download) see the same bytes: an export file carries its export time
 * in its metadata, so producing it again would give other bytes. The key names everything the
 * bytes depend on (dataset, format, area, filters, citizen-ID mode, data version); the ETag is the
 * hash of the bytes themselves, so one ETag always means one content, whenever it was produced.
 * Files live in a temporary directory of this process, at most `maxFiles`, each for `ttlMs`; the
 * directory goes with close() (closeExportFileCaches at shutdown) or at the process's exit, and
 * one left by a killed process is swept when the next cache makes its own.
 */
export function createExportFileCache(options: ExportFileCacheOptions = {}): ExportFileCache {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const maxFiles = options.maxFiles ?? 16;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { file: Promise<CachedExportFile>; expiresAt: number }>();
  const parent = options.parentDir ?? tmpdir();
  let dir: Promise<string> | null = null;
  const makeDir = async (): Promise<string> => {
    await sweepStaleExportCaches(parent);
    const made = await mkdtemp(join(parent, `${DIR_PREFIX}${process.pid}-`));
    liveDirs.add(made);
    openCaches.add(cache);
    removeLiveDirsAtExit();
    return made;
  };
  let serial = 0;

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    // A reader streaming the file keeps its open descriptor; the name goes now.
    entry.file.then((f) => rm(f.path, { force: true }), () => {}).catch(() => {});
  };

  const cache: ExportFileCache = {
    async get(key, produce) {
      for (const [k, e] of entries) if (e.expiresAt <= now()) drop(k);
      const fresh = entries.get(key);
      if (fresh) return { ...(await fresh.file), produced: false };
      while (entries.size >= maxFiles) drop(entries.keys().next().value!);
      dir ??= makeDir();
      const folder = await dir;
      // Made again if something (a temp cleaner) removed it while the process ran.
      await mkdir(folder, { recursive: true });
      const path = join(folder, `${++serial}.export`);
      const file = (async (): Promise<CachedExportFile> => {
        await produce(createWriteStream(path));
        const [info, etag] = await Promise.all([stat(path), sha256Of(path)]);
        return { path, size: info.size, etag: `"${etag}"` };
      })();
      entries.set(key, { file, expiresAt: now() + ttlMs });
      try {
        return { ...(await file), produced: true };
      } catch (err) {
        if (entries.get(key)?.file === file) entries.delete(key);
        await rm(path, { force: true });
        throw err;
      }
    },
    async close() {
      openCaches.delete(cache);
      for (const key of [...entries.keys()]) drop(key);
      if (dir) {
        const folder = await dir.catch(() => null);
        dir = null;
        if (folder) {
          await rm(folder, { recursive: true, force: true });
          liveDirs.delete(folder);
        }
      }
    },
  };
  return cache;
}
