-- The triggers on district_rounds, one statement each, as the migrations left them.

-- district_rounds_version_insert: migrations/0004_progress_versions.sql
CREATE TRIGGER district_rounds_version_insert AFTER INSERT ON district_rounds REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_new();

-- district_rounds_version_delete: migrations/0004_progress_versions.sql
CREATE TRIGGER district_rounds_version_delete AFTER DELETE ON district_rounds REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_old();

-- district_rounds_version_update: migrations/0004_progress_versions.sql
CREATE TRIGGER district_rounds_version_update AFTER UPDATE ON district_rounds REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_both();

-- district_rounds_version_truncate: migrations/0008_truncate_keeps_derived_tables.sql
CREATE TRIGGER district_rounds_version_truncate AFTER TRUNCATE ON district_rounds
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();

-- district_rounds_live_insert: migrations/0012_live_events.sql
CREATE TRIGGER district_rounds_live_insert AFTER INSERT ON district_rounds REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_new('district-round', 'c.district_code::text');

-- district_rounds_live_update: migrations/0012_live_events.sql
CREATE TRIGGER district_rounds_live_update AFTER UPDATE ON district_rounds REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_both('district-round', 'c.district_code::text');

-- district_rounds_live_delete: migrations/0012_live_events.sql
CREATE TRIGGER district_rounds_live_delete AFTER DELETE ON district_rounds REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_old('district-round', 'c.district_code::text');
