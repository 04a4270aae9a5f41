// Issue #22 in Chromium: the province overview's map of its 8 districts, coloured by state, with
// the same figures as a table; a click opens the district; a state change changes a colour; the
// department's map of provinces; the phone width without horizontal scrolling.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { STATE_COLORS } from '../../domain/palette.ts';
import { join } from 'node:path';
import { screenshot, SCREENSHOTS } from './support/e2e-browser.ts';
import { DESKTOP, PHONE, useE2eSession } from './support/e2e-session.ts';

/** The fill of the map region under a district's name (the label hidden for the probe), as #rrggbb. */
async function regionFill(page: Page, name: string): Promise<string | null> {
  return page.evaluate((label) => {
    const map = document.querySelector('[data-testid="area-map"] svg');
    if (!map) return null;
    const text = [...map.querySelectorAll('text')].find((t) => t.textContent === label);
    if (!text) return null;
    text.scrollIntoView({ block: 'center' });
    const box = text.getBoundingClientRect();
    const texts = [...map.querySelectorAll('text')] as SVGTextElement[];
    for (const t of texts) t.style.visibility = 'hidden';
    const under = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    for (const t of texts) t.style.visibility = '';
    const fill = under?.getAttribute('fill') ?? null;
    if (!fill) return null;
    const m = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(fill);
    return m ? `#${[m[1], m[2], m[3]].map((v) => Number(v).toString(16).padStart(2, '0')).join('')}` : fill.toLowerCase();
  }, name);
}

describe('area maps (chromium)', () => {
  const session = useE2eSession();

  it('colours the 8 districts of Bueng Kan by state, with the same figures as a table and the attribution', async () => {
    const s = session();
    const { page } = s;
    await s.signInAs('province');
    const map = page.getByTestId('area-map');
    await map.locator('svg text').first().waitFor();
    const names = await map.locator('svg text').allTextContents();
    for (const n of ['เมืองบึงกาฬ', 'พรเจริญ', 'โซ่พิสัย', 'เซกา', 'ปากคาด', 'บึงโขงหลง', 'ศรีวิไล', 'บุ่งคล้า']) expect(names).toContain(n);
    await map.getByText('ดูเป็นตาราง', { exact: false }).click();
    const rows = map.locator('.chart-table tbody tr');
    expect(await rows.count()).toBe(8);
    // The table's state words and the region colours say the same thing.
    const matrixState = (code: string) => page.locator(`[data-testid="progress-matrix"] td[data-district="${code}"]`).last().getAttribute('data-state');
    for (const [code, name] of [['3801', 'เมืองบึงกาฬ'], ['3808', 'บุ่งคล้า']] as const) {
      const state = (await matrixState(code)) as keyof typeof STATE_COLORS;
      expect(await regionFill(page, name), `${name} (${state})`).toBe(STATE_COLORS[state]);
    }
    expect(await map.locator('.map-attribution').textContent()).toMatch(/กรมแผนที่ทหาร.*CC BY 3\.0 IGO/);
    await screenshot(page, '20-province-map');
    await map.screenshot({ path: join(SCREENSHOTS, '20-province-map-only.png') });
  });

  it('opens a district when its region is clicked', async () => {
    const { page } = session();
    const label = page.getByTestId('area-map').locator('svg text', { hasText: 'เซกา' });
    await label.scrollIntoViewIfNeeded();
    const box = (await label.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForURL(/\/district\/3804$/);
    await page.goBack();
    await page.getByTestId('area-map').locator('svg text').first().waitFor();
  });

  it('changes a colour without a reload when a district changes state', async () => {
    const s = session();
    const { page } = s;
    const state = await page.locator('[data-testid="progress-matrix"] td[data-district="3801"]').last().getAttribute('data-state');
    const round = await page.locator('[data-testid="progress-matrix"] td[data-district="3801"]').last().getAttribute('data-round');
    expect(state).toBe('open');
    const before = await regionFill(page, 'เมืองบึงกาฬ');
    // The district officer submits in another browser context (a person at another office).
    const other = await s.newContext();
    const district = await s.newPage(other);
    await s.signInAs('district', district);
    const res = await district.evaluate(async (code) => {
      const me = await (await fetch('/api/me')).json() as { csrfToken: string };
      const r = await fetch(`/api/rounds/${code}/districts/3801/submit`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: '{}' });
      return r.status;
    }, round!);
    expect(res).toBe(200);
    await other.close();
    // No reload: the live updates (#18) bring the new state to the open overview.
    await expect.poll(() => regionFill(page, 'เมืองบึงกาฬ'), { timeout: 5_000 }).toBe(STATE_COLORS.submitted);
    expect(before).toBe(STATE_COLORS.open);
  });

  it('fits a phone: the map and the page without horizontal scrolling', async () => {
    const { page } = session();
    await page.setViewportSize(PHONE);
    await page.reload();
    await page.getByTestId('area-map').locator('svg text').first().waitFor();
    const { scrollWidth, innerWidth, mapWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      mapWidth: document.querySelector('[data-testid="area-map"] svg')!.getBoundingClientRect().right,
    }));
    expect(mapWidth).toBeLessThanOrEqual(innerWidth);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await screenshot(page, '21-province-map-phone');
    await page.setViewportSize(DESKTOP);
  });

  it("gives the department the provinces' map; a click opens the province", async () => {
    const s = session();
    const { page } = s;
    await s.signInAs('department');
    const map = page.getByTestId('area-map');
    await map.locator('svg text', { hasText: 'บึงกาฬ' }).waitFor();
    await map.getByText('ดูเป็นตาราง', { exact: false }).click();
    expect(await map.locator('.chart-table tbody th').allTextContents()).toEqual(['บึงกาฬ']);
    const label = map.locator('svg text', { hasText: 'บึงกาฬ' });
    await label.scrollIntoViewIfNeeded();
    const box = (await label.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForURL(/\/province\/38/);
  });
});
