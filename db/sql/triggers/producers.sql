-- The triggers on producers, one statement each, as the migrations left them.

-- producers_version_truncate: migrations/0008_truncate_keeps_derived_tables.sql
CREATE TRIGGER producers_version_truncate AFTER TRUNCATE ON producers
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
