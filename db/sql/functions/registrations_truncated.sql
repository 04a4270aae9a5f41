-- Current definition; last set by migrations/0008_truncate_keeps_derived_tables.sql.
-- TRUNCATE fires no row or transition-table triggers, so the tables derived from registrations
-- and products are emptied with them; a TRUNCATE of any table progress is built from tells every
-- cached progress figure to refresh.
-- DELETE, not TRUNCATE: a TRUNCATE that names these tables too still holds them open here.
CREATE OR REPLACE FUNCTION registrations_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM registered_years;
  DELETE FROM registration_counts;
  RETURN NULL;
END $$;
