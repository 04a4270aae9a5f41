-- The triggers on district_targets, one statement each, as the migrations left them.

-- district_targets_version: migrations/0004_progress_versions.sql
CREATE TRIGGER district_targets_version AFTER INSERT OR UPDATE OR DELETE ON district_targets FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();

-- district_targets_version_truncate: migrations/0008_truncate_keeps_derived_tables.sql
CREATE TRIGGER district_targets_version_truncate AFTER TRUNCATE ON district_targets
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();

-- district_targets_live: migrations/0012_live_events.sql
CREATE TRIGGER district_targets_live AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON district_targets
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_national('plan');
