-- Current definition; last set by migrations/0004_progress_versions.sql.
CREATE OR REPLACE FUNCTION progress_versions_bump_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE progress_versions_bump_sql('new_rows');
  RETURN NULL;
END $$;
