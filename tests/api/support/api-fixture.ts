import type { Hono } from 'hono';
import { createApp, type AppEnv } from '../../../api/create-app.ts';
import { loadConfig, type Config } from '../../../api/config.ts';
import { createAccount } from '../../../api/accounts/create-account.ts';
import { CLI_ACTOR } from '../../../api/accounts/account-actor.ts';
import { districts, provinces, subdistricts } from '../../../db/schema/index.ts';
import { seedReference } from '../../../pipeline/seed/seed-reference.ts';
import { createTestDb, type TestDb } from '../../support/test-db.ts';

/** The accounts every API test file gets; a second province (43) exists for cross-province checks. */
export const ACCOUNTS = {
  district3801: { password: 'district-3801-password', role: 'district', scope: '3801' },
  district3802: { password: 'district-3802-password', role: 'district', scope: '3802' },
  province38: { password: 'province-38-password', role: 'province', scope: '38' },
  province43: { password: 'province-43-password', role: 'province', scope: '43' },
  department: { password: 'department-password', role: 'department', scope: '' },
  analyst: { password: 'analyst-password', role: 'analyst', scope: '' },
  admin: { password: 'admin-password', role: 'admin', scope: '' },
} as const;

export type AccountName = keyof typeof ACCOUNTS;

export interface Clock {
  now: Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export interface ApiFixture {
  t: TestDb;
  app: Hono<AppEnv>;
  config: Config;
  clock: Clock;
  userIds: Record<AccountName, string>;
  close(): Promise<void>;
}

export async function createApiFixture(
  options: { env?: Record<string, string>; now?: string; accounts?: readonly AccountName[] } = {},
): Promise<ApiFixture> {
  const t = await createTestDb();
  await seedReference(t.db);
  await t.db.insert(provinces).values({ code: '43', nameTh: 'หนองคาย', nameEn: 'Nong Khai' }).onConflictDoNothing();
  await t.db
    .insert(districts)
    .values({ code: '4301', provinceCode: '43', nameTh: 'เมืองหนองคาย', nameEn: 'Mueang Nong Khai', postalCode: '43000' })
    .onConflictDoNothing();
  await t.db
    .insert(subdistricts)
    .values({ code: '430101', districtCode: '4301', nameTh: 'ในเมือง', nameEn: 'Nai Mueang', postalCode: '43000' })
    .onConflictDoNothing();
  const clock: Clock = {
    now: new Date(options.now ?? '2017-11-15T05:00:00Z'),
    set(iso) {
      this.now = new Date(iso);
    },
    advance(ms) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const userIds = {} as Record<AccountName, string>;
  const names = options.accounts ?? (Object.keys(ACCOUNTS) as AccountName[]);
  await Promise.all(
    names.map(async (username) => {
      const a = ACCOUNTS[username];
      const created = await createAccount(
        t.db,
        { username, role: a.role, scope: a.scope, password: a.password },
        { actor: CLI_ACTOR, now: new Date(), activationTtlDays: 14 },
      );
      userIds[username] = created.account.id;
    }),
  );
  const config = loadConfig({ TRUST_PROXY: '1', ...options.env });
  const app = createApp({ db: t.db, engine: t.engine, config, now: () => clock.now });
  return { t, app, config, clock, userIds, close: () => t.close() };
}

export interface SendOptions {
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  /** Leave the CSRF header off (to test that it is required). */
  noCsrf?: boolean;
}

/** A browser-like client: keeps the session cookie, sends the CSRF token on state-changing requests. */
export class Client {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(readonly app: Hono<AppEnv>) {}

  async send(method: string, path: string, options: SendOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie && !('cookie' in headers)) headers.cookie = `otop_session=${this.cookie}`;
    if (this.csrf && method !== 'GET' && !options.noCsrf) headers['x-csrf-token'] = this.csrf;
    let body = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const res = await this.app.request(path, { method, headers, body });
    const setCookie = res.headers.get('set-cookie');
    const m = setCookie ? /otop_session=([^;]*)/.exec(setCookie) : null;
    if (m) this.cookie = m[1] && !/Max-Age=0/i.test(setCookie!) ? m[1] : undefined;
    return res;
  }

  get(path: string, options?: SendOptions) {
    return this.send('GET', path, options);
  }

  post(path: string, json?: unknown, options: SendOptions = {}) {
    return this.send('POST', path, json === undefined ? options : { ...options, json });
  }

  async login(username: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.post('/api/auth/login', { username, password }, { headers });
    if (res.status === 200) {
      const body = (await res.clone().json()) as { csrfToken: string };
      this.csrf = body.csrfToken;
    }
    return res;
  }
}

/** A signed-in client for one of the fixture accounts. */
export async function signIn(app: Hono<AppEnv>, name: AccountName): Promise<Client> {
  const client = new Client(app);
  const res = await client.login(name, ACCOUNTS[name].password, { 'x-forwarded-for': `10.0.0.${Object.keys(ACCOUNTS).indexOf(name) + 1}` });
  if (res.status !== 200) throw new Error(`sign-in of ${name} failed: ${res.status} ${await res.text()}`);
  return client;
}
