import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { districts, products, registrations, subdistricts } from '../../db/schema/index.ts';
import type { ProducerTypeCode } from '../../domain/producer-types.ts';
import type { CategoryCode } from '../../domain/product-categories.ts';
import { containsPattern, type Page, type PageRequest, type SortOrder } from './list-page.ts';

export const PRODUCT_SORTS = ['name', 'category', 'stars', 'fiscalYear', 'district', 'producerName', 'updatedAt'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export interface ProductFilter {
  provinceCode?: string | undefined;
  districtCode?: string | undefined;
  subdistrictCode?: string | undefined;
  fiscalYear?: number | undefined;
  roundCode?: string | undefined;
  category?: CategoryCode | undefined;
  producerType?: ProducerTypeCode | undefined;
  /** Text in the product's or the producer's name. */
  q?: string | undefined;
}

export interface ProductRow {
  id: number;
  name: string;
  category: CategoryCode;
  standards: string[];
  stars: number | null;
  fiscalYear: number;
  roundCode: string;
  districtCode: string;
  districtNameTh: string;
  provinceCode: string;
  subdistrictCode: string;
  subdistrictNameTh: string;
  producerId: number;
  producerName: string;
  producerType: ProducerTypeCode;
  updatedAt: string;
}

function conditions(f: ProductFilter): SQL | undefined {
  const where: SQL[] = [];
  if (f.provinceCode) where.push(eq(products.provinceCode, f.provinceCode));
  if (f.districtCode) where.push(eq(products.districtCode, f.districtCode));
  if (f.subdistrictCode) where.push(eq(registrations.subdistrictCode, f.subdistrictCode));
  if (f.fiscalYear !== undefined) where.push(eq(products.fiscalYear, f.fiscalYear));
  if (f.roundCode) where.push(eq(products.roundCode, f.roundCode));
  if (f.category) where.push(eq(products.category, f.category));
  if (f.producerType) where.push(eq(registrations.producerType, f.producerType));
  if (f.q) {
    const pattern = containsPattern(f.q);
    where.push(or(ilike(products.name, pattern), ilike(registrations.producerName, pattern))!);
  }
  return where.length ? and(...where) : undefined;
}

const SORT_COLUMNS: Record<ProductSort, SQL> = {
  name: sql`${products.name}`,
  category: sql`${products.category}`,
  stars: sql`${products.stars}`,
  fiscalYear: sql`${products.fiscalYear}`,
  district: sql`${products.districtCode}`,
  producerName: sql`${registrations.producerName}`,
  updatedAt: sql`${products.updatedAt}`,
};

// A product with the registration it was registered with: its producer as registered there
// (the registration's own copy), never the producer's current row.
const registeredWith = and(eq(registrations.id, products.registrationId), eq(registrations.provinceCode, products.provinceCode));

/** One page of products matching the filter (the caller's scope already folded in), with the total count. */
export async function productPage(
  db: Db,
  filter: ProductFilter,
  sort: { by: ProductSort; order: SortOrder },
  page: PageRequest,
): Promise<Page<ProductRow>> {
  const where = conditions(filter);
  const dir = sort.order === 'desc' ? desc : asc;
  const base = db
    .select({
      id: products.id,
      name: products.name,
      category: products.category,
      standards: products.standards,
      stars: products.stars,
      fiscalYear: products.fiscalYear,
      roundCode: products.roundCode,
      districtCode: products.districtCode,
      districtNameTh: districts.nameTh,
      provinceCode: products.provinceCode,
      subdistrictCode: registrations.subdistrictCode,
      subdistrictNameTh: subdistricts.nameTh,
      producerId: products.producerId,
      producerName: registrations.producerName,
      producerType: registrations.producerType,
      updatedAt: products.updatedAt,
    })
    .from(products)
    .innerJoin(registrations, registeredWith)
    .innerJoin(subdistricts, eq(subdistricts.code, registrations.subdistrictCode))
    .innerJoin(districts, eq(districts.code, products.districtCode));
  const rows = await base
    .where(where)
    .orderBy(sort.by === 'stars' ? sql`${products.stars} ${sql.raw(sort.order)} nulls last` : dir(SORT_COLUMNS[sort.by]), dir(products.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db
    .select({ n: count() })
    .from(products)
    .innerJoin(registrations, registeredWith)
    .where(where);
  return {
    items: rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })),
    total: total?.n ?? 0,
    limit: page.limit,
    offset: page.offset,
  };
}
