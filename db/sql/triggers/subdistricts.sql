-- The triggers on subdistricts, one statement each, as the migrations left them.

-- subdistricts_version_truncate: migrations/0008_truncate_keeps_derived_tables.sql
CREATE TRIGGER subdistricts_version_truncate AFTER TRUNCATE ON subdistricts
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
