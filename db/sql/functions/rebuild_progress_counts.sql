-- Current definition; last set by migrations/0009_registration_snapshot.sql.
CREATE OR REPLACE FUNCTION rebuild_progress_counts(rounds text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM registration_counts WHERE round_code = ANY (rounds);
  DELETE FROM product_counts WHERE round_code = ANY (rounds);
  INSERT INTO registration_counts (round_code, district_code, producer_type, fiscal_year, province_code, producers, renewed, late)
  SELECT r.round_code, r.district_code, r.producer_type, r.fiscal_year, r.province_code, count(*),
         count(prev.id),
         count(*) FILTER (WHERE (r.registered_at AT TIME ZONE 'Asia/Bangkok')::date > w.end_date)
  FROM registrations r
  LEFT JOIN registrations prev ON prev.producer_id = r.producer_id AND prev.fiscal_year = r.fiscal_year - 1
  LEFT JOIN plan_windows w ON w.round_code = r.round_code AND w.step = 1
  WHERE r.round_code = ANY (rounds)
  GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO product_counts (round_code, district_code, category, fiscal_year, province_code, products)
  SELECT round_code, district_code, category, fiscal_year, province_code, count(*)
  FROM products WHERE round_code = ANY (rounds)
  GROUP BY 1, 2, 3, 4, 5;
END $$;
