import { describe, expect, it } from 'vitest';
import { producers, registrations } from '../../db/schema/index.ts';
import { makeThaiId } from '../../domain/thai-id.ts';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { screenshot, signOut } from './support/e2e-browser.ts';
import { useE2eSession, type Role } from './support/e2e-session.ts';

/**
 * The dashboard in a real browser (Debian's chromium, headless) against the real server over
 * a fresh demo database: each role signs in and sees only its scope; a district submits its
 * round, the province returns it with a reason, the district submits again, the province
 * certifies, and the overview matrix follows. Screenshots of the main pages go to
 * artifacts/screenshots/ (git-ignored).
 */
const ROUND = '2561-Q4';

/** A district file in the template's Thai headers: two good producers and one with a bad ID. */
function uploadCsv(): string {
  const rows = [
    ['ชื่อผู้ผลิต', 'เลขประจำตัวประชาชน', 'ประเภทผู้ผลิต', 'ตำบล', 'ชื่อผลิตภัณฑ์', 'ประเภทผลิตภัณฑ์'],
    ['กลุ่มทอผ้าบ้านทดสอบ', makeThaiId('338010077001'), 'กลุ่มผู้ผลิตชุมชน', 'บึงกาฬ', 'ผ้าไหมทดสอบ', 'ผ้า เครื่องแต่งกาย'],
    ['นางทดสอบ ใจดี', makeThaiId('338010077002'), 'ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว', 'หอคำ', 'น้ำพริกทดสอบ', 'อาหาร'],
    ['กลุ่มเลขผิด', '1234567890123', 'กลุ่มผู้ผลิตชุมชน', 'ไคสี', 'ตะกร้าทดสอบ', 'ของใช้ ของตกแต่ง ของที่ระลึก'],
  ];
  return rows.map((r) => r.join(',')).join('\n') + '\n';
}
const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

