import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
 * Files live in a temporary directory of this process, at most `maxFiles`, each for `ttlMs`.
 */
export function createExportFileCache(options: ExportFileCacheOptions = {}): ExportFileCache {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const maxFiles = options.maxFiles ?? 16;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { file: Promise<CachedExportFile>; expiresAt: number }>();
  let dir: Promise<string> | null = null;
  let serial = 0;

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    // A reader streaming the file keeps its open descriptor; the name goes now.
    entry.file.then((f) => rm(f.path, { force: true }), () => {}).catch(() => {});
  };

  return {
    async get(key, produce) {
      for (const [k, e] of entries) if (e.expiresAt <= now()) drop(k);
      const fresh = entries.get(key);
      if (fresh) return { ...(await fresh.file), produced: false };
      while (entries.size >= maxFiles) drop(entries.keys().next().value!);
      dir ??= mkdtemp(join(options.parentDir ?? tmpdir(), 'otop-export-cache-'));
      const path = join(await dir, `${++serial}.export`);
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
      for (const key of [...entries.keys()]) drop(key);
      if (dir) await rm(await dir, { recursive: true, force: true });
    },
  };
}
