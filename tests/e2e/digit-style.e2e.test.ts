// Issue #18 in Chromium: "Thai and Arabic digits mixed on one screen" — one digit style per
// screen, chosen in the header. For each style, the visible text of the overview, district,
// department and reports pages (in Thai digits also upload, register, guidelines and admin) —
// tables, cards, headings, chart axes and legends drawn in SVG, the map, the "updated hh.mm"
// line, pagers — holds no digit of the other style, except inside
// elements marked data-digits="as-typed" (identifiers: citizen IDs, file names, licence names;
// the setting itself, which shows a sample of each style). The choice survives a reload. And a
// reload of the page's data keeps the map (its outlines are not fetched again).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2eSession } from './support/e2e-session.ts';

type Style = 'arabic' | 'thai';

/** Visible text nodes holding a digit of the wrong style, with where they are. */
async function wrongDigits(page: Page, style: Style): Promise<string[]> {
  return page.evaluate((s) => {
    const wrong = s === 'thai' ? /[0-9]/ : /[\u0E50-\u0E59]/;
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const el = node.parentElement;
      if (!el || !wrong.test(text)) continue;
      if (el.closest('[data-digits="as-typed"], script, style, noscript, textarea, option')) continue;
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const where = el.closest('[data-testid], [id], table, figure, h1, h2, header, nav')!;
      const label = where ? `${where.tagName.toLowerCase()}${where.id ? `#${where.id}` : ''}${where.getAttribute('data-testid') ? `[${where.getAttribute('data-testid')}]` : ''}` : '?';
      found.push(`${label}: ${text.trim().slice(0, 80)}`);
    }
    return found;
  }, style);
}

/** The page with its data and drawings in: the live line's time, the charts' and the map's SVG text. */
async function settled(page: Page, charts: boolean): Promise<void> {
  await page.getByTestId('live-updated').filter({ hasText: /อัปเดตเมื่อ/ }).waitFor();
  if (charts) {
    await page.locator('figure.chart svg text').first().waitFor();
    await page.getByTestId('area-map').locator('svg text').first().waitFor();
  }
}

async function chooseDigits(page: Page, style: Style): Promise<void> {
  await page.getByTestId('digit-setting').selectOption(style);
}

describe('one digit style per screen (chromium)', () => {
  const session = useE2eSession();

  it('Thai digits: no Arabic digit on the overview, district, reports, upload, register, guidelines and admin pages; the choice survives a reload', async () => {
    const s = session();
    const { page } = s;
    await s.signInAs('province');
    await settled(page, true);
    // The default is Arabic digits, and before the choice the page shows Arabic figures.
    expect(await page.getByTestId('digit-setting').inputValue()).toBe('arabic');
    expect(await wrongDigits(page, 'arabic')).toEqual([]);

    await chooseDigits(page, 'thai');
    await page.reload();
    await settled(page, true);
    expect(await page.getByTestId('digit-setting').inputValue()).toBe('thai');
    expect(await page.locator('main').innerText()).toMatch(/[\u0E50-\u0E59]/);
    expect(await wrongDigits(page, 'thai')).toEqual([]);

    // Review finding: a reload of the page's data (a live event or the refresh button) used to
    // re-fetch the outlines and rebuild the map. Now the figures reload, the map stays.
    const outlineRequests: string[] = [];
    page.on('request', (r) => void (r.url().includes('/api/boundaries') && outlineRequests.push(r.url())));
    const map = page.getByTestId('area-map').locator('svg').first();
    await map.evaluate((el) => el.setAttribute('data-probe', 'same-map'));
    const progress = page.waitForResponse((r) => r.url().includes('/api/progress'));
    await page.getByTestId('live-status').getByRole('button').click();
    await progress;
    await page.getByTestId('live-updated').filter({ hasText: /อัปเดตเมื่อ/ }).waitFor();
    expect(outlineRequests).toEqual([]);
    expect(await page.getByTestId('area-map').locator('svg[data-probe="same-map"]').count()).toBe(1);

    await page.goto(`${s.url}/district/3801`);
    await settled(page, false);
    await page.locator('main table tbody tr').first().waitFor();
    expect(await wrongDigits(page, 'thai')).toEqual([]);

    await page.goto(`${s.url}/reports`);
    await page.locator('main h1').waitFor();
    expect(await wrongDigits(page, 'thai')).toEqual([]);

    // The work pages, one load each, scanned once their data is in: the province officer may
    // upload and register for its districts; the administrator's page needs its own sign-in
    // (the setting lives in the browser, so it carries over).
    const pages: [string, string][] = [
      ['/upload', '#upload-round option'],
      ['/register?district=3801', 'main fieldset legend'],
      ['/guidelines', 'main table tbody tr'],
    ];
    for (const [path, ready] of pages) {
      await page.goto(`${s.url}${path}`);
      await page.locator(ready).first().waitFor({ state: 'attached' });
      expect(await wrongDigits(page, 'thai'), path).toEqual([]);
    }
    // The register form refused: each field's message in the screen's words, the value it
    // quotes as typed (an ID is masked to its last three digits: 'xx345').
    await page.goto(`${s.url}/register?district=3801`);
    await page.locator('#f-citizen_id').fill('12345');
    await page.locator('#f-producer_type').selectOption({ index: 1 });
    await page.locator('#f-producer_name').fill('กลุ่มทอผ้าทดสอบ');
    await page.locator('#f-subdistrict').fill('บึงกาฬ');
    await page.locator('#f-product_name-1').fill('ผ้าทอ');
    await page.locator('#f-category-1').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'ลงทะเบียน', exact: true }).click();
    const idError = page.locator('#f-citizen_id-error');
    await idError.waitFor();
    expect(await idError.locator('q').textContent()).toBe('xx345');
    expect(await wrongDigits(page, 'thai'), '/register refused').toEqual([]);

    await s.signInAs('admin');
    await page.getByTestId('user-table').locator('tbody tr').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin');
    expect(await wrongDigits(page, 'thai'), '/admin').toEqual([]);
    // The notice of an account just made names it as typed, in a Thai-digit sentence.
    await page.getByText('สร้างบัญชีใหม่', { exact: true }).click();
    await page.locator('#nu-username').fill('analyst2561');
    await page.locator('#nu-role').selectOption('analyst');
    await page.getByRole('button', { name: 'สร้างบัญชี', exact: true }).click();
    const created = page.locator('.notice.success');
    await created.waitFor();
    expect(await created.textContent()).toMatch(/analyst2561/);
    expect(await wrongDigits(page, 'thai'), '/admin after creating an account').toEqual([]);
  }, 45_000);

  it('Arabic digits on the department page and reports: no Thai digit, even in fixed labels', async () => {
    const s = session();
    const { page } = s;
    await s.signInAs('department');
    await settled(page, true);
    await chooseDigits(page, 'thai');
    await settled(page, true);
    expect(await wrongDigits(page, 'thai')).toEqual([]);

    await chooseDigits(page, 'arabic');
    await settled(page, true);
    expect(await wrongDigits(page, 'arabic')).toEqual([]);
    await page.goto(`${s.url}/reports`);
    await page.locator('main h1').waitFor();
    expect(await wrongDigits(page, 'arabic')).toEqual([]);
    // The sign-in words carry "สิ่งที่ส่งมาด้วย ๓" in the message table: Arabic on this screen.
    await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/signin'));
    expect(await page.locator('main').innerText()).toMatch(/สิ่งที่ส่งมาด้วย 3/);
    expect(await wrongDigits(page, 'arabic')).toEqual([]);
  }, 25_000);
});
