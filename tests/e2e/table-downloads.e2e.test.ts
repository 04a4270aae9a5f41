import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { signOut } from './support/e2e-browser.ts';
import { useE2eSession } from './support/e2e-session.ts';

/**
 * Every table on the overview and the department page downloads as a workbook (issue 18):
 * each table's own button gives a file Excel can open, with the rows the screen shows. A
 * category opens the province's product list of that category.
 */
describe('table downloads end to end (chromium)', () => {
  const session = useE2eSession();

  /** Clicks the download button inside `scope` and reads the workbook's first sheet. */
  async function download(scope: Locator): Promise<ExcelJS.Worksheet> {
    const { page } = session();
    const [file] = await Promise.all([page.waitForEvent('download'), scope.getByTestId('xlsx-download').click()]);
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(await file.path())) as unknown as ArrayBuffer);
    return book.worksheets[0]!;
  }

  it('the province overview: attention lists, the matrix and each chart table', async () => {
    const s = session();
    const { page } = s;
    await s.signInAs('province');
    await page.goto(`${s.url}/province/38?fy=2561`);
    const attention = page.getByTestId('attention');
    await attention.waitFor();
    const listed = await attention.locator('li').count();
    const sheet = await download(attention);
    expect(sheet.rowCount - 1).toBe(listed);
    expect(sheet.getRow(1).getCell(1).value).toBe('เรื่อง');

    const matrix = page.getByTestId('progress-matrix');
    const matrixRows = await matrix.locator('tbody tr, tfoot tr').count();
    const matrixSheet = await download(page.locator('section.overview .list-tools:has(+ .table-scroll [data-testid="progress-matrix"])'));
    expect(matrixSheet.rowCount - 1).toBe(matrixRows);
    // Figures are numbers in the workbook, not text.
    expect(typeof matrixSheet.getRow(2).getCell(3).value).toBe('number');

    for (const id of ['chart-by-district', 'chart-by-category', 'chart-cumulative', 'chart-states']) {
      const chart = page.locator(`#${id}`);
      await chart.getByTestId('chart-toggle').click();
      const rows = await chart.locator('table.chart-table tbody tr').count();
      const headers = await chart.locator('table.chart-table thead th').allTextContents();
      const cs = await download(chart);
      expect(cs.rowCount - 1, id).toBe(rows);
      expect((cs.getRow(1).values as unknown[]).slice(1), id).toEqual(headers);
    }
    // The map's "view as table": the same areas, the share a real percent.
    const map = page.getByTestId('area-map');
    await map.locator('details.chart-table summary').click();
    const mapRows = await map.locator('details.chart-table tbody tr').count();
    const mapSheet = await download(map);
    expect(mapSheet.rowCount - 1).toBe(mapRows);
    expect(typeof mapSheet.getRow(2).getCell(3).value).toBe('number');
    // Category drill-through: a category's row opens the province's products of that category.
    await page.locator('#chart-by-category table.chart-table tbody a').first().click();
    await page.waitForURL(/\/province\/38\?fy=2561&category=food/);
    const products = page.getByTestId('category-products');
    await products.waitFor();
    expect(await products.getAttribute('data-category')).toBe('food');
    await products.getByTestId('category-product-table').waitFor();
    expect(await products.getByTestId('xlsx-download').getAttribute('href')).toBe('/api/products.xlsx?province=38&fy=2561&category=food&sort=name&order=asc');
    await signOut(page);
  });

  it('the department page: its to-do list, the province table and the chart table', async () => {
    const s = session();
    const { page } = s;
    await s.signInAs('department');
    const todo = page.getByTestId('department-attention');
    await todo.waitFor();
    const todoRows = await todo.locator('tbody tr').count();
    const todoSheet = await download(todo);
    expect(todoSheet.rowCount - 1).toBe(todoRows);
    // Days are whole numbers with thousands separators, not "รอ 3 วัน".
    expect(typeof todoSheet.getRow(2).getCell(4).value).toBe('number');
    expect(todoSheet.getRow(2).getCell(4).numFmt).toBe('#,##0');

    const provinces = page.getByTestId('province-table');
    const shown = await provinces.locator('tbody tr').count();
    const provinceSheet = await download(page.locator('.data-table:has([data-testid="province-table"])'));
    expect(provinceSheet.rowCount - 1).toBe(shown);
    expect(provinceSheet.getRow(2).getCell(1).value).toBe('บึงกาฬ');

    const chart = page.locator('#chart-provinces');
    await chart.getByTestId('chart-toggle').click();
    const cs = await download(chart);
    expect(cs.rowCount - 1).toBe(await chart.locator('table.chart-table tbody tr').count());
    await signOut(page);
  });

  it('threw no page errors', () => {
    const s = session();
    expect(s.pageErrors).toEqual([]);
  });
});
