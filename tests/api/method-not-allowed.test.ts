import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../support/test-db.ts';
import { createApiFixture, type ApiFixture } from './support/api-fixture.ts';

describe(`wrong methods on existing paths (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture({ accounts: [] });
  });
  afterAll(async () => f.close());

  it.each([
    ['GET', '/api/auth/login', 'POST'],
    ['DELETE', '/api/health', 'GET, HEAD'],
    ['POST', '/api/openapi.json', 'GET, HEAD'],
    ['PUT', '/api/admin/users', 'GET, HEAD, POST'],
    ['GET', '/api/admin/users/7f1e6f3a-0000-4000-8000-000000000000/disable', 'POST'],
    ['DELETE', '/api/submissions', 'GET, HEAD, POST'],
  ])('%s %s: 405 problem+json with Allow: %s', async (method, path, allow) => {
    const res = await f.app.request(path, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const p = (await res.json()) as { type: string; title: string; titleTh: string; detail: string };
    expect(p.type).toMatch(/\/method-not-allowed$/);
    expect(p.titleTh).toBe('ไม่รองรับวิธีการร้องขอนี้');
    expect(p.detail).toContain(`${method} is not allowed on ${path}`);
  });

  it('a path that does not exist stays 404, whatever the method', async () => {
    for (const method of ['GET', 'POST']) {
      const res = await f.app.request('/api/no-such-thing', { method });
      expect(res.status).toBe(404);
      expect(res.headers.get('allow')).toBeNull();
    }
  });
});
