import type { SqlDataset } from '../export-dataset-definition.ts';
import { exportParam } from '../with-export-session.ts';

const BANGKOK_DATE = `(r.registered_at at time zone 'Asia/Bangkok')::date`;

/**
 * Registrations: one row per producer × fiscal year, in the round it was made, with the
 * producer as registered (the registration's own copy, never the producer's current row), with its
 * timeliness and the workflow state of its district and province in that round. `on_time` and
 * `renewed` follow the progress figures' rules (late = registered after the step-1 window
 * closed, Bangkok date; renewed = registered in the previous fiscal year too).
 */
export const registrationsDataset: SqlDataset = {
  name: 'registrations',
  source: 'sql',
  grain: 'one row per registration (producer × fiscal year), in the round it was made',
  filterMeaning: { fiscalYear: 'registrations of that fiscal year', category: 'registrations with a product of that category' },
  from: `registrations r
    left join plan_windows w on w.round_code = r.round_code and w.step = 1
    left join district_rounds dr on dr.round_code = r.round_code and dr.district_code = r.district_code
    left join province_rounds prr on prr.round_code = r.round_code and prr.province_code = r.province_code`,
  key: 'r.id',
  where(filter) {
    const where: string[] = [];
    if (filter.provinceCode) where.push(`r.province_code = ${exportParam('province', 'bpchar')}`);
    if (filter.districtCode) where.push(`r.district_code = ${exportParam('district', 'bpchar')}`);
    if (filter.fiscalYear !== undefined) where.push(`r.fiscal_year = ${exportParam('fiscal_year', 'int')}`);
    if (filter.category) {
      where.push(`exists (select 1 from products x where x.registration_id = r.id and x.province_code = r.province_code and x.category = ${exportParam('category', 'text')})`);
    }
    return where;
  },
  columns: () => [
    { name: 'registration_id', kind: 'int64', sql: 'r.id', nullable: false, description: 'Registration ID in this system' },
    { name: 'producer_id', kind: 'int64', sql: 'r.producer_id', nullable: false, description: 'The producer (producers.producer_id)' },
    { name: 'fiscal_year', kind: 'int16', sql: 'r.fiscal_year', nullable: false, description: 'Thai fiscal year, Buddhist Era' },
    { name: 'round_code', kind: 'code', codeList: 'round', sql: 'r.round_code', nullable: false, description: 'Round the registration was made in (e.g. 2561-Q1)' },
    { name: 'quarter', kind: 'code-number', of: 'round_code', nullable: false, description: 'Fiscal quarter of the round, 1–4' },
    { name: 'province_code', kind: 'code', codeList: 'province', sql: 'r.province_code', nullable: false, description: 'Province registered in (2-digit code)' },
    { name: 'province_name_th', kind: 'label', of: 'province_code', nullable: false, description: 'Province name, Thai' },
    { name: 'district_code', kind: 'code', codeList: 'district', sql: 'r.district_code', nullable: false, description: 'District registered in (4-digit code)' },
    { name: 'district_name_th', kind: 'label', of: 'district_code', nullable: false, description: 'District name, Thai' },
    { name: 'producer_type', kind: 'code', codeList: 'producer-type', sql: 'r.producer_type', nullable: false, description: 'Producer type code as registered (the registration’s own copy, not the producer’s current type)' },
    { name: 'producer_type_th', kind: 'label', of: 'producer_type', nullable: false, description: 'Producer type, Thai label' },
    { name: 'producer_name', kind: 'text', sql: 'r.producer_name', nullable: false, description: 'Producer name as registered (NFC; the registration’s own copy)' },
    { name: 'subdistrict_code', kind: 'code', codeList: 'subdistrict', sql: 'r.subdistrict_code', nullable: false, description: '6-digit subdistrict (tambon) code of the producer as registered' },
    { name: 'subdistrict_name_th', kind: 'label', of: 'subdistrict_code', nullable: false, description: 'Subdistrict name, Thai' },
    { name: 'registered_at', kind: 'timestamp', sql: 'r.registered_at', nullable: false, description: 'When the registration was made (UTC instant)' },
    { name: 'registered_date', kind: 'date', sql: BANGKOK_DATE, nullable: false, description: 'Calendar date of registered_at in Bangkok (UTC+7) — the date the plan’s windows are judged by' },
    { name: 'step1_end_date', kind: 'date', sql: 'w.end_date', nullable: true, description: 'Last day of the round’s step-1 window (district registration); null when the plan has none' },
    {
      name: 'on_time', kind: 'bool', nullable: true,
      sql: `case when w.end_date is null then null else ${BANGKOK_DATE} <= w.end_date end`,
      description: 'registered_date ≤ step1_end_date (not late; progress counts the others as late registrations); null without a window',
    },
    {
      name: 'renewed', kind: 'bool', nullable: false,
      sql: 'exists (select 1 from registrations prev where prev.producer_id = r.producer_id and prev.fiscal_year = r.fiscal_year - 1)',
      description: 'The producer was registered in the previous fiscal year too (false: a new producer)',
    },
    { name: 'products', kind: 'int32', sql: '(select count(*) from products x where x.registration_id = r.id and x.province_code = r.province_code)', nullable: false, description: 'Products registered with this registration' },
    { name: 'district_state', kind: 'code', codeList: 'district-state', sql: `coalesce(dr.state, 'open')`, nullable: false, description: 'Workflow state of the district in this round now: open, submitted, returned, certified' },
    { name: 'province_state', kind: 'code', codeList: 'province-state', sql: `coalesce(prr.state, 'open')`, nullable: false, description: 'Workflow state of the province in this round now: open, reported, announced' },
    { name: 'updated_at', kind: 'timestamp', sql: 'r.updated_at', nullable: false, description: 'Last changed (UTC)' },
  ],
};
