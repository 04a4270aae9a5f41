-- Current definition; last set by migrations/0012_live_events.sql.
-- TG_ARGV: [0] the kind, [1] the district expression.
CREATE OR REPLACE FUNCTION live_events_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE live_events_sql(TG_ARGV[0], 'new_rows', TG_ARGV[1]);
  RETURN NULL;
END $$;
