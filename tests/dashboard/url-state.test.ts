import { describe, expect, it } from 'vitest';
import { formatQuery, parseQuery, patchQuery } from '../../dashboard/url-state.ts';

describe('URL filter state', () => {
  it('reads every filter from the query string', () => {
    expect(parseQuery('?fy=2561&q=2&province=38&district=3806&category=textile&type=sme&search=ผ้าไหม&sort=-updatedAt&page=3&tab=products')).toEqual({
      fy: 2561, q: 2, province: '38', district: '3806', category: 'textile', type: 'sme',
      search: 'ผ้าไหม', sort: '-updatedAt', page: 3, tab: 'products',
    });
  });

  it('reads malformed or unknown values as not set, never throwing', () => {
    expect(parseQuery('?fy=abc&q=5&province=3&district=38x1&category=cars&type=big&page=-2&sort=<script>')).toEqual({
      fy: null, q: null, province: null, district: null, category: null, type: null, search: '', sort: null, page: 1, tab: null,
    });
  });

  it('takes the province from the district code when only the district is given', () => {
    expect(parseQuery('?district=3801')).toMatchObject({ province: '38', district: '3801' });
  });

  it('writes a canonical query: fixed key order, defaults left out', () => {
    expect(formatQuery({ tab: 'products', page: 1, district: '3801', fy: 2561, search: '' })).toBe('?fy=2561&district=3801&tab=products');
    expect(formatQuery({})).toBe('');
  });

  it('round-trips: parse(format(x)) = x', () => {
    const s = '?fy=2561&q=4&province=38&district=3801&category=food&type=single-owner&search=%E0%B8%9C%E0%B9%89%E0%B8%B2&sort=name&page=2&tab=submissions';
    expect(formatQuery(parseQuery(s))).toBe(s);
  });

  it('goes back to page 1 when a filter, the search or the sort changes, not when only the page or tab does', () => {
    expect(patchQuery('?fy=2561&page=4', { type: 'sme' })).toBe('?fy=2561&type=sme');
    expect(patchQuery('?fy=2561&page=4', { search: 'กลุ่ม' })).toBe(`?fy=2561&search=${encodeURIComponent('กลุ่ม')}`);
    expect(patchQuery('?fy=2561&page=4', { page: 5 })).toBe('?fy=2561&page=5');
    expect(patchQuery('?fy=2561&page=4', { tab: 'products' })).toBe('?fy=2561&page=4&tab=products');
    // Setting a filter to the value it has is not a change.
    expect(patchQuery('?fy=2561&page=4', { fy: 2561 })).toBe('?fy=2561&page=4');
  });

  it('drops a district outside a newly chosen province', () => {
    expect(patchQuery('?province=38&district=3801', { province: '10' })).toBe('?province=10');
    expect(patchQuery('?province=38&district=3801', { province: '38' })).toBe('?province=38&district=3801');
  });
});
