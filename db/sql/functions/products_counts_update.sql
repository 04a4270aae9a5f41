-- Current definition; last set by migrations/0002_progress_rollups.sql.
CREATE OR REPLACE FUNCTION products_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE product_counts_sql($s$(SELECT o.* FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.round_code, o.district_code, o.category, o.fiscal_year, o.province_code)
      IS DISTINCT FROM (n.round_code, n.district_code, n.category, n.fiscal_year, n.province_code))$s$, -1);
  EXECUTE product_counts_sql($s$(SELECT n.* FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.round_code, o.district_code, o.category, o.fiscal_year, o.province_code)
      IS DISTINCT FROM (n.round_code, n.district_code, n.category, n.fiscal_year, n.province_code))$s$, 1);
  RETURN NULL;
END $$;
