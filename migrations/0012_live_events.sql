-- Live updates (issue 18): every write that moves progress or a workflow state tells the API
-- processes on channel 'otop_events', which pass it to the open dashboards in scope. NOTIFY is
-- delivered only when the writing transaction commits (a rolled-back load says nothing), and
-- PostgreSQL folds identical notifications of one transaction into one, so a load of 100,000
-- registrations into one district announces that district once per quarter and kind.
-- The payload says only what changed where: kind, fiscal year, quarter, province, district —
-- never a name or an ID of a person.
CREATE FUNCTION live_event_payload(kind text, round text, province text, district text) RETURNS text LANGUAGE sql STABLE AS $fn$
SELECT json_build_object('kind', kind, 'fy', r.fiscal_year, 'q', r.quarter, 'p', province, 'd', district)::text
FROM (SELECT 1) AS one LEFT JOIN fiscal_rounds r ON r.code = round
$fn$;
--> statement-breakpoint
-- Row-level on tables whose rows are few per statement: the roll-ups (one row per district,
-- quarter and type or category) and the workflow states. TG_ARGV[0] is the kind.
CREATE FUNCTION live_event_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
BEGIN
  PERFORM pg_notify('otop_events', live_event_payload(TG_ARGV[0], r->>'round_code', r->>'province_code', r->>'district_code'));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Changes that may move every province's figures (the plan, rounds, targets): one national event.
CREATE FUNCTION live_event_national() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('otop_events', json_build_object('kind', TG_ARGV[0], 'fy', NULL, 'q', NULL, 'p', NULL, 'd', NULL)::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER registration_counts_live AFTER INSERT OR UPDATE OR DELETE ON registration_counts
  FOR EACH ROW EXECUTE FUNCTION live_event_row('data');
--> statement-breakpoint
CREATE TRIGGER product_counts_live AFTER INSERT OR UPDATE OR DELETE ON product_counts
  FOR EACH ROW EXECUTE FUNCTION live_event_row('data');
--> statement-breakpoint
CREATE TRIGGER district_rounds_live AFTER INSERT OR UPDATE OR DELETE ON district_rounds
  FOR EACH ROW EXECUTE FUNCTION live_event_row('district-round');
--> statement-breakpoint
CREATE TRIGGER province_rounds_live AFTER INSERT OR UPDATE OR DELETE ON province_rounds
  FOR EACH ROW EXECUTE FUNCTION live_event_row('province-round');
--> statement-breakpoint
CREATE TRIGGER plan_windows_live AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan_windows
  FOR EACH STATEMENT EXECUTE FUNCTION live_event_national('plan');
--> statement-breakpoint
CREATE TRIGGER fiscal_rounds_live AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fiscal_rounds
  FOR EACH STATEMENT EXECUTE FUNCTION live_event_national('plan');
--> statement-breakpoint
CREATE TRIGGER district_targets_live AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON district_targets
  FOR EACH STATEMENT EXECUTE FUNCTION live_event_national('plan');
