-- Current definition; last set by migrations/0007_citus_ready_keys.sql.
CREATE OR REPLACE FUNCTION registered_years_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM registered_years k USING old_rows o
  WHERE k.producer_id = o.producer_id AND k.fiscal_year = o.fiscal_year;
  RETURN NULL;
END $$;
