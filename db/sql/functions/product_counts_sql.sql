-- Current definition; last set by migrations/0007_citus_ready_keys.sql.
CREATE OR REPLACE FUNCTION product_counts_sql(src text, sign integer) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
  INSERT INTO product_counts AS c (round_code, district_code, category, fiscal_year, province_code, products)
  SELECT r.round_code, r.district_code, r.category, r.fiscal_year, r.province_code, %2$s * count(*)
  FROM %1$s r
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (round_code, district_code, category, province_code) DO UPDATE SET products = c.products + excluded.products
$q$, src, sign)
$fn$;
