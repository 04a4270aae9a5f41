import type { SqlDataset } from '../export-dataset-definition.ts';
import { exportParam } from '../with-export-session.ts';

/** Products: one row per product registered with a producer's registration of a fiscal year. */
export const productsDataset: SqlDataset = {
  name: 'products',
  source: 'sql',
  grain: 'one row per product of a registration (producer × fiscal year)',
  filterMeaning: { fiscalYear: 'products of that fiscal year’s registrations', category: 'products of that category' },
  from: 'products pr',
  key: 'pr.id',
  where(filter) {
    const where: string[] = [];
    if (filter.provinceCode) where.push(`pr.province_code = ${exportParam('province', 'bpchar')}`);
    if (filter.districtCode) where.push(`pr.district_code = ${exportParam('district', 'bpchar')}`);
    if (filter.fiscalYear !== undefined) where.push(`pr.fiscal_year = ${exportParam('fiscal_year', 'int')}`);
    if (filter.category) where.push(`pr.category = ${exportParam('category', 'text')}`);
    return where;
  },
  columns: () => [
    { name: 'product_id', kind: 'int64', sql: 'pr.id', nullable: false, description: 'Product ID in this system' },
    { name: 'registration_id', kind: 'int64', sql: 'pr.registration_id', nullable: false, description: 'The registration (registrations.registration_id) the product was registered with' },
    { name: 'producer_id', kind: 'int64', sql: 'pr.producer_id', nullable: false, description: 'The producer (producers.producer_id)' },
    { name: 'fiscal_year', kind: 'int16', sql: 'pr.fiscal_year', nullable: false, description: 'Thai fiscal year, Buddhist Era (2561 = 1 Oct 2017 – 30 Sep 2018)' },
    { name: 'round_code', kind: 'code', codeList: 'round', sql: 'pr.round_code', nullable: false, description: "Registration round, '<fiscal year>-Q<quarter>' (e.g. 2561-Q1)" },
    { name: 'quarter', kind: 'code-number', of: 'round_code', nullable: false, description: 'Fiscal quarter of the round, 1–4' },
    { name: 'province_code', kind: 'code', codeList: 'province', sql: 'pr.province_code', nullable: false, description: '2-digit province code (DOPA)' },
    { name: 'province_name_th', kind: 'label', of: 'province_code', nullable: false, description: 'Province name, Thai' },
    { name: 'district_code', kind: 'code', codeList: 'district', sql: 'pr.district_code', nullable: false, description: '4-digit district code (DOPA)' },
    { name: 'district_name_th', kind: 'label', of: 'district_code', nullable: false, description: 'District name, Thai' },
    { name: 'name', kind: 'text', sql: 'pr.name', nullable: false, description: 'Product name as registered (NFC)' },
    { name: 'category', kind: 'code', codeList: 'category', sql: 'pr.category', nullable: false, description: 'OTOP category code: food, beverage, textile, household, herbal' },
    { name: 'category_th', kind: 'label', of: 'category', nullable: false, description: 'OTOP category, Thai label' },
    { name: 'standards', kind: 'text-list', sql: 'pr.standards', nullable: false, description: 'Standards held, as codes (fda, mophor, tis, gmp, haccp, q-mark, gap, organic, halal); empty list when none' },
    { name: 'stars', kind: 'int8', sql: 'pr.stars', nullable: true, description: 'OTOP Product Champion rating, 1–5 stars; null when not rated' },
    { name: 'created_at', kind: 'timestamp', sql: 'pr.created_at', nullable: false, description: 'First loaded (UTC)' },
    { name: 'updated_at', kind: 'timestamp', sql: 'pr.updated_at', nullable: false, description: 'Last changed (UTC)' },
  ],
};
