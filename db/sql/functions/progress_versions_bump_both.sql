-- Current definition; last set by migrations/0004_progress_versions.sql.
CREATE OR REPLACE FUNCTION progress_versions_bump_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE progress_versions_bump_sql('(SELECT province_code FROM old_rows UNION SELECT province_code FROM new_rows)');
  RETURN NULL;
END $$;
