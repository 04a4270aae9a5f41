import { maskThaiId } from '../../../domain/thai-id.ts';
import type { SqlDataset } from '../export-dataset-definition.ts';
import { exportParam } from '../with-export-session.ts';

/**
 * Producers: one row per producer with its latest registered details. Contact name, phone and
 * house number are personal data analysts do not need and are never exported.
 */
export const producersDataset: SqlDataset = {
  name: 'producers',
  source: 'sql',
  grain: 'one row per producer (its latest registered details)',
  filterMeaning: {
    fiscalYear: 'producers with a registration in that fiscal year',
    category: 'producers with a product of that category (in the fiscal year, when one is given)',
  },
  from: 'producers p',
  key: 'p.id',
  where(filter) {
    const where: string[] = [];
    if (filter.provinceCode) where.push(`p.province_code = ${exportParam('province', 'bpchar')}`);
    if (filter.districtCode) where.push(`p.district_code = ${exportParam('district', 'bpchar')}`);
    if (filter.fiscalYear !== undefined) {
      where.push(`exists (select 1 from registrations r where r.producer_id = p.id and r.fiscal_year = ${exportParam('fiscal_year', 'int')})`);
    }
    if (filter.category) {
      where.push(
        `exists (select 1 from products x where x.producer_id = p.id and x.category = ${exportParam('category', 'text')}` +
          (filter.fiscalYear !== undefined ? ` and x.fiscal_year = ${exportParam('fiscal_year', 'int')})` : ')'),
      );
    }
    return where;
  },
  columns: ({ citizenIds }) => [
    { name: 'producer_id', kind: 'int64', sql: 'p.id', nullable: false, description: 'Producer ID in this system (stable; the key to join the other datasets on)' },
    {
      name: 'thai_id',
      kind: 'text',
      sql: 'p.thai_id',
      nullable: false,
      description:
        citizenIds === 'full'
          ? '13-digit citizen or juristic-person ID'
          : 'Citizen or juristic-person ID, masked to its last three digits (x-xxxx-xxxxx-45-8); use producer_id to join',
      ...(citizenIds === 'masked' ? { mapText: maskThaiId } : {}),
    },
    {
      name: 'thai_id_kind', kind: 'code', codeList: 'id-kind', nullable: false,
      sql: `case when left(p.thai_id, 1) = '0' then 'juristic' else 'citizen' end`,
      description: "'citizen' (a person's ID) or 'juristic' (a juristic person's ID, leading 0)",
    },
    { name: 'producer_type', kind: 'code', codeList: 'producer-type', sql: 'p.producer_type', nullable: false, description: 'Producer type code: community-group, single-owner, sme' },
    { name: 'producer_type_th', kind: 'label', of: 'producer_type', nullable: false, description: 'Producer type, Thai label' },
    { name: 'name', kind: 'text', sql: 'p.name', nullable: false, description: 'Producer name as registered (NFC)' },
    { name: 'province_code', kind: 'code', codeList: 'province', sql: 'p.province_code', nullable: false, description: '2-digit province code (DOPA)' },
    { name: 'province_name_th', kind: 'label', of: 'province_code', nullable: false, description: 'Province name, Thai' },
    { name: 'district_code', kind: 'code', codeList: 'district', sql: 'p.district_code', nullable: false, description: '4-digit district code (DOPA)' },
    { name: 'district_name_th', kind: 'label', of: 'district_code', nullable: false, description: 'District name, Thai' },
    { name: 'subdistrict_code', kind: 'code', codeList: 'subdistrict', sql: 'p.subdistrict_code', nullable: false, description: '6-digit subdistrict (tambon) code' },
    { name: 'subdistrict_name_th', kind: 'label', of: 'subdistrict_code', nullable: false, description: 'Subdistrict name, Thai' },
    { name: 'village_no', kind: 'int16', sql: 'p.village_no', nullable: true, description: 'Village number (หมู่ที่); null when not given' },
    { name: 'members', kind: 'int32', sql: 'p.members', nullable: true, description: 'Members (a single owner counts 1); null when not given' },
    { name: 'created_at', kind: 'timestamp', sql: 'p.created_at', nullable: false, description: 'First loaded (UTC)' },
    { name: 'updated_at', kind: 'timestamp', sql: 'p.updated_at', nullable: false, description: 'Last changed (UTC)' },
  ],
};
