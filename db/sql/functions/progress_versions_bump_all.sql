-- Current definition; last set by migrations/0004_progress_versions.sql.
CREATE OR REPLACE FUNCTION progress_versions_bump_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO progress_versions AS v (province_code, version) VALUES ('*', 1)
  ON CONFLICT (province_code) DO UPDATE SET version = v.version + 1;
  RETURN NULL;
END $$;
