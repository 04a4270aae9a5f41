-- Current definition; last set by migrations/0012_live_events.sql.
-- Changes that may move every province's figures (the plan, rounds, targets): one national event.
CREATE OR REPLACE FUNCTION live_events_national() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('otop_events', json_build_object('kind', TG_ARGV[0], 'fy', NULL, 'q', NULL, 'p', NULL, 'd', NULL)::text);
  RETURN NULL;
END $$;
