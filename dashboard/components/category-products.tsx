import { useEffect } from 'preact/hooks';
import { PRODUCT_CATEGORIES, type CategoryCode } from '../../domain/product-categories.ts';
import { withQuery } from '../api/client.ts';
import type { ListPage, ProductRow } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { label } from '../i18n/messages.ts';
import { navigate, useLocation } from '../router.ts';
import { parseQuery, patchQuery } from '../url-state.ts';
import { useResource } from '../use-resource.ts';
import { categoryProductsQuery } from './category-link.ts';
import { DataTable } from './data-table.tsx';
import { productColumns } from './product-columns.tsx';
import { SearchBox } from './search-box.tsx';

const PAGE_SIZE = 20;

/**
 * The province's products of one category, opened from the category chart: the same product
 * list as a district's (columns, search, pager, Excel of every page) with the district added,
 * scoped by the server to what the user may see.
 */
export function CategoryProducts({ province, fy, category }: { province: string; fy: number; category: CategoryCode }) {
  const { api, t, lang } = useApp();
  const loc = useLocation();
  const view = parseQuery(loc.search);
  const query = categoryProductsQuery(province, fy, category, view, PAGE_SIZE);
  const res = useResource(`/api/products${JSON.stringify(query)}`, (signal) => api.get<ListPage<ProductRow>>('/api/products', query, signal));
  const { limit: _l, offset: _o, ...filters } = query;
  // Opened by a click further up the page: bring the list into view once per category.
  useEffect(() => {
    document.getElementById('category-products')?.scrollIntoView({ block: 'start' });
  }, [category]);
  const cat = PRODUCT_CATEGORIES.find((c) => c.code === category)!;
  const title = t.attention.categoryProducts(label(lang, cat));
  const columns = [...productColumns(t, lang), { key: 'district', label: t.overview.districtCol, value: (p: ProductRow) => p.districtNameTh }];
  return (
    <section class="card" id="category-products" aria-labelledby="category-products-title" data-testid="category-products" data-category={category}>
      <h2 id="category-products-title">{title}</h2>
      <DataTable
        columns={columns}
        state={{ rows: res.data?.items ?? null, error: res.error, reload: res.reload }}
        rowKey={(p) => String(p.id)}
        caption={title}
        testId="category-product-table"
        filtered={!!view.search}
        pager={res.data ? { page: view.page, pageSize: PAGE_SIZE, total: res.data.total } : undefined}
        download={withQuery('/api/products.xlsx', filters)}
        tools={
          <>
            <SearchBox id="category-product-search" />
            <button type="button" class="secondary small" onClick={() => navigate(loc.pathname + patchQuery(loc.search, { category: null, search: '', page: 1 }))}>
              {t.attention.clearCategory}
            </button>
          </>
        }
      />
    </section>
  );
}
