-- Current definition; last set by migrations/0002_progress_rollups.sql.
CREATE OR REPLACE FUNCTION products_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE product_counts_sql('old_rows', -1);
  RETURN NULL;
END $$;
