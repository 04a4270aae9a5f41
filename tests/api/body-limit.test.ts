import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_BODY_LIMIT_BYTES } from '../../api/http/request-body-limit.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { createApiFixture, signIn, type ApiFixture } from './support/api-fixture.ts';

/** A body of `total` bytes handed out in 16 KB chunks, counting how many the server pulled. */
function countingBody(total: number) {
  const chunk = new Uint8Array(16 * 1024).fill(0x20);
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      counter.pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

type Problem = { type: string; status: number; detail: string; detailTh: string; limitBytes: number };

describe(`request body limits (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture({ accounts: ['admin', 'analyst'] });
  });
  afterAll(async () => f.close());

  const expectTooLarge = async (res: Response) => {
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const p = (await res.json()) as Problem;
    expect(p.type).toMatch(/\/too-large$/);
    expect(p.limitBytes).toBe(64 * 1024);
    expect(p.detail).toContain('64 KB');
    expect(p.detailTh).toContain('64 KB');
  };

  it('a 1 MB JSON body to the anonymous sign-in: 413 problem+json', async () => {
    const big = JSON.stringify({ username: 'analyst', password: 'x'.repeat(1024 * 1024) });
    await expectTooLarge(await f.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big }));
  });

  it('a declared Content-Length over the limit is refused without reading the body', async () => {
    const { stream, counter } = countingBody(100 * 1024 * 1024);
    const res = await f.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(100 * 1024 * 1024) },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectTooLarge(res);
    // The stream's own read-ahead at most; nothing like the 100 MB declared.
    expect(counter.pulled).toBeLessThanOrEqual(64 * 1024);
  });

  it('a chunked 100 MB body without Content-Length is cut off just past 64 KB', async () => {
    const { stream, counter } = countingBody(100 * 1024 * 1024);
    const res = await f.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    await expectTooLarge(res);
    expect(counter.pulled).toBeGreaterThan(JSON_BODY_LIMIT_BYTES);
    expect(counter.pulled).toBeLessThanOrEqual(JSON_BODY_LIMIT_BYTES + 3 * 16 * 1024);
  });

  it('every JSON route has the limit, signed in too; a body within it still works', async () => {
    const admin = await signIn(f.app, 'admin');
    await expectTooLarge(await admin.post('/api/admin/users', { username: 'big-one', role: 'analyst', displayName: 'ก'.repeat(40_000) }));
    const ok = await admin.post('/api/admin/users', { username: 'small-one', role: 'analyst', displayName: 'ผู้วิเคราะห์' });
    expect(ok.status).toBe(201);
    await expectTooLarge(await admin.post('/api/rounds/2561-Q1/districts/3801/submit', { note: 'x'.repeat(70 * 1024) }));
  });
});
