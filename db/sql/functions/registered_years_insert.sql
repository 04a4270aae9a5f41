-- Current definition; last set by migrations/0007_citus_ready_keys.sql.
-- The national key of every registration, kept in the statement that writes the registration.
-- Named to fire before the roll-up triggers (PostgreSQL runs a table's triggers for one event in
-- name order), so a duplicate fails the statement before the roll-ups do their work; either way
-- the whole statement is undone.
CREATE OR REPLACE FUNCTION registered_years_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO registered_years (producer_id, fiscal_year, province_code)
  SELECT producer_id, fiscal_year, province_code FROM new_rows;
  RETURN NULL;
END $$;
