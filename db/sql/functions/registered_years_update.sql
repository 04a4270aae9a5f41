-- Current definition; last set by migrations/0007_citus_ready_keys.sql.
-- Loads never change a registration's producer, year or province; should a statement do so, the
-- key moves with it. Old keys go out first, so two registrations in different provinces that
-- exchange years in one statement pass (within one province the unique index of registrations
-- checks row by row and refuses such an exchange, as it always has). A registration with products
-- cannot change province in place: their foreign key names (id, province_code) and refuses the
-- update; a correction across provinces is a delete and an insert.
CREATE OR REPLACE FUNCTION registered_years_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM registered_years k USING old_rows o JOIN new_rows n ON n.id = o.id
  WHERE (o.producer_id, o.fiscal_year, o.province_code) IS DISTINCT FROM (n.producer_id, n.fiscal_year, n.province_code)
    AND k.producer_id = o.producer_id AND k.fiscal_year = o.fiscal_year;
  INSERT INTO registered_years (producer_id, fiscal_year, province_code)
  SELECT n.producer_id, n.fiscal_year, n.province_code FROM old_rows o JOIN new_rows n ON n.id = o.id
  WHERE (o.producer_id, o.fiscal_year, o.province_code) IS DISTINCT FROM (n.producer_id, n.fiscal_year, n.province_code);
  RETURN NULL;
END $$;
