import { describe, expect, it } from 'vitest';
import { cellText, emptyMessage, nextSort, sortRows, tableDownload, type TableColumn } from '../../dashboard/components/table-columns.ts';
import { categoryProductsHref, categoryProductsQuery } from '../../dashboard/components/category-link.ts';
import { chartTableDownload } from '../../dashboard/components/chart.tsx';
import { matrixDownload } from '../../dashboard/components/progress-matrix-table.tsx';
import { attentionDownload } from '../../dashboard/components/attention-panel.tsx';
import { messages } from '../../dashboard/i18n/messages.ts';
import { parseQuery } from '../../dashboard/url-state.ts';
import type { ProgressMatrix } from '../../dashboard/model/progress-matrix.ts';
import type { DisplayLocale } from '../../dashboard/format/display-locale.ts';
const TH: DisplayLocale = { lang: 'th', digits: 'arabic' };

const th = messages('th');

interface Row {
  name: string;
  n: number | null;
  day: string | null;
}
const COLUMNS: TableColumn<Row>[] = [
  { key: 'name', label: 'ชื่อ', value: (r) => r.name },
  { key: 'n', label: 'จำนวน', kind: 'integer', value: (r) => r.n },
  { key: 'day', label: 'วันที่', kind: 'date', value: (r) => r.day },
  { key: 'act', label: 'ทำ', noExport: true, value: () => null },
];
const ROWS: Row[] = [
  { name: 'ข', n: 1200, day: '2017-11-15' },
  { name: 'ก', n: null, day: null },
  { name: 'ค', n: 7, day: '2018-01-02' },
];

