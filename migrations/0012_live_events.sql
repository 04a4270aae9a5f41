-- Live updates (issue 18): every write that moves progress or a workflow state tells the API
-- processes on channel 'otop_events', which pass it to the open dashboards in scope. NOTIFY is
-- delivered only when the writing transaction commits (a rolled-back load says nothing), and
-- PostgreSQL folds identical notifications of one transaction into one.
-- The payload says only what changed where: kind, fiscal year, quarter, province, district —
-- never a name or an ID of a person.
-- Statement-level, set-wise like the roll-ups (one query per statement, on the roll-up and
-- workflow tables, whose changed rows are few: one per district, quarter and type or
-- category): a per-row trigger cost ≈ 0.1 ms a row, 8 s for a national load's 74,000 roll-up
-- row changes. A statement touching more than 100 districts (a national load) announces each
-- province once instead (district null), so a dashboard gets tens of events, not thousands.
-- `src` names the changed rows; `district` is the expression of their district (NULL for
-- province_rounds).
CREATE FUNCTION live_events_sql(kind text, src text, district text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
  WITH changed AS (SELECT DISTINCT c.round_code, c.province_code::text AS p, %3$s AS d FROM %2$s AS c),
  wide AS (SELECT count(*) > 100 AS yes FROM changed),
  announced AS (SELECT DISTINCT ch.round_code, ch.p, CASE WHEN wide.yes THEN NULL ELSE ch.d END AS d FROM changed ch, wide)
  SELECT pg_notify('otop_events', json_build_object('kind', %1$L, 'fy', r.fiscal_year, 'q', r.quarter, 'p', a.p, 'd', a.d)::text)
  FROM announced a LEFT JOIN fiscal_rounds r ON r.code = a.round_code
$q$, kind, src, district)
$fn$;
--> statement-breakpoint
-- TG_ARGV: [0] the kind, [1] the district expression.
CREATE FUNCTION live_events_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE live_events_sql(TG_ARGV[0], 'new_rows', TG_ARGV[1]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION live_events_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE live_events_sql(TG_ARGV[0], 'old_rows', TG_ARGV[1]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION live_events_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE live_events_sql(TG_ARGV[0], '(SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows)', TG_ARGV[1]);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Changes that may move every province's figures (the plan, rounds, targets): one national event.
CREATE FUNCTION live_events_national() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('otop_events', json_build_object('kind', TG_ARGV[0], 'fy', NULL, 'q', NULL, 'p', NULL, 'd', NULL)::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER registration_counts_live_insert AFTER INSERT ON registration_counts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_new('data', 'c.district_code::text');
--> statement-breakpoint
CREATE TRIGGER registration_counts_live_update AFTER UPDATE ON registration_counts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_both('data', 'c.district_code::text');
--> statement-breakpoint
CREATE TRIGGER registration_counts_live_delete AFTER DELETE ON registration_counts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_old('data', 'c.district_code::text');
--> statement-breakpoint
CREATE TRIGGER product_counts_live_insert AFTER INSERT ON product_counts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_new('data', 'c.district_code::text');
--> statement-breakpoint
CREATE TRIGGER product_counts_live_update AFTER UPDATE ON product_counts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_both('data', 'c.district_code::text');
--> statement-breakpoint
CREATE TRIGGER product_counts_live_delete AFTER DELETE ON product_counts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_old('data', 'c.district_code::text');
--> statement-breakpoint
CREATE TRIGGER district_rounds_live_insert AFTER INSERT ON district_rounds REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_new('district-round', 'c.district_code::text');
--> statement-breakpoint
CREATE TRIGGER district_rounds_live_update AFTER UPDATE ON district_rounds REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_both('district-round', 'c.district_code::text');
--> statement-breakpoint
CREATE TRIGGER district_rounds_live_delete AFTER DELETE ON district_rounds REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_old('district-round', 'c.district_code::text');
--> statement-breakpoint
CREATE TRIGGER province_rounds_live_insert AFTER INSERT ON province_rounds REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_new('province-round', 'NULL::text');
--> statement-breakpoint
CREATE TRIGGER province_rounds_live_update AFTER UPDATE ON province_rounds REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_both('province-round', 'NULL::text');
--> statement-breakpoint
CREATE TRIGGER province_rounds_live_delete AFTER DELETE ON province_rounds REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_old('province-round', 'NULL::text');
--> statement-breakpoint
CREATE TRIGGER plan_windows_live AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan_windows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_national('plan');
--> statement-breakpoint
CREATE TRIGGER fiscal_rounds_live AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fiscal_rounds
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_national('plan');
--> statement-breakpoint
CREATE TRIGGER district_targets_live AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON district_targets
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_national('plan');
