import type { MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';

const COMPRESSIBLE = /^(?:application\/(?:json|geo\+json|problem\+json)|text\/(?:html|css|javascript|csv|plain)|image\/svg\+xml)(?:[;\s]|$)/i;

/**
 * gzip for answers worth compressing (JSON, the dashboard's HTML, scripts and styles) when the
 * client accepts it: a district office on a slow line downloads the dashboard's chart code in
 * ≈ 200 KB instead of ≈ 620 KB. Analyst exports stream as they are (Arrow and Parquet carry
 * their own compression; a CSV export is streamed raw so its pace follows the reader). Answers
 * that are already encoded (the progress route's cached gzip) pass untouched.
 */
export function compressResponses(): MiddlewareHandler {
  const gzip = compress({ encoding: 'gzip', threshold: 1024, contentTypeFilter: COMPRESSIBLE });
  return async function compressResponse(c, next) {
    if (c.req.path.startsWith('/api/exports/')) return next();
    return gzip(c, next);
  };
}
