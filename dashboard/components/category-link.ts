import type { CategoryCode } from '../../domain/product-categories.ts';
import { formatQuery } from '../url-state.ts';

/**
 * Drill-through from a category (a bar of the category chart, a row of its table): the
 * province's overview with the category in the URL, which opens the province's product list
 * of that category under the charts. A district's own page filters its product tab with the same
 * key (?tab=products&category=…).
 */
export function categoryProductsHref(province: string, fy: number, category: CategoryCode, quarter: number | null = null): string {
  return `/province/${province}${formatQuery({ fy, q: quarter as 1 | 2 | 3 | 4 | null, category })}`;
}

/** The query of the province's product list of one category: page 20 at a time, sorted as asked. */
export function categoryProductsQuery(province: string, fy: number, category: CategoryCode, view: { search: string; sort: string | null; page: number }, pageSize: number) {
  const sort = view.sort ?? 'name';
  return {
    province,
    fy,
    category,
    q: view.search || null,
    sort: sort.replace(/^-/, ''),
    order: sort.startsWith('-') ? 'desc' : 'asc',
    limit: pageSize,
    offset: (view.page - 1) * pageSize,
  };
}
