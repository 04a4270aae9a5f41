import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'artifacts', 'screenshots');

/**
 * Debian's chromium, headless, driven by playwright-core (no browser download), in a fresh
 * profile that is deleted afterwards. A missing browser is a failure with the fix in the
 * message, never a skipped test.
 */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. The end-to-end tests need Debian's chromium package: ` +
        'apt-get install -y chromium (or set CHROMIUM_PATH). .ci/run installs it.',
    );
  }
  const profile = await mkdtemp(join(tmpdir(), 'otop-e2e-'));
  await mkdir(SCREENSHOTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1366, height: 900 },
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(10_000);
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Sign in through the form, as a person does. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  // Start from no session, whatever the previous step left behind.
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel('ชื่อผู้ใช้').fill(username);
  await page.getByLabel('รหัสผ่าน').fill(password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
  await page.waitForURL((u) => u.pathname.startsWith('/signin'));
}
