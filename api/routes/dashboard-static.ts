import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { sendProblem, PROBLEM_BASE } from '../http/problem.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Vite names built assets with a content hash, so they never change under the same URL. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export const DEFAULT_DASHBOARD_ROOT = fileURLToPath(new URL('../../dist/dashboard/', import.meta.url));

function respond(method: string, body: Buffer, headers: Record<string, string>): Response {
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...headers, 'content-length': String(body.byteLength), 'x-content-type-options': 'nosniff' },
  });
}

export interface DashboardStaticOptions {
  /** Folder of the built dashboard (`npm run build:dashboard` writes dist/dashboard). */
  root?: string;
}

/**
 * Serves the built dashboard: files under /assets/ with a year-long immutable cache, any other
 * GET that is not /api and names no file gets index.html (the client routes it), with
 * revalidation. Mounted last, so every API route wins; /api paths are never answered here.
 */
export function dashboardStatic(options: DashboardStaticOptions = {}): Hono<AppEnv> {
  const root = normalize(options.root ?? DEFAULT_DASHBOARD_ROOT);
  const app = new Hono<AppEnv>();

  async function file(relative: string): Promise<{ body: Buffer; etag: string } | null> {
    const full = normalize(join(root, relative));
    if (!full.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
    try {
      const s = await stat(full);
      if (!s.isFile()) return null;
      return { body: await readFile(full), etag: `W/"${s.size.toString(16)}-${Math.floor(s.mtimeMs).toString(16)}"` };
    } catch {
      return null;
    }
  }

  app.use('*', async function dashboard(c, next) {
    const method = c.req.method;
    const path = c.req.path;
    if ((method !== 'GET' && method !== 'HEAD') || path === '/api' || path.startsWith('/api/')) return next();

    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return next();
    }
    if (decoded.includes('\0') || decoded.split('/').includes('..')) return next();

    const ext = extname(decoded);
    const asset = decoded !== '/' && ext !== '' ? await file(decoded) : null;
    if (asset) {
      const hashed = decoded.startsWith('/assets/');
      if (!hashed && c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
      return respond(method, asset.body, {
        'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
        'cache-control': hashed ? IMMUTABLE : REVALIDATE,
        ...(hashed ? {} : { etag: asset.etag }),
      });
    }
    // A missing file with an extension (a stale /assets/ URL) is a 404, not the app shell.
    if (ext !== '' && ext !== '.html') return next();

    const index = await file('index.html');
    if (!index) {
      return sendProblem(c, {
        type: `${PROBLEM_BASE}dashboard-not-built`,
        title: 'The dashboard is not built: run npm run build:dashboard',
        titleTh: 'ยังไม่ได้สร้างหน้าเว็บ กรุณารัน npm run build:dashboard',
        status: 503,
        instance: path,
      });
    }
    if (c.req.header('if-none-match') === index.etag) return c.body(null, 304);
    return respond(method, index.body, { 'content-type': CONTENT_TYPES['.html']!, 'cache-control': REVALIDATE, etag: index.etag });
  });
  return app;
}
