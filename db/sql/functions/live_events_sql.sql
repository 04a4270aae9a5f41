-- Current definition; last set by migrations/0012_live_events.sql.
-- Live updates (issue 18): the query a live-events trigger runs; see the migration for the design.
CREATE OR REPLACE FUNCTION live_events_sql(kind text, src text, district text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
  WITH changed AS (SELECT DISTINCT c.round_code, c.province_code::text AS p, %3$s AS d FROM %2$s AS c),
  wide AS (SELECT count(*) > 100 AS yes FROM changed),
  announced AS (SELECT DISTINCT ch.round_code, ch.p, CASE WHEN wide.yes THEN NULL ELSE ch.d END AS d FROM changed ch, wide)
  SELECT pg_notify('otop_events', json_build_object('kind', %1$L, 'fy', r.fiscal_year, 'q', r.quarter, 'p', a.p, 'd', a.d)::text)
  FROM announced a LEFT JOIN fiscal_rounds r ON r.code = a.round_code
$q$, kind, src, district)
$fn$;
