-- Current definition; last set by migrations/0012_live_events.sql.
CREATE OR REPLACE FUNCTION live_events_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE live_events_sql(TG_ARGV[0], 'old_rows', TG_ARGV[1]);
  RETURN NULL;
END $$;
