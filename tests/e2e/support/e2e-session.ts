import { afterAll, beforeAll } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { CHROMIUM, SCREENSHOTS, signIn } from './e2e-browser.ts';
import { startE2eServer, type E2eServer } from './e2e-server.ts';
import type { TestDb } from '../../support/test-db.ts';

/**
 * One end-to-end session per test file: the real server on the test database (PostgreSQL when
 * TEST_DATABASE_URL is set, else embedded PGlite — createTestDb decides), one headless
 * Chromium, sign-in by role, and one close for all of it. Every file used to start and stop
 * these the same way by hand; a browser and a server per file (never per test) is also what
 * keeps the suite inside CI's time.
 *
 * Other people at other offices are other browser contexts of the same browser
 * (`newContext()`): their own cookies, the cost of a tab rather than of a browser.
 */

/** The demo accounts (api/prepare-database.ts, demo: true), one per role. */
export const ACCOUNTS = {
  district: ['district3801', 'demo-district-3801'],
  province: ['province38', 'demo-province-38'],
  department: ['department', 'demo-department-password'],
  analyst: ['analyst', 'demo-analyst-password'],
  admin: ['admin', 'demo-admin-password'],
} as const satisfies Record<string, readonly [string, string]>;
export type Role = keyof typeof ACCOUNTS;

export const DESKTOP = { width: 1366, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

const CONTEXT_OPTIONS: BrowserContextOptions = {
  viewport: DESKTOP,
  locale: 'th-TH',
  timezoneId: 'Asia/Bangkok',
  acceptDownloads: true,
};

export interface E2eBrowser {
  browser: Browser;
  /** A fresh context (its own cookies), closed with the browser. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Debian's chromium, headless, driven by playwright-core (no browser download). A missing
 * browser is a failure with the fix in the message, never a skipped test.
 */
export async function e2eBrowser(): Promise<E2eBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. The end-to-end tests need Debian's chromium package: ` +
        'apt-get install -y chromium (or set CHROMIUM_PATH). .ci/run installs it.',
    );
  }
  await mkdir(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    newContext: async (options = {}) => {
      const context = await browser.newContext({ ...CONTEXT_OPTIONS, ...options });
      context.setDefaultTimeout(10_000);
      return context;
    },
    close: () => browser.close(),
  };
}

export interface E2eSession extends E2eBrowser {
  url: string;
  db: TestDb;
  server: E2eServer;
  /** The file's main context and its first page. */
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of every page opened through the session, "where: message". */
  pageErrors: string[];
  /** alert/confirm/prompt texts of every page (each dismissed): a script run from data shows here. */
  dialogs: string[];
  /** A new page in `context` (or the given one), watched like `page`. */
  newPage(context?: BrowserContext): Promise<Page>;
  /** Signs in through the form as a person does (a fresh session first). */
  signInAs(role: Role, page?: Page): Promise<void>;
  /** A new context already signed in as the role (through the API: no page load), and a page in it. */
  pageAs(role: Role, options?: BrowserContextOptions): Promise<Page>;
}

export async function e2eSession(): Promise<E2eSession> {
  const [server, b] = await Promise.all([startE2eServer(), e2eBrowser()]);
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  const watch = (page: Page): Page => {
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    return page;
  };
  const newPage = async (context: BrowserContext = main) => watch(await context.newPage());
  const main = await b.newContext();
  const page = await newPage(main);
  return {
    ...b,
    url: server.url,
    db: server.db,
    server,
    context: main,
    page,
    pageErrors,
    dialogs,
    newPage,
    signInAs: (role, p = page) => {
      const [username, password] = ACCOUNTS[role];
      return signIn(p, server.url, username, password);
    },
    pageAs: async (role, options) => {
      const context = await b.newContext(options);
      const [username, password] = ACCOUNTS[role];
      // The context's request client shares its cookie jar: the session cookie lands there.
      const res = await context.request.post(`${server.url}/api/auth/login`, { data: { username, password } });
      if (!res.ok()) throw new Error(`sign-in as ${role} failed: ${res.status()} ${await res.text()}`);
      return newPage(context);
    },
    close: async () => {
      // The browser first (its open event streams end), then the server and the database.
      await b.close().catch(() => undefined);
      await server.close();
    },
  };
}

export interface UseE2eSessionOptions {
  /** Runs once the session has started, before the file's first test (rows a test needs, say). */
  setup?: (s: E2eSession) => Promise<void>;
}

/**
 * Registers the file's (or the describe block's) beforeAll that starts an e2eSession and the
 * afterAll that closes it, and returns an accessor for it: `const s = useE2eSession();` then
 * `s().page` inside a test. The accessor throws if called before the session has started.
 */
export function useE2eSession(options: UseE2eSessionOptions = {}): () => E2eSession {
  let session: E2eSession | undefined;
  beforeAll(async () => {
    session = await e2eSession();
    await options.setup?.(session);
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error('useE2eSession: the session is only there inside a test (after beforeAll)');
    return session;
  };
}