describe('DataTable columns (pure parts)', () => {
  it('write each value as the screen reads it: grouped digits, percents, BE dates, a dash for blank', () => {
    expect(cellText('integer', 12345, TH)).toBe('12,345');
    expect(cellText('percent', 0.425, TH)).toMatch(/^42\.5\s?%$/);
    expect(cellText('date', '2017-11-15', TH)).toBe('15 พ.ย. 2560');
    expect(cellText('text', null, TH)).toBe('–');
    expect(cellText('text', '', TH)).toBe('–');
    expect(cellText(undefined, '<b>x</b>', TH)).toBe('<b>x</b>');
  });

  it('sort by a column: numbers by value, blanks last, equal rows in their given order', () => {
    expect(sortRows(ROWS, COLUMNS, { key: 'n', dir: -1 }, 'th').map((r) => r.name)).toEqual(['ข', 'ค', 'ก']);
    expect(sortRows(ROWS, COLUMNS, { key: 'n', dir: 1 }, 'th').map((r) => r.name)).toEqual(['ค', 'ข', 'ก']);
    expect(sortRows(ROWS, COLUMNS, { key: 'name', dir: 1 }, 'th').map((r) => r.name)).toEqual(['ก', 'ข', 'ค']);
    expect(sortRows(ROWS, COLUMNS, null, 'th')).toEqual(ROWS);
    const tied = [{ name: 'a', n: 1, day: null }, { name: 'b', n: 1, day: null }];
    expect(sortRows(tied, COLUMNS, { key: 'n', dir: -1 }, 'th').map((r) => r.name)).toEqual(['a', 'b']);
    const bySort: TableColumn<Row>[] = [{ key: 'x', label: 'x', value: (r) => `${r.n}`, sortValue: (r) => r.n }];
    expect(sortRows(ROWS, bySort, { key: 'x', dir: 1 }, 'th').map((r) => r.name)).toEqual(['ค', 'ข', 'ก']);
  });

  it('a header click flips the same column and starts a number column descending', () => {
    expect(nextSort(null, { key: 'n', kind: 'integer' })).toEqual({ key: 'n', dir: -1 });
    expect(nextSort(null, { key: 'name' })).toEqual({ key: 'name', dir: 1 });
    expect(nextSort({ key: 'name', dir: 1 }, { key: 'name' })).toEqual({ key: 'name', dir: -1 });
  });

  it('the download holds the exported columns with their kinds and the raw values (numbers stay numbers)', () => {
    expect(tableDownload('ตาราง', COLUMNS, ROWS)).toEqual({
      title: 'ตาราง',
      columns: [
        { label: 'ชื่อ', kind: 'text' },
        { label: 'จำนวน', kind: 'integer' },
        { label: 'วันที่', kind: 'date' },
      ],
      rows: [
        ['ข', 1200, '2017-11-15'],
        ['ก', null, null],
        ['ค', 7, '2018-01-02'],
      ],
    });
  });

  it('an empty list says "no data yet", an empty search "no match"', () => {
    expect(emptyMessage(false, th)).toBe('ยังไม่มีข้อมูล');
    expect(emptyMessage(true, th)).toBe('ไม่พบรายการที่ค้นหา');
  });

  it('a chart table downloads with number columns as integers and text otherwise', () => {
    const d = chartTableDownload('ผลิตภัณฑ์แยกตามประเภท', { columns: ['ประเภท', 'จำนวน'], rows: [['อาหาร', 3], ['ผ้า', 0]], links: ['/x', null] });
    expect(d.columns).toEqual([{ label: 'ประเภท', kind: 'text' }, { label: 'จำนวน', kind: 'integer' }]);
    expect(d.rows).toEqual([['อาหาร', 3], ['ผ้า', 0]]);
  });

  it('the progress matrix downloads one row per district and a total row, figures as numbers', () => {
    const matrix: ProgressMatrix = {
      quarters: [1, 2],
      rows: [
        {
          code: '3801',
          nameTh: 'เมืองบึงกาฬ',
          nameEn: 'Mueang Bueng Kan',
          cells: [
            { roundCode: '2561-Q1', quarter: 1, districtCode: '3801', state: 'certified', provinceState: 'open', producers: 12, products: 30, lateRegistrations: 0, late: true, behindStep: null } as never,
            null,
          ],
        },
      ],
      totals: [{ quarter: 1, roundCode: '2561-Q1', producers: 12, products: 30, certified: 1, districts: 8 }, null as never],
    };
    const d = matrixDownload(matrix, th, 'th');
    expect(d.columns.map((c) => c.label)).toEqual(['อำเภอ', 'สถานะ ไตรมาส 1', 'ผู้ผลิต ไตรมาส 1', 'ผลิตภัณฑ์ ไตรมาส 1', 'ล่าช้า ไตรมาส 1', 'สถานะ ไตรมาส 2', 'ผู้ผลิต ไตรมาส 2', 'ผลิตภัณฑ์ ไตรมาส 2', 'ล่าช้า ไตรมาส 2']);
    expect(d.columns[2]!.kind).toBe('integer');
    expect(d.rows).toHaveLength(2);
    expect(d.rows[0]!.slice(0, 5)).toEqual(['เมืองบึงกาฬ', expect.any(String), 12, 30, th.overview.late]);
    expect(d.rows[0]!.slice(5)).toEqual([null, null, null, null]);
    expect(d.rows[1]![0]).toBe(th.overview.totalRow);
  });

  it('the attention lists download as one table with days as numbers and days as ISO dates', () => {
    const area = { code: '3801', nameTh: 'เมืองบึงกาฬ', nameEn: 'Mueang', quarter: 1, roundCode: '2561-Q1' };
    const d = attentionDownload(
      {
        overdue: [{ ...area, endDate: '2017-11-30', daysLate: 5 }],
        awaitingCertification: [{ ...area, daysWaiting: 3, daysLate: null }],
        returned: [{ ...area, returnedAt: '2017-12-01T20:00:00Z', reason: '=ผิด' }],
      } as never,
      th,
      'th',
    );
    expect(d.rows).toEqual([
      [th.attention.overdue, 'เมืองบึงกาฬ', 'ไตรมาส 1', 5, '2017-11-30', null],
      [th.attention.awaiting, 'เมืองบึงกาฬ', 'ไตรมาส 1', 3, null, null],
      // 20:00 UTC is the next day in Bangkok.
      [th.attention.returned, 'เมืองบึงกาฬ', 'ไตรมาส 1', null, '2017-12-02', '=ผิด'],
    ]);
  });
});

describe('category drill-through', () => {
  it('opens the province overview with the category in the URL, which the page reads back', () => {
    const href = categoryProductsHref('38', 2561, 'food', 2);
    expect(href).toBe('/province/38?fy=2561&q=2&category=food');
    expect(parseQuery(href.split('?')[1]!)).toMatchObject({ fy: 2561, q: 2, category: 'food' });
  });

  it('asks the product list of the province for that category, page by page', () => {
    expect(categoryProductsQuery('38', 2561, 'food', { search: '', sort: '-stars', page: 3 }, 20)).toEqual({
      province: '38', fy: 2561, category: 'food', q: null, sort: 'stars', order: 'desc', limit: 20, offset: 40,
    });
  });
});
