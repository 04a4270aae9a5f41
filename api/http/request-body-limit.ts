import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problem } from './problem.ts';

/** The largest request body a JSON route reads: every JSON body this API takes is a few hundred bytes. */
export const JSON_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Every request body is refused (413 problem+json) past `maxBytes`, before more than that is
 * read: from Content-Length at once, and for a body without one (chunked) as soon as the bytes
 * read pass the limit; a body within it is buffered (at most `maxBytes`). Routes listed in
 * `exempt` ('POST /api/submissions', or a pattern) set their own, larger limit after checking who calls —
 * applying theirs here would buffer a chunked upload for anyone before the 401.
 */
export function requestBodyLimit(options: { maxBytes: number; exempt: readonly (string | RegExp)[] }): MiddlewareHandler {
  const exempt = new Set(options.exempt.filter((e): e is string => typeof e === 'string'));
  const patterns = options.exempt.filter((e): e is RegExp => e instanceof RegExp);
  const kb = Math.round(options.maxBytes / 1024);
  const limit = bodyLimit({
    maxSize: options.maxBytes,
    onError: () => {
      throw problem(
        413,
        'too-large',
        { en: 'The request is larger than allowed', th: 'ข้อมูลที่ส่งมามีขนาดใหญ่เกินกำหนด' },
        {
          detail: `Request bodies on this route may be at most ${kb} KB.`,
          detailTh: `ข้อมูลที่ส่งมายังเส้นทางนี้ต้องมีขนาดไม่เกิน ${kb} KB`,
          limitBytes: options.maxBytes,
        },
      );
    },
  });
  return async function requestBodyLimit(c, next) {
    const route = `${c.req.method} ${c.req.path}`;
    if (exempt.has(route) || patterns.some((p) => p.test(route))) return next();
    return limit(c, next);
  };
}
