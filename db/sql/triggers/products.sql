-- The triggers on products, one statement each, as the migrations left them.

-- products_counts_insert: migrations/0002_progress_rollups.sql
CREATE TRIGGER products_counts_insert AFTER INSERT ON products
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION products_counts_insert();

-- products_counts_delete: migrations/0002_progress_rollups.sql
CREATE TRIGGER products_counts_delete AFTER DELETE ON products
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION products_counts_delete();

-- products_counts_update: migrations/0002_progress_rollups.sql
CREATE TRIGGER products_counts_update AFTER UPDATE ON products
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION products_counts_update();

-- products_version_insert: migrations/0004_progress_versions.sql
CREATE TRIGGER products_version_insert AFTER INSERT ON products REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_new();

-- products_version_delete: migrations/0004_progress_versions.sql
CREATE TRIGGER products_version_delete AFTER DELETE ON products REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_old();

-- products_version_update: migrations/0004_progress_versions.sql
CREATE TRIGGER products_version_update AFTER UPDATE ON products REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_both();

-- products_truncated: migrations/0008_truncate_keeps_derived_tables.sql
CREATE TRIGGER products_truncated AFTER TRUNCATE ON products
  FOR EACH STATEMENT EXECUTE FUNCTION products_truncated();

-- products_version_truncate: migrations/0008_truncate_keeps_derived_tables.sql
CREATE TRIGGER products_version_truncate AFTER TRUNCATE ON products
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
