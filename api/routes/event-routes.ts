import { createRoute } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { requireRole } from '../auth/require-user.ts';
import { DATA_ROLES } from '../auth/session-user.ts';
import { eventInScope, type LiveEvent } from '../events/live-event.ts';
import { LiveEventsClosedError } from '../events/live-events.ts';
import { authedProblems, newRouter, SECURITY } from '../http/openapi-common.ts';
import { problem } from '../http/problem.ts';

/** How long a browser waits before reconnecting after the stream ends or breaks. */
const RETRY_MS = 2000;

const eventsRoute = createRoute({
  method: 'get',
  path: '/events',
  tags: ['progress'],
  summary: 'Server-sent events: what changed in the caller’s scope, as it commits',
  description:
    'A text/event-stream. `change` events carry `{ kind, fiscalYear, quarter, province, district }` (kind: data, district-round, province-round, plan; a null province is national) with an id; `refresh` means changes may have been missed (a Last-Event-ID too old or from another API process): reload everything. A `ready` event opens the stream with the current id. Comment lines every 25 s keep proxies from closing it. At most 6 open streams per account (429 beyond). Fed by PostgreSQL LISTEN/NOTIFY, so every API process behind a load balancer tells its own clients.',
  security: SECURITY,
  middleware: [requireRole(...DATA_ROLES)],
  responses: {
    200: { description: 'The event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
    ...authedProblems(429),
  },
});

const wire = (e: LiveEvent) =>
  JSON.stringify({ kind: e.kind, fiscalYear: e.fiscalYear, quarter: e.quarter, province: e.provinceCode, district: e.districtCode });

export function eventRoutes() {
  return newRouter().openapi(eventsRoute, async (c) => {
    const { events } = c.get('deps');
    const user = c.get('user');
    const release = events.claim(user.id);
    if (!release) {
      throw problem(
        429,
        'too-many-streams',
        { en: 'Too many live-update connections for this account', th: 'บัญชีนี้เปิดการอัปเดตอัตโนมัติไว้หลายหน้าต่างเกินกำหนด' },
        {
          detail: 'Close another tab of the dashboard; this one checks for changes every few seconds instead.',
          detailTh: 'ปิดแท็บอื่นของระบบ หน้านี้จะตรวจสอบการเปลี่ยนแปลงทุกไม่กี่วินาทีแทน',
        },
        { 'retry-after': '30' },
      );
    }
    try {
      await events.start();
    } catch (err) {
      release();
      // Shutting down: the browser retries, and the balancer sends it to another process.
      if (err instanceof LiveEventsClosedError) {
        throw problem(503, 'shutting-down', { en: 'This server is restarting; try again shortly', th: 'เซิร์ฟเวอร์กำลังเริ่มระบบใหม่ กรุณาลองใหม่อีกครั้งในอีกสักครู่' }, {}, { 'retry-after': '2' });
      }
      throw err;
    }
    const lastEventId = c.req.header('last-event-id') ?? null;
    // Behind nginx: pass each event on at once instead of buffering the answer.
    c.header('x-accel-buffering', 'no');
    return streamSSE(c, async (stream) => {
      // Writes go one after another, in the order the changes were numbered.
      let chain = Promise.resolve();
      const send = (write: () => Promise<void>) => {
        chain = chain.then(write).catch(() => {});
      };
      let finish!: () => void;
      const finished = new Promise<void>((resolve) => (finish = resolve));
      const { missed, current, unsubscribe } = events.subscribe(
        {
          event: (e) => {
            if (eventInScope(user, e)) send(() => stream.writeSSE({ event: 'change', id: e.id, data: wire(e) }));
          },
          refresh: () => send(() => stream.writeSSE({ event: 'refresh', data: '{}' })),
          close: finish,
        },
        lastEventId,
      );
      stream.onAbort(finish);
      send(() => stream.writeSSE({ event: 'ready', id: current, retry: RETRY_MS, data: '{}' }));
      if (missed === 'refresh') send(() => stream.writeSSE({ event: 'refresh', data: '{}' }));
      else for (const e of missed ?? []) if (eventInScope(user, e)) send(() => stream.writeSSE({ event: 'change', id: e.id, data: wire(e) }));
      const heartbeat = setInterval(() => send(() => stream.write(': keep-alive\n\n').then(() => {})), events.heartbeatMs);
      const lifetime = setTimeout(finish, events.maxStreamMs);
      try {
        await finished;
      } finally {
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        unsubscribe();
        release();
      }
      // Writes still queued are dropped with the stream; their ids were never sent, so a
      // reconnect's Last-Event-ID replays them.
    });
  });
}
