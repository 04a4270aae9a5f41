-- The triggers on product_counts, one statement each, as the migrations left them.

-- product_counts_live_insert: migrations/0012_live_events.sql
CREATE TRIGGER product_counts_live_insert AFTER INSERT ON product_counts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_new('data', 'c.district_code::text');

-- product_counts_live_update: migrations/0012_live_events.sql
CREATE TRIGGER product_counts_live_update AFTER UPDATE ON product_counts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_both('data', 'c.district_code::text');

-- product_counts_live_delete: migrations/0012_live_events.sql
CREATE TRIGGER product_counts_live_delete AFTER DELETE ON product_counts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_events_old('data', 'c.district_code::text');
