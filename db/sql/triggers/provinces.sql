-- The triggers on provinces, one statement each, as the migrations left them.

-- provinces_version: migrations/0004_progress_versions.sql
CREATE TRIGGER provinces_version AFTER INSERT OR UPDATE OR DELETE ON provinces FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();

-- provinces_version_truncate: migrations/0008_truncate_keeps_derived_tables.sql
CREATE TRIGGER provinces_version_truncate AFTER TRUNCATE ON provinces
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
