import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeThaiId } from '../../domain/thai-id.ts';
import { withQuery } from '../../dashboard/api/client.ts';
import { categoryProductsHref, categoryProductsQuery } from '../../dashboard/components/category-link.ts';
import { parseQuery } from '../../dashboard/url-state.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { createApiFixture, signIn, type ApiFixture } from './support/api-fixture.ts';

const HEADER = 'ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์';

/**
 * Category drill-through (issue 18): a category bar on the province overview puts the
 * category in the URL; the page turns that URL into a request of the province's product list
 * of that category. This runs that very request against the API.
 */
describe(`category drill-through: the province's products of one category (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture({ accounts: ['district3801', 'district3802', 'province38'] });
    const load = async (account: 'district3801' | 'district3802', district: string, subdistrict: string, rows: string[]) => {
      const fd = new FormData();
      fd.set('file', new File([[HEADER, ...rows].join('\n')], 'r.csv', { type: 'text/csv' }));
      fd.set('district', district);
      fd.set('round', '2561-Q1');
      expect((await (await signIn(f.app, account)).send('POST', '/api/submissions', { body: fd })).status).toBe(201);
    };
    await load('district3801', '3801', 'บึงกาฬ', [
      `กลุ่มน้ำพริก,${makeThaiId('338010000001')},กลุ่มผู้ผลิตชุมชน,บึงกาฬ,น้ำพริกเผา,อาหาร`,
      `กลุ่มน้ำพริก,${makeThaiId('338010000001')},กลุ่มผู้ผลิตชุมชน,บึงกาฬ,ชาตะไคร้,เครื่องดื่ม`,
    ]);
    await load('district3802', '3802', 'ศรีชมภู', [`กลุ่มข้าวหลาม,${makeThaiId('338020000001')},กลุ่มผู้ผลิตชุมชน,ศรีชมภู,ข้าวหลาม,อาหาร`]);
  });
  afterAll(async () => f.close());

  it('lists that category from every district of the province, and the same in Excel', async () => {
    const href = categoryProductsHref('38', 2561, 'food');
    const view = parseQuery(href.slice(href.indexOf('?')));
    expect(view.category).toBe('food');
    const query = categoryProductsQuery('38', view.fy!, view.category!, view, 20);
    const manager = await signIn(f.app, 'province38');
    const res = await manager.get(withQuery('/api/products', query));
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: { name: string; category: string; districtNameTh: string }[]; total: number };
    expect(page.items.map((p) => p.name).sort()).toEqual(['ข้าวหลาม', 'น้ำพริกเผา']);
    expect(page.items.every((p) => p.category === 'food')).toBe(true);
    expect(page.total).toBe(2);
    const { limit: _l, offset: _o, ...filters } = query;
    expect((await manager.get(withQuery('/api/products.xlsx', filters))).status).toBe(200);
  });

  it('stays in scope: a district officer asking for the province list gets nothing of the neighbour', async () => {
    const officer = await signIn(f.app, 'district3801');
    const res = await officer.get(withQuery('/api/products', categoryProductsQuery('38', 2561, 'food', { search: '', sort: null, page: 1 }, 20)));
    const text = await res.text();
    expect(text).not.toContain('ข้าวหลาม');
  });
});