describe('dashboard end to end (chromium)', () => {
  const session = useE2eSession({
    setup: async (s) => {
      // A producer whose name is markup: it must stay text everywhere it is shown.
      const [p] = await s.db.db
        .insert(producers)
        .values({ thaiId: makeThaiId('338019999001'), producerType: 'single-owner', name: HOSTILE_NAME, subdistrictCode: '380101', districtCode: '3801', provinceCode: '38' })
        .returning();
      await s.db.db.insert(registrations).values({
        producerId: p!.id, fiscalYear: 2561, roundCode: ROUND, districtCode: '3801', provinceCode: '38', registeredAt: new Date('2018-09-22T05:00:00Z'),
        producerType: p!.producerType, producerName: p!.name, subdistrictCode: p!.subdistrictCode,
      });
    },
  });

  it('shows the sign-in page in Thai, keyboard first', async () => {
    const s = session();
    const { page } = s;
    await page.goto(`${s.url}/`);
    await page.waitForURL(/\/signin/);
    expect(await page.locator('html').getAttribute('lang')).toBe('th');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('เข้าสู่ระบบ');
    // The skip link is the first stop of the keyboard.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('ข้ามไปยังเนื้อหา');
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(font).toMatch(/^Sarabun/);
    await screenshot(page, '01-sign-in');
  });

  it('refuses a wrong password with a readable Thai message', async () => {
    const { page } = session();
    await page.getByLabel('ชื่อผู้ใช้').fill('province38');
    await page.getByLabel('รหัสผ่าน').fill('wrong-password');
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('ชื่อผู้ใช้ รหัสผ่าน หรือรหัสเปิดใช้งานไม่ถูกต้อง');
  });

  it('a district officer sees only their district', async () => {
    const s = session();
    const { page } = s;
    await s.signInAs('district');
    expect(new URL(page.url()).pathname).toBe('/district/3801');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('อำเภอเมืองบึงกาฬ');
    const nav = page.getByRole('navigation', { name: 'เมนูหลัก' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['งานของอำเภอ', 'นำเข้าไฟล์', 'ลงทะเบียนรายเดียว', 'รายงานและส่งออกข้อมูล', 'แนวทางการลงทะเบียน']);
    await page.getByTestId('round-panel').waitFor();
    // Another district and the province overview are out of scope.
    for (const path of ['/district/3802', '/province/38', '/department', '/admin']) {
      await page.goto(`${s.url}${path}`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('บัญชีของท่านไม่มีสิทธิ์ดูส่วนนี้');
    }
    await page.goto(`${s.url}/upload`);
    await page.getByLabel('ไฟล์').waitFor();
    await screenshot(page, '05-upload');
    await page.goto(`${s.url}/register`);
    await page.getByLabel(/เลขประจำตัวประชาชน/).waitFor();
    await screenshot(page, '06-register');
    await page.goto(`${s.url}/reports`);
    await page.getByRole('heading', { name: 'รายงาน (PDF)' }).waitFor();
    expect(await page.locator('a[data-export="producers.arrow"]').getAttribute('href')).toBe('/api/exports/producers.arrow?fy=2561&province=38&district=3801');
    await screenshot(page, '07-reports');
    // The downloads themselves: the district's report form as a PDF with Thai text, and its
    // producers as an Arrow file holding only its own district.
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-report="report-form"]').click()]);
    const pdfPath = await pdf.path();
    expect((await readFile(pdfPath)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(execFileSync('pdftotext', ['-raw', pdfPath, '-'], { encoding: 'utf8' }).normalize('NFKC')).toContain('เมืองบึงกาฬ'.normalize('NFKC'));
    const [arrow] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-export="producers.arrow"]').click()]);
    const table = tableFromIPC(await readFile(await arrow.path()));
    expect(table.numRows).toBeGreaterThan(0);
    expect(new Set(table.getChild('district_code')!.toArray() as string[])).toEqual(new Set(['3801']));
    await page.goto(`${s.url}/guidelines`);
    await page.getByTestId('plan-table').waitFor();
    expect(await page.getByTestId('plan-table').locator('tbody tr').count()).toBe(12);
    await screenshot(page, '08-guidelines');
    await signOut(page);
  });

  it('a province officer sees the district × quarter picture of their province', async () => {
    const s = session();
    const { page } = s;
    await s.signInAs('province');
    expect(new URL(page.url()).pathname).toBe('/province/38');
    const matrix = page.getByTestId('progress-matrix');
    await matrix.waitFor();
    expect(await matrix.locator('tbody tr').count()).toBe(8);
    expect(await matrix.locator('thead th').allTextContents()).toEqual(['อำเภอ', 'ไตรมาส 1', 'ไตรมาส 2', 'ไตรมาส 3', 'ไตรมาส 4']);
    // Bung Khla never submitted Q3 in the demo history: it is open and overdue there.
    const bungKhlaQ3 = matrix.locator('td[data-district="3808"][data-round="2561-Q3"]');
    expect(await bungKhlaQ3.getAttribute('data-state')).toBe('open');
    expect(await bungKhlaQ3.textContent()).toContain('เกินกำหนด');
    expect(await page.getByTestId('headline').textContent()).toMatch(/อัตราการต่ออายุ/);
    // Charts are drawn (SVG renderer) for the four figures.
    for (const id of ['chart-by-district', 'chart-by-category', 'chart-cumulative', 'chart-states']) {
      await page.locator(`#${id} svg`).first().waitFor();
    }
    await screenshot(page, '02-province-overview');
    // Another province is out of scope.
    await page.goto(`${s.url}/province/10`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('บัญชีของท่านไม่มีสิทธิ์ดูส่วนนี้');
    await signOut(page);
  });

  it('the department compares provinces and drills into one; the analyst sees the same, read-only', async () => {
    const s = session();
    const { page } = s;
    for (const user of ['department', 'analyst'] as const) {
      await s.signInAs(user);
      expect(new URL(page.url()).pathname).toBe('/department');
      const table = page.getByTestId('province-table');
      await table.waitFor();
      expect(await table.locator('tbody th').allTextContents()).toEqual(['บึงกาฬ']);
      if (user === 'department') {
        await page.locator('#chart-provinces svg').first().waitFor();
        await screenshot(page, '09-department');
        await table.getByRole('link', { name: 'ดูรายอำเภอ' }).click();
        await page.waitForURL(/\/province\/38/);
        await page.getByTestId('progress-matrix').waitFor();
      }
      await signOut(page);
    }
  });

  it('the administrator sees the accounts and nothing of the data', async () => {
    const s = session();
    const { page } = s;
    await s.signInAs('admin');
    expect(new URL(page.url()).pathname).toBe('/admin');
    const users = page.getByTestId('user-table');
    await users.waitFor();
    const names = await users.locator('tbody td.mono').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['district3801', 'province38', 'department', 'analyst', 'admin']));
    await screenshot(page, '10-admin');
    await page.goto(`${s.url}/province/38`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('บัญชีของท่านไม่มีสิทธิ์ดูส่วนนี้');
    await signOut(page);
  });

  it('the administrator sets a province’s sending office with who signs its letters; it is there on the next visit', async () => {
    const s = session();
    const { page } = s;
    await s.signInAs('admin');
    const section = page.getByTestId('office-profile');
    await section.locator('summary').click();
    await section.locator('#office-province').fill('38');
    await section.getByRole('button', { name: 'เรียกข้อมูล' }).click();
    await section.locator('#office-name').fill('สำนักงานพัฒนาชุมชนจังหวัดบึงกาฬ');
    await section.locator('#office-address').fill('ศาลากลางจังหวัดบึงกาฬ อำเภอเมืองบึงกาฬ');
    await section.locator('#office-phone').fill('0 4249 2311');
    await section.locator('#office-email').fill('buengkan@cdd.go.th');
    await section.locator('#office-signer').fill('รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน\nผู้ว่าราชการจังหวัดบึงกาฬ');
    await section.getByRole('button', { name: 'บันทึก', exact: true }).click();
    await expect.poll(() => section.getByRole('status').textContent()).toBe('บันทึกข้อมูลสำนักงานแล้ว');

    await page.reload();
    await section.locator('summary').click();
    await section.locator('#office-province').fill('38');
    await section.getByRole('button', { name: 'เรียกข้อมูล' }).click();
    await expect.poll(() => section.locator('#office-signer').inputValue()).toBe('รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน\nผู้ว่าราชการจังหวัดบึงกาฬ');
    await signOut(page);
  });

  async function roundAction(who: Role, district: string, action: string, reason?: string): Promise<void> {
    const s = session();
    const { page } = s;
    await s.signInAs(who);
    await page.goto(`${s.url}/district/${district}?fy=2561&q=4`);
    const panel = page.getByTestId('round-panel');
    await panel.waitFor();
    await panel.getByRole('button', { name: action }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    if (reason !== undefined) {
      // An empty reason is refused in the dialog itself.
      await dialog.getByRole('button', { name: action }).click();
      await expect.poll(() => dialog.locator('.field-error').textContent()).toBe('กรุณาระบุเหตุผล');
      await dialog.getByLabel('เหตุผล (จำเป็น)').fill(reason);
    }
    await dialog.getByRole('button', { name: action }).click();
    await expect.poll(() => panel.locator('.notice.success').textContent()).toContain('เรียบร้อยแล้ว');
  }

  async function matrixState(district: string): Promise<string | null> {
    const s = session();
    const { page } = s;
    await page.goto(`${s.url}/province/38?fy=2561&q=4`);
    const cell = page.getByTestId('progress-matrix').locator(`td[data-district="${district}"][data-round="${ROUND}"]`);
    await cell.waitFor();
    return cell.getAttribute('data-state');
  }

  it('upload (dry run, issues, commit) → submit → return with a reason → submit again → certify; the matrix follows', async () => {
    const s = session();
    const { page } = s;
    const district: Role = 'district';
    const province: Role = 'province';

    // Upload: dry run, read the row issues in Thai with the offending value, commit.
    await s.signInAs(district);
    await page.goto(`${s.url}/upload?fy=2561&q=4`);
    await page.getByLabel('ไฟล์').setInputFiles({ name: 'bueng-kan-q4.csv', mimeType: 'text/csv', buffer: Buffer.from(uploadCsv(), 'utf8') });
    await page.getByRole('button', { name: 'ตรวจสอบไฟล์' }).click();
    const report = page.getByTestId('submission-report');
    await report.waitFor();
    expect(await report.getAttribute('data-status')).toBe('validated');
    expect(await page.getByTestId('rows-read').textContent()).toBe('3');
    expect(await page.getByTestId('rows-rejected').textContent()).toBe('1');
    const badRow = report.locator('table.issues tbody tr.sev-error');
    expect(await badRow.first().textContent()).toContain('เลขประจำตัวประชาชนไม่ถูกต้อง');
    expect(await badRow.first().locator('code.value').textContent()).not.toBe('');
    // The issue list downloads as a workbook: every issue, the offending row as a number.
    const [issuesFile] = await Promise.all([page.waitForEvent('download'), report.locator('.list-tools:has(+ .table-scroll table.issues)').getByTestId('xlsx-download').click()]);
    const issuesBook = new ExcelJS.Workbook();
    await issuesBook.xlsx.load((await readFile(await issuesFile.path())) as unknown as ArrayBuffer);
    const issuesSheet = issuesBook.worksheets[0]!;
    expect(issuesSheet.rowCount - 1).toBe(await report.locator('table.issues tbody tr').count());
    const sheetRows = issuesSheet.getSheetValues().slice(2).map((r) => (r as unknown[])[1]);
    expect(sheetRows).toContain(Number(await badRow.first().locator('td, th').first().textContent()));
    await screenshot(page, '04-upload-dry-run');
    await page.getByTestId('commit').click();
    await expect.poll(() => report.getAttribute('data-status')).toBe('partially-loaded');
    await signOut(page);

    await roundAction(district, '3801', 'ส่งข้อมูลให้จังหวัด');
    await expect.poll(() => page.getByTestId('round-panel').getAttribute('data-state')).toBe('submitted');
    await signOut(page);

    await s.signInAs(province);
    expect(await matrixState('3801')).toBe('submitted');
    await signOut(page);

    const reason = 'เลขประจำตัวประชาชนของผู้ผลิต 2 รายไม่ตรงกับบัตร';
    await roundAction(province, '3801', 'ส่งกลับให้อำเภอแก้ไข', reason);
    expect(await matrixState('3801')).toBe('returned');
    await signOut(page);

    await s.signInAs(district);
    await page.goto(`${s.url}/district/3801?fy=2561&q=4`);
    await expect.poll(() => page.getByTestId('returned-reason').textContent()).toBe(`จังหวัดส่งกลับ: ${reason}`);
    await signOut(page);
    await roundAction(district, '3801', 'ส่งข้อมูลให้จังหวัด');
    await signOut(page);

    await roundAction(province, '3801', 'รับรองข้อมูล');
    expect(await matrixState('3801')).toBe('certified');
    const total = page.getByTestId('progress-matrix').locator('tfoot td').nth(3);
    expect(await total.locator('.cell-rate').textContent()).toBe('รับรอง 1 จาก 8');
    await screenshot(page, '11-overview-after-certify');
  }, 90_000); // seven sign-ins and four round actions: 20 s on a quiet machine, more under CI load

  it('keeps filters in the URL: back and forward restore the view', async () => {
    const s = session();
    const { page } = s;
    await s.signInAs('province');
    await page.goto(`${s.url}/province/38?fy=2561`);
    await page.getByTestId('progress-matrix').waitFor();
    await page.locator('#f-q').selectOption('2');
    await page.waitForURL(/q=2/);
    expect(await page.locator('thead th.focus').textContent()).toBe('ไตรมาส 2');
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('q='));
    expect(await page.locator('#f-q').inputValue()).toBe('');
    await page.goForward();
    await page.waitForURL(/q=2/);
    expect(await page.locator('#f-q').inputValue()).toBe('2');
  });

  it('switches to English and back', async () => {
    const s = session();
    const { page } = s;
    await s.signInAs('province');
    await page.getByTestId('progress-matrix').waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Registration overview, Bueng Kan province');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, '12-overview-english');
    await page.getByRole('button', { name: 'เปลี่ยนเป็นภาษาไทย' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('ภาพรวมการลงทะเบียน จังหวัดบึงกาฬ');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('th');
    await signOut(page);
  });

  it('lists, searches and pages the producers of a district; a name that is markup stays text', async () => {
    const s = session();
    const { page } = s;
    await s.signInAs('district');
    await page.goto(`${s.url}/district/3801?fy=2561`);
    const table = page.getByTestId('producer-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(20);
    expect(await page.locator('.pager').textContent()).toMatch(/หน้า 1 จาก \d+/);
    await screenshot(page, '03-district-page');
    await page.getByLabel('ค้นหา', { exact: true }).fill('img');
    await page.getByRole('button', { name: 'ค้นหา' }).click();
    await page.waitForURL(/search=img/);
    await expect.poll(() => table.locator('tbody td').first().textContent()).toBe(HOSTILE_NAME);
    expect(await page.locator('main img').count()).toBe(0);
    await signOut(page);
  });

  it('ran no script from data and threw no page errors', () => {
    const s = session();
    expect(s.dialogs).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});
