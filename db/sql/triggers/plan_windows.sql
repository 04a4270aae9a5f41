-- The triggers on plan_windows, one statement each, as the migrations left them.

-- plan_windows_version: migrations/0004_progress_versions.sql
-- Changes that can move any province's figures: the plan, targets, geography.
CREATE TRIGGER plan_windows_version AFTER INSERT OR UPDATE OR DELETE ON plan_windows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();

-- plan_windows_version_truncate: migrations/0008_truncate_keeps_derived_tables.sql
CREATE TRIGGER plan_windows_version_truncate AFTER TRUNCATE ON plan_windows
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();

-- plan_windows_live: migrations/0012_live_events.sql
CREATE TRIGGER plan_windows_live AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan_windows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_national('plan');
