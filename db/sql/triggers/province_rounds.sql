-- The triggers on province_rounds, one statement each, as the migrations left them.

-- province_rounds_version_insert: migrations/0004_progress_versions.sql
CREATE TRIGGER province_rounds_version_insert AFTER INSERT ON province_rounds REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_new();

-- province_rounds_version_delete: migrations/0004_progress_versions.sql
CREATE TRIGGER province_rounds_version_delete AFTER DELETE ON province_rounds REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_old();

-- province_rounds_version_update: migrations/0004_progress_versions.sql
CREATE TRIGGER province_rounds_version_update AFTER UPDATE ON province_rounds REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_both();

-- province_rounds_version_truncate: migrations/0008_truncate_keeps_derived_tables.sql
CREATE TRIGGER province_rounds_version_truncate AFTER TRUNCATE ON province_rounds
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();

-- province_rounds_live_insert: migrations/0012_live_events.sql
CREATE TRIGGER province_rounds_live_insert AFTER INSERT ON province_rounds REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_new('province-round', 'NULL::text');

-- province_rounds_live_update: migrations/0012_live_events.sql
CREATE TRIGGER province_rounds_live_update AFTER UPDATE ON province_rounds REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_both('province-round', 'NULL::text');

-- province_rounds_live_delete: migrations/0012_live_events.sql
CREATE TRIGGER province_rounds_live_delete AFTER DELETE ON province_rounds REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_old('province-round', 'NULL::text');
