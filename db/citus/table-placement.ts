/**
 * Where each table lives on a distributed PostgreSQL (Citus), in the order the setup script
 * places them (a table only refers to tables placed before it). docs/deploy.md §4 explains the
 * choice; tests/db/citus-ready.test.ts holds the migrated schema to what each placement needs.
 *
 * - `reference`: copied to every node (small, read everywhere, or unique nationally).
 * - `distributed`: split by `province_code`, all co-located, so one province's rows of every
 *   table sit on one node and joins between them stay on it.
 * - `coordinator`: a plain table on the coordinator only: accounts, sessions and the upload log,
 *   which national loads and national users write without any one province. Such a table may
 *   refer only to others like it (a reference to a reference table would make it a Citus local
 *   table, with rules of its own).
 */
export type TablePlacement = 'reference' | 'distributed' | 'coordinator';

export const DISTRIBUTION_COLUMN = 'province_code';

export const TABLE_PLACEMENTS: ReadonlyArray<{ table: string; placement: TablePlacement }> = [
  { table: 'provinces', placement: 'reference' },
  { table: 'districts', placement: 'reference' },
  { table: 'subdistricts', placement: 'reference' },
  { table: 'fiscal_rounds', placement: 'reference' },
  { table: 'plan_windows', placement: 'reference' },
  { table: 'district_targets', placement: 'reference' },
  // One row per province, read with every letter a province prints: small, like provinces.
  { table: 'office_profiles', placement: 'reference' },
  { table: 'progress_versions', placement: 'reference' },
  // The national register of producers: one row per citizen ID, which must stay unique across
  // the country, and which moves with the producer when they move province.
  { table: 'producers', placement: 'reference' },
  { table: 'registered_years', placement: 'reference' },
  { table: 'registrations', placement: 'distributed' },
  { table: 'products', placement: 'distributed' },
  { table: 'registration_counts', placement: 'distributed' },
  { table: 'product_counts', placement: 'distributed' },
  { table: 'district_rounds', placement: 'distributed' },
  { table: 'province_rounds', placement: 'distributed' },
  { table: 'users', placement: 'coordinator' },
  { table: 'sessions', placement: 'coordinator' },
  // Looked up by secret hash on every bearer request, beside sessions and users.
  { table: 'api_tokens', placement: 'coordinator' },
  { table: 'login_throttle', placement: 'coordinator' },
  { table: 'submissions', placement: 'coordinator' },
  { table: 'submission_issues', placement: 'coordinator' },
  { table: 'rejected_rows', placement: 'coordinator' },
  { table: 'audit_log', placement: 'coordinator' },
  // Append-only by trigger like audit_log, which a Citus shard could not run.
  { table: 'issued_documents', placement: 'coordinator' },
];
