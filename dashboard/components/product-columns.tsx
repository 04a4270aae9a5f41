import { categoryLabel } from '../../domain/product-categories.ts';
import { standardLabel } from '../../domain/product-standards.ts';
import type { ProductRow } from '../api/types.ts';
import type { Lang, Messages } from '../i18n/messages.ts';
import type { TableColumn } from './table-columns.ts';

/** The product list's columns, shared by a district's list and a province's list of one category. */
export function productColumns(t: Messages, lang: Lang): TableColumn<ProductRow>[] {
  return [
    { key: 'name', label: t.district.productName, value: (p) => p.name },
    { key: 'producer', label: t.district.producer, value: (p) => p.producerName ?? null },
    { key: 'category', label: t.district.category, value: (p) => categoryLabel(p.category, lang) },
    { key: 'standards', label: t.district.standards, value: (p) => (p.standards ?? []).map((code) => standardLabel(code, lang)).join(', ') || null },
    {
      key: 'stars',
      label: t.district.stars,
      kind: 'integer',
      value: (p) => p.stars ?? null,
      cell: (p) => (p.stars ? <span aria-label={String(p.stars)}>{'★'.repeat(p.stars)}</span> : '–'),
    },
  ];
}
