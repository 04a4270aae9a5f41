import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import type { ProducerTypeCode } from '../../domain/producer-types.ts';
import type { CategoryCode } from '../../domain/product-categories.ts';

export interface ReportFormRowsFilter {
  districtCode: string;
  fiscalYear: number;
  /** One round's quarter (the previous year is compared on the same quarter), or null for the whole year. */
  quarter: number | null;
}

export interface SubdistrictCounts {
  /** Subdistrict code, or null for registrations whose registered address lies outside the district (none the load makes). */
  code: string | null;
  nameTh: string | null;
  nameEn: string | null;
  producersByType: Record<ProducerTypeCode, number>;
  producers: number;
  productsByCategory: Record<CategoryCode, number>;
  products: number;
  newProducers: number;
  renewedProducers: number;
  /** Registrations of the previous fiscal year (same quarter when one is given). */
  previousProducers: number;
}

interface Row {
  code: string | null;
  name_th: string | null;
  name_en: string | null;
  community_group: number;
  single_owner: number;
  sme: number;
  renewed: number;
  previous: number;
  food: number;
  beverage: number;
  textile: number;
  household: number;
  herbal: number;
}

/**
 * The registration report form's rows for one district: every subdistrict of the district
 * (registered or not), counting the district's registrations of the period the way progress
 * does (by the registration's district; renewed = the producer also registered in the previous
 * fiscal year) and placing each at the subdistrict and type it was registered with (the
 * registration's own copy: a later registration elsewhere never moves a certified row). A
 * registration whose subdistrict lies in another district (only data from before the load
 * checked it) is counted in a last row with a null code, so the rows always add up to the
 * district's totals.
 */
export async function reportFormRows(db: Db, filter: ReportFormRowsFilter): Promise<SubdistrictCounts[]> {
  const fy = filter.fiscalYear;
  const inPeriod = filter.quarter === null ? sql`true` : sql`fr.quarter = ${filter.quarter}`;
  const rows = await queryRows<Row>(
    db,
    sql`
      with regs as (
        select r.fiscal_year, r.producer_type,
               case when s.district_code = r.district_code then r.subdistrict_code end as subdistrict_code,
               exists (select 1 from registrations prev
                       where prev.producer_id = r.producer_id and prev.fiscal_year = r.fiscal_year - 1) as renewed
        from registrations r
        join fiscal_rounds fr on fr.code = r.round_code
        left join subdistricts s on s.code = r.subdistrict_code
        where r.district_code = ${filter.districtCode} and r.fiscal_year in (${fy}, ${fy - 1}) and ${inPeriod}
      ),
      reg_counts as (
        select subdistrict_code,
               count(*) filter (where fiscal_year = ${fy} and producer_type = 'community-group')::int as community_group,
               count(*) filter (where fiscal_year = ${fy} and producer_type = 'single-owner')::int as single_owner,
               count(*) filter (where fiscal_year = ${fy} and producer_type = 'sme')::int as sme,
               count(*) filter (where fiscal_year = ${fy} and renewed)::int as renewed,
               count(*) filter (where fiscal_year = ${fy - 1})::int as previous
        from regs group by subdistrict_code
      ),
      prod_counts as (
        select case when s.district_code = pr.district_code then r.subdistrict_code end as subdistrict_code,
               count(*) filter (where pr.category = 'food')::int as food,
               count(*) filter (where pr.category = 'beverage')::int as beverage,
               count(*) filter (where pr.category = 'textile')::int as textile,
               count(*) filter (where pr.category = 'household')::int as household,
               count(*) filter (where pr.category = 'herbal')::int as herbal
        from products pr
        join registrations r on r.id = pr.registration_id and r.province_code = pr.province_code
        join fiscal_rounds fr on fr.code = pr.round_code
        left join subdistricts s on s.code = r.subdistrict_code
        where pr.district_code = ${filter.districtCode} and pr.fiscal_year = ${fy} and ${inPeriod}
        group by 1
      ),
      areas as (
        select code::text as code, name_th, name_en from subdistricts where district_code = ${filter.districtCode}
        union all
        select null, null, null
      )
      select a.code, a.name_th, a.name_en,
             coalesce(rc.community_group, 0)::int as community_group, coalesce(rc.single_owner, 0)::int as single_owner,
             coalesce(rc.sme, 0)::int as sme, coalesce(rc.renewed, 0)::int as renewed, coalesce(rc.previous, 0)::int as previous,
             coalesce(pc.food, 0)::int as food, coalesce(pc.beverage, 0)::int as beverage, coalesce(pc.textile, 0)::int as textile,
             coalesce(pc.household, 0)::int as household, coalesce(pc.herbal, 0)::int as herbal
      from areas a
      left join reg_counts rc on rc.subdistrict_code is not distinct from a.code
      left join prod_counts pc on pc.subdistrict_code is not distinct from a.code
      order by a.code nulls last`,
  );
  return rows.map((r) => {
    const producersByType = { 'community-group': Number(r.community_group), 'single-owner': Number(r.single_owner), sme: Number(r.sme) };
    const productsByCategory = {
      food: Number(r.food),
      beverage: Number(r.beverage),
      textile: Number(r.textile),
      household: Number(r.household),
      herbal: Number(r.herbal),
    };
    const producers = producersByType['community-group'] + producersByType['single-owner'] + producersByType.sme;
    const renewed = Number(r.renewed);
    return {
      code: r.code === null ? null : r.code.trim(),
      nameTh: r.name_th,
      nameEn: r.name_en,
      producersByType,
      producers,
      productsByCategory,
      products: Object.values(productsByCategory).reduce((a, b) => a + b, 0),
      newProducers: producers - renewed,
      renewedProducers: renewed,
      previousProducers: Number(r.previous),
    };
  });
}
