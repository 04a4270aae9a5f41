import { describe, expect, it } from 'vitest';
import { makeThaiId } from '../../domain/thai-id.ts';
import { screenshot } from './support/e2e-browser.ts';
import { useE2eSession } from './support/e2e-session.ts';

/**
 * The mapping screen in a real browser: a district file with the office's own titles (two the
 * system is not sure of) is checked, the user maps the two titles with the drop-downs (sample
 * values beside them, required columns marked), confirms, loads; the district's next file with
 * the same titles maps itself.
 */
const TITLES = ['ลำดับ', 'ชื่อ', 'เลข ปชช.', 'ประเภทผู้ประกอบการ', 'ที่อยู่ ตำบล', 'ผลิตภัณฑ์', 'หมวดผลิตภัณฑ์'];

function officeCsv(serial: string, product: string): string {
  const rows = [
    ['ทะเบียนผู้ผลิต OTOP อำเภอเมืองบึงกาฬ'],
    TITLES,
    ['1', 'กลุ่มจักสานบ้านทดลอง', makeThaiId(`3380100${serial}1`), 'กลุ่มผู้ผลิตชุมชน', 'บึงกาฬ', `ตะกร้า${product}`, 'ของใช้ ของตกแต่ง ของที่ระลึก'],
    ['2', 'นางทดลอง ใจงาม', makeThaiId(`3380100${serial}2`), 'ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว', 'หอคำ', `น้ำพริก${product}`, 'อาหาร'],
  ];
  return rows.map((r) => r.join(',')).join('\n') + '\n';
}

describe('upload: the mapping screen (chromium)', () => {
  const session = useE2eSession();

  it('odd titles → mapping screen → confirm → load; the next file from the district maps itself', async () => {
    const s = session();
    const { page } = s;
    await s.signInAs('district');
    await page.goto(`${s.url}/upload?fy=2561&q=4`);
    await page.getByLabel('ไฟล์').setInputFiles({ name: 'office-own.csv', mimeType: 'text/csv', buffer: Buffer.from(officeCsv('7810', 'สาน'), 'utf8') });
    await page.getByRole('button', { name: 'ตรวจสอบไฟล์' }).click();

    const screen = page.getByTestId('header-mapping');
    await screen.waitFor();
    // One drop-down per title the system was not sure of; recognised titles listed, not asked.
    expect(await screen.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-header')))).toEqual(['ชื่อ', 'ที่อยู่ ตำบล']);
    const name = page.getByLabel('B: ชื่อ', { exact: true });
    const place = page.getByLabel('E: ที่อยู่ ตำบล', { exact: true });
    // Candidates first, with their confidence; required columns marked with *.
    const nameOptions = await name.locator('optgroup').first().locator('option').allTextContents();
    expect(nameOptions[0]).toMatch(/^ชื่อผู้ผลิต \* \(ความมั่นใจ [0-9๐-๙]+\s?%\)$/);
    expect(await place.locator('optgroup').first().locator('option').first().getAttribute('value')).toBe('subdistrict');
    // Sample values from the file beside each title.
    expect(await screen.locator('tr[data-header="ชื่อ"] td.samples').textContent()).toBe('กลุ่มจักสานบ้านทดลอง · นางทดลอง ใจงาม');
    expect(await screen.getByTestId('mapping-recognised').textContent()).toContain('เลข ปชช. → เลขประจำตัวประชาชน *');
    // Leaving a required column out is not allowed: the screen says which is missing.
    await place.selectOption('');
    await expect.poll(() => screen.getByTestId('mapping-missing').textContent()).toContain('ตำบล');
    expect(await screen.getByTestId('mapping-confirm').isDisabled()).toBe(true);
    await name.selectOption('producer_name');
    await place.selectOption('subdistrict');
    await screenshot(page, '09-upload-mapping');
    await screen.getByTestId('mapping-confirm').click();

    const report = page.getByTestId('submission-report');
    await expect.poll(() => report.getAttribute('data-status')).toBe('validated');
    expect(await page.getByTestId('rows-read').textContent()).toBe('2');
    expect(await page.getByTestId('header-step').getAttribute('data-source')).toBe('explicit');
    expect(await page.getByTestId('header-step').textContent()).toContain('คอลัมน์ที่ไม่ได้นำเข้า: A "ลำดับ" (เป็นเลขลำดับแถว)');
    await page.getByTestId('commit').click();
    await expect.poll(() => report.getAttribute('data-status')).toBe('loaded');

    // The district's next file with the same titles: checked without a question.
    await page.getByLabel('ไฟล์').setInputFiles({ name: 'office-next.csv', mimeType: 'text/csv', buffer: Buffer.from(officeCsv('7820', 'ใหม่'), 'utf8') });
    await page.getByRole('button', { name: 'ตรวจสอบไฟล์' }).click();
    await expect.poll(() => report.getAttribute('data-status')).toBe('validated');
    expect(await page.getByTestId('header-mapping').count()).toBe(0);
    const step = page.getByTestId('header-step');
    expect(await step.getAttribute('data-source')).toBe('remembered');
    expect(await step.textContent()).toContain('ชื่อ → ชื่อผู้ผลิต');
    // … and the remembered mapping can be changed.
    await step.getByTestId('change-mapping').click();
    await page.getByTestId('header-mapping').waitFor();
    expect(await page.getByLabel('B: ชื่อ', { exact: true }).inputValue()).toBe('producer_name');
    expect(s.pageErrors).toEqual([]);
  });
});
