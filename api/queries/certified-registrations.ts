import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import type { ProducerTypeCode } from '../../domain/producer-types.ts';
import type { CategoryCode } from '../../domain/product-categories.ts';

export interface CertifiedRegistration {
  districtCode: string;
  registrationId: number;
  producerName: string;
  producerType: ProducerTypeCode;
  subdistrictCode: string;
  subdistrictNameTh: string | null;
  products: { name: string; category: CategoryCode }[];
}

interface Row {
  district_code: string;
  registration_id: number | string;
  producer_name: string;
  producer_type: ProducerTypeCode;
  subdistrict_code: string;
  subdistrict_name: string | null;
  product_name: string | null;
  category: CategoryCode | null;
}

const thai = new Intl.Collator('th');

/**
 * The registrations of one round in the districts of a province that the province has
 * certified, with their products: the annex of the provincial certification announcement.
 * No citizen IDs (the announcement is public). Each producer as registered (the registration's
 * own copy), so what the province certified prints the same after any later registration. Ordered by district, subdistrict, producer
 * name and product name (Thai collation, applied here so both engines agree).
 */
export async function certifiedRegistrations(
  db: Db,
  filter: { provinceCode: string; roundCode: string },
): Promise<CertifiedRegistration[]> {
  const rows = await queryRows<Row>(
    db,
    sql`select r.district_code, r.id as registration_id, r.producer_name, r.producer_type,
               r.subdistrict_code, s.name_th as subdistrict_name, pr.name as product_name, pr.category
        from registrations r
        join district_rounds dr on dr.round_code = r.round_code and dr.district_code = r.district_code and dr.province_code = r.province_code
          and dr.state = 'certified'
        left join subdistricts s on s.code = r.subdistrict_code
        left join products pr on pr.registration_id = r.id and pr.province_code = r.province_code
        where r.round_code = ${filter.roundCode} and r.province_code = ${filter.provinceCode}`,
  );
  const byRegistration = new Map<number, CertifiedRegistration>();
  for (const r of rows) {
    const id = Number(r.registration_id);
    let reg = byRegistration.get(id);
    if (!reg) {
      reg = {
        districtCode: r.district_code.trim(),
        registrationId: id,
        producerName: r.producer_name,
        producerType: r.producer_type,
        subdistrictCode: r.subdistrict_code.trim(),
        subdistrictNameTh: r.subdistrict_name,
        products: [],
      };
      byRegistration.set(id, reg);
    }
    if (r.product_name !== null && r.category !== null) reg.products.push({ name: r.product_name, category: r.category });
  }
  const list = [...byRegistration.values()];
  for (const reg of list) reg.products.sort((a, b) => thai.compare(a.name, b.name));
  return list.sort(
    (a, b) =>
      a.districtCode.localeCompare(b.districtCode) ||
      a.subdistrictCode.localeCompare(b.subdistrictCode) ||
      thai.compare(a.producerName, b.producerName) ||
      a.registrationId - b.registrationId,
  );
}
