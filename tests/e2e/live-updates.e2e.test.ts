import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ensureDashboardBuild } from '../../dashboard/tools/ensure-build.ts';
import { startServer, stopServer, type ServerProcess } from '../../testkit/server-process.ts';
import { createTestDb, TEST_DATABASE_URL, type TestDb } from '../support/test-db.ts';
import { screenshot, signIn } from './support/e2e-browser.ts';
import { e2eBrowser, useE2eSession, type E2eBrowser } from './support/e2e-session.ts';

/**
 * Live updates in a real browser: the province manager's overview stays open while a district
 * submits in another browser; the matrix cell changes without a reload within 2 s. Then the
 * same across two API processes on one PostgreSQL: the change goes through process A, the
 * page is served (and its event stream held) by process B.
 */
const ROUND = '2561-Q4';
const OVERVIEW = '/province/38?fy=2561&q=4';

const cellState = (page: Page, district: string) =>
  page.getByTestId('progress-matrix').locator(`td[data-district="${district}"][data-round="${ROUND}"]`).getAttribute('data-state');

/** Opens the manager's overview and marks the document, so a reload would be noticed. */
async function openOverview(page: Page, base: string): Promise<void> {
  await signIn(page, base, 'province38', 'demo-province-38');
  await page.goto(`${base}${OVERVIEW}`);
  await page.getByTestId('progress-matrix').waitFor();
  await expect.poll(() => page.getByTestId('live-status').getAttribute('data-mode'), { timeout: 10_000 }).toBe('live');
  await page.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 1));
}

const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker === 1);

async function districtSubmitsInBrowser(page: Page, base: string, district: string): Promise<void> {
  await signIn(page, base, `district${district}`, `demo-district-${district}`);
  await page.goto(`${base}/district/${district}?fy=2561&q=4`);
  const panel = page.getByTestId('round-panel');
  await panel.waitFor();
  await panel.getByRole('button', { name: 'ส่งข้อมูลให้จังหวัด' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'ส่งข้อมูลให้จังหวัด' }).click();
  await expect.poll(() => panel.locator('.notice.success').textContent()).toContain('เรียบร้อยแล้ว');
}

describe('live updates end to end (chromium)', () => {
  // The manager and the district officer: two browser contexts (each its own cookies) of one browser.
  const session = useE2eSession();
  let overview: Page;

  it('a district submits in another browser context; the manager’s open overview shows it within 2 s without reload', async () => {
    const s = session();
    overview = s.page;
    await openOverview(overview, s.url);
    const updated = overview.getByTestId('live-updated');
    expect(await updated.textContent()).toMatch(/^อัปเดตเมื่อ \d{2}\.\d{2} น\.$/);
    await overview.getByRole('button', { name: /^รีเฟรช/ }).waitFor();
    const before = await cellState(overview, '3801');
    expect(['open', 'returned']).toContain(before);

    await districtSubmitsInBrowser(await s.newPage(await s.newContext()), s.url, '3801');
    const submittedAt = Date.now();
    await expect.poll(() => cellState(overview, '3801'), { timeout: 2000, interval: 50 }).toBe('submitted');
    expect(Date.now() - submittedAt).toBeLessThan(2000);
    expect(await notReloaded(overview)).toBe(true);
    await screenshot(overview, '20-live-overview-after-district-submit');
  });

  it('the refresh button loads the page again without leaving it', async () => {
    const requests: string[] = [];
    overview.on('request', (r) => {
      if (r.url().includes('/api/progress')) requests.push(r.url());
    });
    await overview.getByRole('button', { name: /^รีเฟรช/ }).click();
    await expect.poll(() => requests.length).toBeGreaterThan(0);
    expect(await notReloaded(overview)).toBe(true);
  });
});

describe.skipIf(!TEST_DATABASE_URL)('live updates across two API processes on one PostgreSQL (PostgreSQL pass only: PGlite is one process’s database)', () => {
  let t: TestDb;
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  let browser: E2eBrowser | undefined;

  beforeAll(async () => {
    await ensureDashboardBuild({ quiet: true });
    t = await createTestDb({ migrate: false });
    // One after the other: A migrates and loads the demo, B finds it done.
    a = await startServer(t.url!, { DEMO: '1', LOG_LEVEL: 'silent' });
    // A long grace: an exit that waited for the open stream would take 60 s, one that ends it first a few.
    b = await startServer(t.url!, { DEMO: '1', LOG_LEVEL: 'silent', STOP_GRACE_SECONDS: '60' });
    browser = await e2eBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await Promise.all([stopServer(a?.child), stopServer(b?.child)]);
    await t?.close();
  });

  it('a submit through process A shows within 2 s on the overview served by process B', async () => {
    const overview = await (await browser!.newContext()).newPage();
    await openOverview(overview, b!.base);
    expect(['open', 'returned']).toContain(await cellState(overview, '3801'));

    // The district officer's browser talks to process A (here through its HTTP API).
    const login = await fetch(`${a!.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'district3801', password: 'demo-district-3801' }),
    });
    expect(login.status).toBe(200);
    const cookie = /otop_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const submit = await fetch(`${a!.base}/api/rounds/${ROUND}/districts/3801/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: '{}',
    });
    expect(submit.status).toBe(200);
    const submittedAt = Date.now();
    await expect.poll(() => cellState(overview, '3801'), { timeout: 2000, interval: 50 }).toBe('submitted');
    expect(Date.now() - submittedAt).toBeLessThan(2000);
    expect(await notReloaded(overview)).toBe(true);
  });

  it('SIGTERM ends the open event streams first: the process exits 0 at once, not after the grace', async () => {
    const served = b!;
    const started = Date.now();
    const exited = new Promise<number | null>((resolve) => served.child.once('exit', (code) => resolve(code)));
    served.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // Seconds, not the 60 s grace (a busy CI machine takes several to close the pools).
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
