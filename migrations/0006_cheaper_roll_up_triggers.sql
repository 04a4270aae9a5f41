-- Two trims of the roll-up triggers' work on a large load; every count and version they keep
-- is the same as before.
-- 1. The second statement of the registration roll-up moves the renewed count of the next
--    fiscal year's registrations of the same producers. It joined every changed row against
--    registrations even when no registration of a following year exists (every load of the
--    newest year): ≈ 150 ms of trigger time for 100,000 new registrations. A one-time check
--    (an index probe per distinct year) now skips the join when there is nothing to move.
CREATE OR REPLACE FUNCTION registration_counts_sql(src text, sign integer) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
  INSERT INTO registration_counts AS c
    (round_code, district_code, producer_type, fiscal_year, province_code, producers, renewed, late)
  SELECT r.round_code, r.district_code, p.producer_type, r.fiscal_year, r.province_code,
         %2$s * count(*),
         %2$s * count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM registrations prev WHERE prev.producer_id = r.producer_id AND prev.fiscal_year = r.fiscal_year - 1)
           %3$s),
         %2$s * count(*) FILTER (WHERE (r.registered_at AT TIME ZONE 'Asia/Bangkok')::date > w.end_date)
  FROM %1$s r
  JOIN producers p ON p.id = r.producer_id
  LEFT JOIN plan_windows w ON w.round_code = r.round_code AND w.step = 1
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (round_code, district_code, producer_type) DO UPDATE
    SET producers = c.producers + excluded.producers, renewed = c.renewed + excluded.renewed, late = c.late + excluded.late;
  INSERT INTO registration_counts AS c
    (round_code, district_code, producer_type, fiscal_year, province_code, producers, renewed, late)
  SELECT nx.round_code, nx.district_code, p.producer_type, nx.fiscal_year, nx.province_code, 0, %2$s * count(*), 0
  FROM %1$s r
  JOIN registrations nx ON nx.producer_id = r.producer_id AND nx.fiscal_year = r.fiscal_year + 1
  JOIN producers p ON p.id = nx.producer_id
  WHERE NOT EXISTS (SELECT 1 FROM %1$s r2 WHERE r2.id = nx.id)
    AND EXISTS (SELECT 1 FROM registrations later WHERE later.fiscal_year IN (SELECT o.fiscal_year + 1 FROM %1$s o))
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (round_code, district_code, producer_type) DO UPDATE SET renewed = c.renewed + excluded.renewed
$q$, src, sign, CASE WHEN sign < 0 THEN format('OR EXISTS (SELECT 1 FROM %s o WHERE o.producer_id = r.producer_id AND o.fiscal_year = r.fiscal_year - 1)', src) ELSE '' END)
$fn$;
--> statement-breakpoint
-- 2. The version bump took the distinct provinces of the changed rows after casting every row's
--    code to text; now it casts the few distinct codes (≈ 180 → 130 ms for 200,000 products).
CREATE OR REPLACE FUNCTION progress_versions_bump_sql(src text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
  INSERT INTO progress_versions AS v (province_code, version)
  SELECT d.province_code::text, 1 FROM (SELECT DISTINCT src.province_code FROM %1$s AS src WHERE src.province_code IS NOT NULL) AS d
  ON CONFLICT (province_code) DO UPDATE SET version = v.version + 1
$q$, src)
$fn$;
