import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { createApp } from '../../api/create-app.ts';
import { loadConfig } from '../../api/config.ts';

describe(`GET /api/health (${TEST_ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t.close());

  it('answers 200 with the engine in use', async () => {
    const app = createApp({ db: t.db, engine: t.engine, config: loadConfig({}) });
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; database: string; databaseVersion: string };
    expect(body.status).toBe('ok');
    expect(body.database).toBe(TEST_ENGINE);
    expect(body.databaseVersion).toMatch(/^1[5-9]/);
  });

  it('checks the read replica too when there is one, and answers 503 when it is down', async () => {
    const replica = await createTestDb();
    const app = createApp({ db: t.db, readDb: replica.db, engine: t.engine, config: loadConfig({}) });
    const up = await app.request('/api/health');
    expect(up.status).toBe(200);
    expect(((await up.json()) as { readReplicaLatencyMs: number | null }).readReplicaLatencyMs).toBeGreaterThanOrEqual(0);
    await replica.close();
    const down = await app.request('/api/health');
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await down.json()) as { titleTh: string }).titleTh).toContain('READ_DATABASE_URL');
  });

  it('answers an unknown route with problem+json 404', async () => {
    const app = createApp({ db: t.db, engine: t.engine, config: loadConfig({}) });
    const res = await app.request('/api/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { type: string; title: string; titleTh: string };
    expect(body.type).toMatch(/\/not-found$/);
    expect(body.titleTh).toBe('ไม่พบสิ่งที่ขอ');
  });
});
