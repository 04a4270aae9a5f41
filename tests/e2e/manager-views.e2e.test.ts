import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { screenshot, signOut } from './support/e2e-browser.ts';
import { useE2eSession, PHONE, DESKTOP, type Role } from './support/e2e-session.ts';
import { seriousAxeViolations, sweepPage, waitForPageReady } from './support/sweep-page.ts';

/**
 * What the province manager and the department act on (issue 18), in Chromium over the demo
 * database, one server and one browser for the file: the "needs attention" lists and their
 * links, the window clock, and the report-to-department dialog that starts with the
 * uncertified districts and keeps the text when the server refuses it. The demo history is
 * FY2561 and today is later, so every unfinished step is overdue. Then every page of every
 * role at phone width (no sideways scrolling) and axe at phone and laptop width.
 */
const session = useE2eSession();

describe('manager views end to end (chromium)', () => {
  it('the province overview starts with who needs attention, each a link to the district', async () => {
    const s = session();
    const { page, url } = s;
    await s.signInAs('province');
    await page.goto(`${url}/province/38?fy=2561`);
    const panel = page.getByTestId('attention');
    await panel.waitFor();
    // First thing on the page after the heading and filters.
    const order = await page.evaluate(() => {
      const a = document.querySelector('[data-testid="attention"]')!;
      const m = document.querySelector('[data-testid="progress-matrix"]')!;
      return a.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
    // Bung Khla never submitted Q3: overdue, with the days counted.
    const overdue = panel.getByTestId('attention-overdue');
    const bungKhla = overdue.locator('li', { hasText: 'บุ่งคล้า' }).filter({ hasText: 'ไตรมาส 3' });
    expect(await bungKhla.textContent()).toMatch(/เกินกำหนด [\d,]+ วัน/);
    // Districts waiting for certification and the returned one with the province's reason.
    expect(await panel.getByTestId('attention-awaiting').locator('li').count()).toBeGreaterThan(0);
    expect(await panel.getByTestId('attention-returned').textContent()).toContain('เลขประจำตัวประชาชน');
    // The window clock never reads "–": the round's late step and how late.
    expect(await page.getByTestId('window-clock').locator('dd.big').textContent()).toMatch(/^เกินกำหนด [\d,]+ วัน$/);
    // Certified districts read "n จาก m", not "n/m".
    expect(await page.getByTestId('headline').textContent()).toMatch(/\d+ จาก \d+/);
    await bungKhla.getByRole('link', { name: 'บุ่งคล้า' }).click();
    await page.waitForURL((u) => u.pathname === '/district/3808' && u.searchParams.get('q') === '3');
    await page.getByTestId('round-panel').waitFor();
  });

  it('report to the department: the dialog names the uncertified districts and keeps the text on a refusal', async () => {
    const { page, url } = session();
    await page.goto(`${url}/province/38?fy=2561&q=4`);
    const actions = page.locator('.province-actions');
    await actions.getByRole('button', { name: 'รายงานผลให้กรมฯ' }).click();
    const dialog = page.getByRole('dialog');
    const reason = dialog.getByLabel('เหตุผล (จำเป็น)');
    await reason.waitFor();
    const prefilled = await reason.inputValue();
    // Q4: no district certified yet in the demo, so all eight are named.
    for (const name of ['เมืองบึงกาฬ', 'พรเจริญ', 'โซ่พิสัย', 'เซกา', 'ปากคาด', 'บึงโขงหลง', 'ศรีวิไล', 'บุ่งคล้า']) expect(prefilled).toContain(name);
    // Leave one out: the server refuses, the dialog comes back with the text and a plain message.
    const typed = prefilled.replace('บุ่งคล้า', '').replace(/, ,/, ',') + 'ยังไม่ครบกำหนดตรวจ';
    await reason.fill(typed);
    await dialog.getByRole('button', { name: 'รายงานผลให้กรมฯ' }).click();
    await expect.poll(() => page.getByTestId('confirm-error').textContent()).toContain('บุ่งคล้า');
    expect(await reason.inputValue()).toBe(typed);
    expect(await page.locator('table.issues').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toMatch(/\(4\d\d\)/);
    // Cancelled and opened again: still what was typed.
    await dialog.getByRole('button', { name: 'ยกเลิก' }).click();
    await actions.getByRole('button', { name: 'รายงานผลให้กรมฯ' }).click();
    expect(await reason.inputValue()).toBe(typed);
    await reason.fill(`${typed} และบุ่งคล้า`);
    await dialog.getByRole('button', { name: 'รายงานผลให้กรมฯ' }).click();
    await expect.poll(() => actions.locator('.notice.success').textContent()).toContain('เรียบร้อยแล้ว');
    await screenshot(page, '20-report-with-reason');
    await signOut(page);
  });

  it('the department lists provinces waiting for announcement and those late, sortable', async () => {
    const s = session();
    const { page } = s;
    await s.signInAs('department');
    const table = page.getByTestId('department-attention');
    await table.waitFor();
    const kinds = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => `${r.querySelector('td')!.textContent} ${r.getAttribute('data-kind')}`));
    // Q4 was just reported (waiting); Q3 is late to report.
    expect(kinds).toEqual(expect.arrayContaining(['ไตรมาส 4 awaiting', 'ไตรมาส 3 late']));
    // Sorted by days, most first; a click on the quarter header sorts by quarter.
    expect(await table.locator('th[aria-sort]').textContent()).toContain('จำนวนวัน');
    await table.getByRole('button', { name: 'ไตรมาส' }).click();
    expect(await table.locator('th[aria-sort="ascending"]').textContent()).toContain('ไตรมาส');
    expect(await table.locator('tbody tr td:first-of-type').allTextContents()).toEqual(['ไตรมาส 3', 'ไตรมาส 4']);
    await table.getByRole('button', { name: 'ไตรมาส' }).click();
    expect(await table.locator('tbody tr td:first-of-type').allTextContents()).toEqual(['ไตรมาส 4', 'ไตรมาส 3']);
    await table.getByRole('link', { name: 'บึงกาฬ' }).first().click();
    await page.waitForURL(/\/province\/38\?fy=2561&q=4/);
    await signOut(page);
  });

  it('drill-through: a district bar and a heatmap square open that district; each chart reads as a table', async () => {
    const s = session();
    const { page, url } = s;
    await s.signInAs('province');
    await page.goto(`${url}/province/38?fy=2561`);
    const byDistrict = page.locator('#chart-by-district');
    await byDistrict.locator('svg').first().waitFor();
    // The picture is named by its title and described from its data (ECharts' "NaN" text is gone).
    const canvas = byDistrict.locator('.chart-canvas');
    expect(await canvas.getAttribute('aria-label')).toBe('ผู้ผลิตแยกตามอำเภอและประเภทผู้ผลิต');
    const desc = await page.locator(`#${await canvas.getAttribute('aria-describedby')}`).textContent();
    expect(desc).toMatch(/^ผู้ผลิตรวม [\d,]+ ราย ใน 8 อำเภอ มากที่สุด/);
    for (const id of ['chart-by-district', 'chart-by-category', 'chart-cumulative', 'chart-states']) {
      const said = await page.locator(`#${id}`).evaluate((el) =>
        [el.querySelector('.chart-desc')?.textContent, ...[...el.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label'))].join(' | '),
      );
      expect(said).not.toMatch(/NaN|\d{12,}/);
    }
    // View as table: the same figures; the district names link to the district.
    await byDistrict.getByRole('button', { name: /ดูเป็นตาราง/ }).click();
    const table = byDistrict.locator('table.chart-table');
    expect(await table.locator('tbody tr').count()).toBe(8);
    expect(await table.locator('tbody tr').first().locator('th').textContent()).toBe('เมืองบึงกาฬ');
    await byDistrict.getByRole('button', { name: /ดูเป็นแผนภูมิ/ }).click();
    // A click on the first bar opens Mueang Bueng Kan.
    const bar = byDistrict.locator('svg path[fill="#0072B2" i]').first();
    await byDistrict.scrollIntoViewIfNeeded();
    await bar.waitFor();
    await bar.click({ force: true });
    await page.waitForURL((u) => u.pathname === '/district/3801');
    // A heatmap square: Bung Khla (last row) in Q3 carries the late flag and opens there.
    await page.goBack();
    const states = page.locator('#chart-states');
    await states.locator('svg').first().waitFor();
    await states.scrollIntoViewIfNeeded();
    await expect.poll(() => states.locator('svg text').allTextContents()).toContain('⚑');
    await states.getByRole('button', { name: /ดูเป็นตาราง/ }).click();
    expect(await states.locator('table.chart-table tbody tr').last().textContent()).toMatch(/บุ่งคล้า.*⚑ ล่าช้า/);
    await states.getByRole('button', { name: /ดูเป็นแผนภูมิ/ }).click();
    // The square where Bung Khla's row meets the Q3 column (found from the axis labels).
    // Back from the table the chart lays itself out again: wait until both labels are shown.
    const rowText = states.locator('svg text', { hasText: 'บุ่งคล้า' });
    const columnText = states.locator('svg text', { hasText: 'ไตรมาส 3' });
    await rowText.waitFor();
    await columnText.waitFor();
    const rowLabel = (await rowText.boundingBox())!;
    const columnLabel = (await columnText.boundingBox())!;
    const target = { x: columnLabel.x + columnLabel.width / 2, y: rowLabel.y + rowLabel.height / 2 };
    await page.mouse.click(target.x, target.y);
    await page.waitForURL((u) => u.pathname === '/district/3808' && u.searchParams.get('q') === '3');
    await signOut(page);
  });

  it('fixes the small things: plan for the administrator, no import links for readers, search wording, registration dates, favicon', async () => {
    const s = session();
    const { page, url } = s;
    await s.signInAs('admin');
    await page.goto(`${url}/guidelines`);
    await page.getByTestId('plan-table').waitFor();
    expect(await page.locator('main .state.error').count()).toBe(0);
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/favicon.*\.svg$/);
    await signOut(page);
    await s.signInAs('analyst');
    await page.goto(`${url}/district/3801?fy=2561`);
    const table = page.getByTestId('producer-table');
    await table.waitFor();
    expect(await page.getByRole('link', { name: 'นำเข้าไฟล์' }).count()).toBe(0);
    // The registration column holds a BE date of the registration, not the upload's date and time.
    const dates = await table.locator('tbody tr td:last-child').allTextContents();
    expect(dates.every((d) => /^\d{1,2} \S+ 256\d$/.test(d))).toBe(true);
    // The table downloads as an Excel workbook with the same filters.
    const xlsx = page.getByTestId('xlsx-download');
    expect(await xlsx.getAttribute('href')).toBe('/api/producers.xlsx?district=3801&fy=2561&sort=name&order=asc');
    const [download] = await Promise.all([page.waitForEvent('download'), xlsx.click()]);
    expect((await readFile(await download.path())).subarray(0, 2).toString('latin1')).toBe('PK');
    await page.goto(`${url}/district/3801?fy=2561&search=${encodeURIComponent('ไม่มีชื่อนี้แน่นอน')}`);
    await expect.poll(() => page.locator('main .state.empty').textContent()).toBe('ไม่พบรายการที่ค้นหา');
    await signOut(page);
  });
});

/**
 * Every page for every role: loaded once at 390 × 844 (no sideways scrolling, axe), then widened
 * to 1280 × 800 on the same load for axe again — 0 critical and 0 serious at both widths. The
 * roles run side by side, each in its own browser context (its own cookies) of one browser, on
 * the same server, after the workflow steps above (the department has a report waiting).
 */
const SWEEP: Record<Role, string[]> = {
  district: ['/district/3801', '/district/3801?tab=products', '/upload', '/register', '/reports', '/guidelines'],
  province: ['/province/38', '/district/3801', '/district/3801?tab=submissions', '/reports', '/guidelines'],
  department: ['/department', '/province/38', '/district/3801', '/reports', '/guidelines'],
  analyst: ['/department', '/province/38', '/district/3801', '/reports', '/guidelines'],
  admin: ['/admin', '/guidelines'],
};

describe('every page for every role at phone and laptop width (chromium, axe)', () => {
  for (const [role, paths] of Object.entries(SWEEP) as [Role, string[]][]) {
    it.concurrent(`${role}: ${paths.length} pages, no sideways scrolling at 390 px, axe finds nothing serious at 390 and 1280 px`, async ({ expect }) => {
      const s = session();
      const page = await s.pageAs(role, { viewport: PHONE });
      const problems: string[] = [];
      for (const path of paths) problems.push(...(await sweepPage(page, `${s.url}${path}`, `${role} ${path}`)));
      if (role === 'province') {
        // The header folds the menu behind one button; the quarter in focus is the matrix's first.
        await page.setViewportSize(PHONE);
        await page.goto(`${s.url}/province/38?fy=2561&q=4`);
        const nav = page.getByRole('navigation', { name: 'เมนูหลัก' });
        const heads = page.getByTestId('progress-matrix').locator('thead th');
        await heads.first().waitFor();
        expect(await heads.allTextContents()).toEqual(['อำเภอ', 'ไตรมาส 4', 'ไตรมาส 1', 'ไตรมาส 2', 'ไตรมาส 3']);
        expect(await nav.isVisible()).toBe(false);
        await page.getByRole('button', { name: 'เมนู' }).click();
        expect(await nav.isVisible()).toBe(true);
        await screenshot(page, '21-overview-phone');
        // At desktop width the menu is simply there.
        await page.setViewportSize(DESKTOP);
        await expect.poll(() => nav.isVisible()).toBe(true);
      }
      await page.context().close();
      expect(problems).toEqual([]);
    }, 180_000);
  }

  it('the check is not blind: an image without a text alternative is reported', async () => {
    const s = session();
    const page = await s.pageAs('admin');
    await page.goto(`${s.url}/guidelines`);
    await waitForPageReady(page);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<img src="/favicon.svg">'));
    expect((await seriousAxeViolations(page)).join(' ')).toMatch(/^image-alt ×1/);
    await page.context().close();
  });
});

it('threw no page errors', () => {
  const s = session();
  expect(s.pageErrors).toEqual([]);
});
