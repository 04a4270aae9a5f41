-- The triggers on fiscal_rounds, one statement each, as the migrations left them.

-- fiscal_rounds_version: migrations/0004_progress_versions.sql
CREATE TRIGGER fiscal_rounds_version AFTER INSERT OR UPDATE OR DELETE ON fiscal_rounds FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();

-- fiscal_rounds_version_truncate: migrations/0008_truncate_keeps_derived_tables.sql
CREATE TRIGGER fiscal_rounds_version_truncate AFTER TRUNCATE ON fiscal_rounds
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();

-- fiscal_rounds_live: migrations/0012_live_events.sql
CREATE TRIGGER fiscal_rounds_live AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fiscal_rounds
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_national('plan');
