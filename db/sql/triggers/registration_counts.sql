-- The triggers on registration_counts, one statement each, as the migrations left them.

-- registration_counts_live_insert: migrations/0012_live_events.sql
CREATE TRIGGER registration_counts_live_insert AFTER INSERT ON registration_counts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_new('data', 'c.district_code::text');

-- registration_counts_live_update: migrations/0012_live_events.sql
CREATE TRIGGER registration_counts_live_update AFTER UPDATE ON registration_counts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_both('data', 'c.district_code::text');

-- registration_counts_live_delete: migrations/0012_live_events.sql
CREATE TRIGGER registration_counts_live_delete AFTER DELETE ON registration_counts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_old('data', 'c.district_code::text');
