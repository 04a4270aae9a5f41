import type { Quarter } from '../domain/fiscal-year.ts';
import { PRODUCT_CATEGORIES, type CategoryCode } from '../domain/product-categories.ts';
import { PRODUCER_TYPES, type ProducerTypeCode } from '../domain/producer-types.ts';

/**
 * The view state that lives in the URL, so a view can be bookmarked, shared, and walked with
 * back and forward. Parsing is forgiving (a hand-edited or stale link never breaks the page:
 * unknown or malformed values read as "not set"); writing is canonical (fixed key order,
 * defaults left out), so one view has one URL.
 */
export interface ViewQuery {
  fy: number | null;
  q: Quarter | null;
  province: string | null;
  district: string | null;
  category: CategoryCode | null;
  type: ProducerTypeCode | null;
  search: string;
  sort: string | null;
  page: number;
  tab: string | null;
}

export const EMPTY_QUERY: ViewQuery = {
  fy: null,
  q: null,
  province: null,
  district: null,
  category: null,
  type: null,
  search: '',
  sort: null,
  page: 1,
  tab: null,
};

const KEY_ORDER: readonly (keyof ViewQuery)[] = ['fy', 'q', 'province', 'district', 'category', 'type', 'search', 'sort', 'page', 'tab'];
/** Changing any of these puts a paged list back on its first page. */
const FILTER_KEYS: ReadonlySet<keyof ViewQuery> = new Set(['fy', 'q', 'province', 'district', 'category', 'type', 'search', 'sort']);

const CATEGORY_CODES = new Set<string>(PRODUCT_CATEGORIES.map((c) => c.code));
const TYPE_CODES = new Set<string>(PRODUCER_TYPES.map((t) => t.code));

function intIn(v: string | null, min: number, max: number): number | null {
  if (v === null || !/^\d+$/.test(v)) return null;
  const n = Number(v);
  return n >= min && n <= max ? n : null;
}

function code(v: string | null, digits: number): string | null {
  return v !== null && new RegExp(`^\\d{${digits}}$`).test(v) ? v : null;
}

/** A sort key or tab name: 'name', '-registeredAt' (leading minus: descending). */
function token(v: string | null): string | null {
  return v !== null && /^-?[a-z][a-z0-9-]{0,40}$/i.test(v) ? v : null;
}

/** Reads a query string ('?fy=2561&q=2…' or URLSearchParams) into a ViewQuery. */
export function parseQuery(search: string | URLSearchParams): ViewQuery {
  const p = typeof search === 'string' ? new URLSearchParams(search) : search;
  const category = p.get('category');
  const type = p.get('type');
  const district = code(p.get('district'), 4);
  return {
    fy: intIn(p.get('fy'), 2500, 2700),
    q: intIn(p.get('q'), 1, 4) as Quarter | null,
    // A district code starts with its province's code; a link with only the district is enough.
    province: code(p.get('province'), 2) ?? (district ? district.slice(0, 2) : null),
    district,
    category: category !== null && CATEGORY_CODES.has(category) ? (category as CategoryCode) : null,
    type: type !== null && TYPE_CODES.has(type) ? (type as ProducerTypeCode) : null,
    search: (p.get('search') ?? '').trim().slice(0, 200),
    sort: token(p.get('sort')),
    page: intIn(p.get('page'), 1, 1_000_000) ?? 1,
    tab: token(p.get('tab')),
  };
}

/** Writes a ViewQuery back as a canonical query string ('' when nothing is set, else '?…'). */
export function formatQuery(q: Partial<ViewQuery>): string {
  const p = new URLSearchParams();
  for (const key of KEY_ORDER) {
    const v = q[key];
    if (v === null || v === undefined || v === '') continue;
    if (key === 'page' && v === 1) continue;
    p.set(key, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * The query string after changing some keys: a change to a filter, the search or the sort
 * order puts the list back on page 1; changing only the page or the tab keeps the rest.
 */
export function patchQuery(current: string | ViewQuery, patch: Partial<ViewQuery>): string {
  const base = typeof current === 'string' ? parseQuery(current) : current;
  const next: ViewQuery = { ...base, ...patch };
  const filterChanged = (Object.keys(patch) as (keyof ViewQuery)[]).some(
    (k) => FILTER_KEYS.has(k) && patch[k] !== base[k],
  );
  if (filterChanged && patch.page === undefined) next.page = 1;
  // A district outside the chosen province does not survive a province change.
  if (patch.province !== undefined && next.district && next.province && !next.district.startsWith(next.province)) {
    next.district = null;
  }
  return formatQuery(next);
}
