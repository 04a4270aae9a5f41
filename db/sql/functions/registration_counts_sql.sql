-- Current definition; last set by migrations/0009_registration_snapshot.sql.
-- Progress counts registrations by the type they were registered with, not the producer's
-- current type: the same SQL as migration 0007 with r.producer_type (and nx.producer_type) in
-- place of a join to producers — which also spares the insert trigger that join.
CREATE OR REPLACE FUNCTION registration_counts_sql(src text, sign integer) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
  INSERT INTO registration_counts AS c
    (round_code, district_code, producer_type, fiscal_year, province_code, producers, renewed, late)
  SELECT r.round_code, r.district_code, r.producer_type, r.fiscal_year, r.province_code,
         %2$s * count(*),
         %2$s * count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM registrations prev WHERE prev.producer_id = r.producer_id AND prev.fiscal_year = r.fiscal_year - 1)
           %3$s),
         %2$s * count(*) FILTER (WHERE (r.registered_at AT TIME ZONE 'Asia/Bangkok')::date > w.end_date)
  FROM %1$s r
  LEFT JOIN plan_windows w ON w.round_code = r.round_code AND w.step = 1
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (round_code, district_code, producer_type, province_code) DO UPDATE
    SET producers = c.producers + excluded.producers, renewed = c.renewed + excluded.renewed, late = c.late + excluded.late;
  INSERT INTO registration_counts AS c
    (round_code, district_code, producer_type, fiscal_year, province_code, producers, renewed, late)
  SELECT nx.round_code, nx.district_code, nx.producer_type, nx.fiscal_year, nx.province_code, 0, %2$s * count(*), 0
  FROM %1$s r
  JOIN registrations nx ON nx.producer_id = r.producer_id AND nx.fiscal_year = r.fiscal_year + 1
  WHERE NOT EXISTS (SELECT 1 FROM %1$s r2 WHERE r2.id = nx.id)
    AND EXISTS (SELECT 1 FROM registrations later WHERE later.fiscal_year IN (SELECT o.fiscal_year + 1 FROM %1$s o))
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (round_code, district_code, producer_type, province_code) DO UPDATE SET renewed = c.renewed + excluded.renewed
$q$, src, sign, CASE WHEN sign < 0 THEN format('OR EXISTS (SELECT 1 FROM %s o WHERE o.producer_id = r.producer_id AND o.fiscal_year = r.fiscal_year - 1)', src) ELSE '' END)
$fn$;
