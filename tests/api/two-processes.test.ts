import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../api/accounts/create-account.ts';
import { CLI_ACTOR } from '../../api/accounts/account-actor.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { startServer, stopServer, type ServerProcess } from '../../testkit/server-process.ts';
import { createTestDb, TEST_DATABASE_URL, type TestDb } from '../support/test-db.ts';

// The one test that opens ports: two real API processes (`api/server.ts`) on one PostgreSQL
// database. PGlite is an embedded database owned by one process, so this runs in the
// PostgreSQL pass only (TEST_DATABASE_URL).

const cookieOf = (res: Response) => /otop_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

describe.skipIf(!TEST_DATABASE_URL)('two API processes on one PostgreSQL (PostgreSQL pass only: PGlite is one process’s embedded database)', () => {
  let t: TestDb;
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;

  beforeAll(async () => {
    t = await createTestDb();
    await seedReference(t.db);
    await createAccount(t.db, { username: 'province38', role: 'province', scope: '38', password: 'province-38-password' }, { actor: CLI_ACTOR, now: new Date(), activationTtlDays: 1 });
    // One after the other: each start applies migrations and reference data (no-ops by then).
    a = await startServer(t.url!);
    b = await startServer(t.url!);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([stopServer(a?.child), stopServer(b?.child)]);
    await t?.close();
  });

  it('a session made on one process is valid on the other, and a sign-out on either ends it on both', async () => {
    const login = await fetch(`${a!.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'province38', password: 'province-38-password' }),
    });
    expect(login.status).toBe(200);
    const { csrfToken, user } = (await login.json()) as { csrfToken: string; user: { id: string } };
    const cookie = `otop_session=${cookieOf(login)}`;

    const onB = await fetch(`${b!.base}/api/me`, { headers: { cookie } });
    expect(onB.status).toBe(200);
    const me = (await onB.json()) as { user: { id: string; username: string }; csrfToken: string };
    expect(me.user).toMatchObject({ id: user.id, username: 'province38' });
    expect(me.csrfToken).toBe(csrfToken);

    // A state change on B with the CSRF token issued by A.
    const submitOnB = await fetch(`${b!.base}/api/rounds/2561-Q1/districts/3801/certify`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(submitOnB.status).toBe(409); // signed in and authorised; the district has not submitted yet
    const problem = (await submitOnB.json()) as { currentState: string };
    expect(problem.currentState).toBe('open');

    const logout = await fetch(`${b!.base}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(logout.status).toBe(204);
    expect((await fetch(`${a!.base}/api/me`, { headers: { cookie } })).status).toBe(401);
    expect((await fetch(`${b!.base}/api/me`, { headers: { cookie } })).status).toBe(401);
  });
});
