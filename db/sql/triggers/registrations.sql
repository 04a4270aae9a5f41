-- The triggers on registrations, one statement each, as the migrations left them.

-- registrations_counts_insert: migrations/0002_progress_rollups.sql
CREATE TRIGGER registrations_counts_insert AFTER INSERT ON registrations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registrations_counts_insert();

-- registrations_counts_delete: migrations/0002_progress_rollups.sql
CREATE TRIGGER registrations_counts_delete AFTER DELETE ON registrations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION registrations_counts_delete();

-- registrations_counts_update: migrations/0002_progress_rollups.sql
CREATE TRIGGER registrations_counts_update AFTER UPDATE ON registrations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registrations_counts_update();

-- registrations_version_insert: migrations/0004_progress_versions.sql
CREATE TRIGGER registrations_version_insert AFTER INSERT ON registrations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_new();

-- registrations_version_delete: migrations/0004_progress_versions.sql
CREATE TRIGGER registrations_version_delete AFTER DELETE ON registrations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_old();

-- registrations_version_update: migrations/0004_progress_versions.sql
CREATE TRIGGER registrations_version_update AFTER UPDATE ON registrations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_both();

-- registrations_a_registered_years_insert: migrations/0007_citus_ready_keys.sql
CREATE TRIGGER registrations_a_registered_years_insert AFTER INSERT ON registrations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registered_years_insert();

-- registrations_a_registered_years_delete: migrations/0007_citus_ready_keys.sql
CREATE TRIGGER registrations_a_registered_years_delete AFTER DELETE ON registrations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION registered_years_delete();

-- registrations_a_registered_years_update: migrations/0007_citus_ready_keys.sql
CREATE TRIGGER registrations_a_registered_years_update AFTER UPDATE ON registrations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registered_years_update();

-- registrations_truncated: migrations/0008_truncate_keeps_derived_tables.sql
CREATE TRIGGER registrations_truncated AFTER TRUNCATE ON registrations
  FOR EACH STATEMENT EXECUTE FUNCTION registrations_truncated();

-- registrations_version_truncate: migrations/0008_truncate_keeps_derived_tables.sql
CREATE TRIGGER registrations_version_truncate AFTER TRUNCATE ON registrations
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();

-- registrations_snapshot_default: migrations/0009_registration_snapshot.sql
CREATE TRIGGER registrations_snapshot_default BEFORE INSERT ON registrations
  FOR EACH ROW WHEN (NEW.producer_name IS NULL) EXECUTE FUNCTION registrations_snapshot_default();
