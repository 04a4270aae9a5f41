import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/create-app.ts';
import { loadConfig } from '../../api/config.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { security?: unknown; requestBody?: unknown; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; in: string; name: string }> };
};

describe(`GET /api/openapi.json (${TEST_ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t.close());

  it('is an OpenAPI 3.1 document listing every route of the API with its method', async () => {
    const app = createApp({ db: t.db, engine: t.engine, config: loadConfig({}) });
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    const routes = app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(25);
    for (const r of routes) {
      const path = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${r.path}`).toBeDefined();
    }
  });

  it('declares request and response schemas (zod) and problem responses, and the session cookie scheme', async () => {
    const app = createApp({ db: t.db, engine: t.engine, config: loadConfig({}) });
    const doc = (await (await app.request('/api/openapi.json')).json()) as Doc;
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'otop_session' });
    for (const name of ['Problem', 'Issue', 'SessionInfo', 'DistrictRoundStatus', 'DistrictTransition', 'ProducerPage', 'ProductPage', 'AuditPage', 'SubmissionReport', 'Account']) {
      expect(doc.components.schemas[name], name).toBeDefined();
    }
    const certify = doc.paths['/api/rounds/{round}/districts/{code}/certify']!.post!;
    expect(certify.requestBody).toBeDefined();
    expect(Object.keys(certify.responses).sort()).toEqual(['200', '401', '403', '404', '409', '422']);
    expect(certify.security).toEqual([{ sessionCookie: [] }, { bearerToken: [] }]);
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: 'http' });
    expect(doc.paths['/api/tokens']!.post!.security).toEqual([{ sessionCookie: [] }]);
    expect(JSON.stringify(doc.paths['/api/submissions']!.post!.requestBody)).toContain('multipart/form-data');
    expect(Object.keys(doc.paths['/api/submissions']!.post!.responses)).toContain('413');
    expect(doc.paths['/api/progress']?.get).toBeDefined();
  });
});
