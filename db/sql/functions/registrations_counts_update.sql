-- Current definition; last set by migrations/0009_registration_snapshot.sql.
-- A correction of a registration's type (a re-upload of the same year) moves it between counts.
CREATE OR REPLACE FUNCTION registrations_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only rows whose counted attributes changed: an update that touches nothing counted is free.
  EXECUTE registration_counts_sql($s$(SELECT o.* FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.round_code, o.district_code, o.province_code, o.registered_at, o.fiscal_year, o.producer_id, o.producer_type)
      IS DISTINCT FROM (n.round_code, n.district_code, n.province_code, n.registered_at, n.fiscal_year, n.producer_id, n.producer_type))$s$, -1);
  EXECUTE registration_counts_sql($s$(SELECT n.* FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.round_code, o.district_code, o.province_code, o.registered_at, o.fiscal_year, o.producer_id, o.producer_type)
      IS DISTINCT FROM (n.round_code, n.district_code, n.province_code, n.registered_at, n.fiscal_year, n.producer_id, n.producer_type))$s$, 1);
  RETURN NULL;
END $$;
