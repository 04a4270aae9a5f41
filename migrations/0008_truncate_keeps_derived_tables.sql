-- TRUNCATE fires no row or transition-table triggers, so the tables derived from registrations
-- and products are emptied with them, and every cached progress figure is told to refresh.
-- DELETE, not TRUNCATE: a TRUNCATE that names these tables too still holds them open here.
CREATE FUNCTION registrations_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM registered_years;
  DELETE FROM registration_counts;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION products_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM product_counts;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER registrations_truncated AFTER TRUNCATE ON registrations
  FOR EACH STATEMENT EXECUTE FUNCTION registrations_truncated();
--> statement-breakpoint
CREATE TRIGGER registrations_version_truncate AFTER TRUNCATE ON registrations
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
--> statement-breakpoint
CREATE TRIGGER products_truncated AFTER TRUNCATE ON products
  FOR EACH STATEMENT EXECUTE FUNCTION products_truncated();
--> statement-breakpoint
CREATE TRIGGER products_version_truncate AFTER TRUNCATE ON products
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
