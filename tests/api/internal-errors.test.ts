import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../api/create-app.ts';
import { loadConfig } from '../../api/config.ts';
import type { Db } from '../../db/create-db.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';

describe(`internal errors (${TEST_ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t.close());

  it('answer 500 problem+json without the internal message, and log it with citizen IDs masked and no bound parameters', async () => {
    const failing = new Proxy(t.db, {
      get(target, prop, receiver) {
        if (prop === 'execute') {
          return () => {
            const err = new Error('Failed query: select 1 where thai_id = $1\nparams: 1103700123458');
            (err as Error & { cause: unknown }).cause = Object.assign(new Error('duplicate key (thai_id)=(3380100012345)'), { code: '23505' });
            throw err;
          };
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    }) as Db;
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
    });
    try {
      const app = createApp({ db: failing, engine: t.engine, config: loadConfig({}) });
      const res = await app.request('/api/health');
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = await res.text();
      expect(JSON.parse(body)).toMatchObject({ status: 500, title: 'Internal server error', titleTh: 'ระบบขัดข้อง กรุณาลองใหม่อีกครั้ง' });
      for (const secret of ['Failed query', 'thai_id', '1103700123458', '3380100012345', 'duplicate key']) expect(body).not.toContain(secret);
      const log = logged.join('\n');
      expect(log).toContain('GET /api/health');
      expect(log).toContain('[23505]');
      expect(log).not.toContain('1103700123458');
      expect(log).not.toContain('3380100012345');
      expect(log).toContain('x-xxxx-xxxxx-34-5');
    } finally {
      spy.mockRestore();
    }
  });
});
