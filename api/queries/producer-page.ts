import { and, asc, count, desc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { districts, producers, products, registrations, subdistricts } from '../../db/schema/index.ts';
import type { ProducerTypeCode } from '../../domain/producer-types.ts';
import type { CategoryCode } from '../../domain/product-categories.ts';
import { containsPattern, type Page, type PageRequest, type SortOrder } from './list-page.ts';

export const PRODUCER_SORTS = ['name', 'district', 'subdistrict', 'producerType', 'updatedAt', 'createdAt'] as const;
export type ProducerSort = (typeof PRODUCER_SORTS)[number];

export interface ProducerFilter {
  provinceCode?: string | undefined;
  districtCode?: string | undefined;
  subdistrictCode?: string | undefined;
  /** Registered in this fiscal year (any round of it). */
  fiscalYear?: number | undefined;
  /** Registered in this round. */
  roundCode?: string | undefined;
  /** Has a product of this category (in the fiscal year, when one is given). */
  category?: CategoryCode | undefined;
  producerType?: ProducerTypeCode | undefined;
  /** Text in the producer's name. */
  q?: string | undefined;
}

export interface ProducerRow {
  id: number;
  /** Unmasked: the route masks it for callers who may not see it. */
  thaiId: string;
  producerType: ProducerTypeCode;
  name: string;
  contactName: string | null;
  phone: string | null;
  members: number | null;
  houseNo: string | null;
  villageNo: number | null;
  subdistrictCode: string;
  subdistrictNameTh: string;
  districtCode: string;
  districtNameTh: string;
  provinceCode: string;
  fiscalYears: number[];
  /** The latest registration's time (of the fiscal year filtered on, if any); not the file's upload time. */
  registeredAt: string | null;
  updatedAt: string;
}

function conditions(f: ProducerFilter): SQL | undefined {
  const where: SQL[] = [];
  if (f.provinceCode) where.push(eq(producers.provinceCode, f.provinceCode));
  if (f.districtCode) where.push(eq(producers.districtCode, f.districtCode));
  if (f.subdistrictCode) where.push(eq(producers.subdistrictCode, f.subdistrictCode));
  if (f.producerType) where.push(eq(producers.producerType, f.producerType));
  if (f.q) where.push(ilike(producers.name, containsPattern(f.q)));
  if (f.fiscalYear !== undefined || f.roundCode) {
    const reg: SQL[] = [eq(registrations.producerId, producers.id)];
    if (f.fiscalYear !== undefined) reg.push(eq(registrations.fiscalYear, f.fiscalYear));
    if (f.roundCode) reg.push(eq(registrations.roundCode, f.roundCode));
    where.push(sql`exists (select 1 from ${registrations} where ${and(...reg)})`);
  }
  if (f.category) {
    const prod: SQL[] = [eq(products.producerId, producers.id), eq(products.category, f.category)];
    if (f.fiscalYear !== undefined) prod.push(eq(products.fiscalYear, f.fiscalYear));
    where.push(sql`exists (select 1 from ${products} where ${and(...prod)})`);
  }
  return where.length ? and(...where) : undefined;
}

const SORT_COLUMNS: Record<ProducerSort, SQL | typeof producers.name> = {
  name: producers.name,
  district: sql`${producers.districtCode}`,
  subdistrict: sql`${producers.subdistrictCode}`,
  producerType: sql`${producers.producerType}`,
  updatedAt: sql`${producers.updatedAt}`,
  createdAt: sql`${producers.createdAt}`,
};

/** One page of producers matching the filter (the caller's scope already folded in), with the total count. */
export async function producerPage(
  db: Db,
  filter: ProducerFilter,
  sort: { by: ProducerSort; order: SortOrder },
  page: PageRequest,
): Promise<Page<ProducerRow>> {
  const where = conditions(filter);
  const dir = sort.order === 'desc' ? desc : asc;
  const rows = await db
    .select({
      id: producers.id,
      thaiId: producers.thaiId,
      producerType: producers.producerType,
      name: producers.name,
      contactName: producers.contactName,
      phone: producers.phone,
      members: producers.members,
      houseNo: producers.houseNo,
      villageNo: producers.villageNo,
      subdistrictCode: producers.subdistrictCode,
      subdistrictNameTh: subdistricts.nameTh,
      districtCode: producers.districtCode,
      districtNameTh: districts.nameTh,
      provinceCode: producers.provinceCode,
      fiscalYears: sql<number[] | null>`(select array_agg(distinct r.fiscal_year order by r.fiscal_year) from ${registrations} r where r.producer_id = ${producers.id})`,
      registeredAt: sql<unknown>`(select max(r.registered_at) from ${registrations} r where r.producer_id = ${producers.id}${
        filter.fiscalYear !== undefined ? sql` and r.fiscal_year = ${filter.fiscalYear}` : sql``
      }${filter.roundCode ? sql` and r.round_code = ${filter.roundCode}` : sql``})`,
      updatedAt: producers.updatedAt,
    })
    .from(producers)
    .innerJoin(subdistricts, eq(subdistricts.code, producers.subdistrictCode))
    .innerJoin(districts, eq(districts.code, producers.districtCode))
    .where(where)
    .orderBy(dir(SORT_COLUMNS[sort.by]), dir(producers.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db.select({ n: count() }).from(producers).where(where);
  return {
    items: rows.map((r) => ({
      ...r,
      fiscalYears: (r.fiscalYears ?? []).map(Number),
      registeredAt: r.registeredAt === null || r.registeredAt === undefined ? null : new Date(r.registeredAt as string | Date).toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    })),
    total: total?.n ?? 0,
    limit: page.limit,
    offset: page.offset,
  };
}
