-- Current definition; last set by migrations/0002_progress_rollups.sql.
CREATE OR REPLACE FUNCTION products_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE product_counts_sql('new_rows', 1);
  RETURN NULL;
END $$;
