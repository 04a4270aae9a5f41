-- The triggers on districts, one statement each, as the migrations left them.

-- districts_version: migrations/0004_progress_versions.sql
CREATE TRIGGER districts_version AFTER INSERT OR UPDATE OR DELETE ON districts FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();

-- districts_version_truncate: migrations/0008_truncate_keeps_derived_tables.sql
CREATE TRIGGER districts_version_truncate AFTER TRUNCATE ON districts
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
