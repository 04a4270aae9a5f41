-- Current definition; last set by migrations/0008_truncate_keeps_derived_tables.sql.
CREATE OR REPLACE FUNCTION products_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM product_counts;
  RETURN NULL;
END $$;
