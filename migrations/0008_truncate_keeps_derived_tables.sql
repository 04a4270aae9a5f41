-- TRUNCATE fires no row or transition-table triggers, so the tables derived from registrations
-- and products are emptied with them; a TRUNCATE of any table progress is built from tells every
-- cached progress figure to refresh.
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
--> statement-breakpoint
CREATE TRIGGER district_rounds_version_truncate AFTER TRUNCATE ON district_rounds
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
--> statement-breakpoint
CREATE TRIGGER province_rounds_version_truncate AFTER TRUNCATE ON province_rounds
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
--> statement-breakpoint
CREATE TRIGGER plan_windows_version_truncate AFTER TRUNCATE ON plan_windows
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
--> statement-breakpoint
CREATE TRIGGER fiscal_rounds_version_truncate AFTER TRUNCATE ON fiscal_rounds
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
--> statement-breakpoint
CREATE TRIGGER district_targets_version_truncate AFTER TRUNCATE ON district_targets
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
--> statement-breakpoint
CREATE TRIGGER provinces_version_truncate AFTER TRUNCATE ON provinces
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
--> statement-breakpoint
CREATE TRIGGER districts_version_truncate AFTER TRUNCATE ON districts
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
--> statement-breakpoint
CREATE TRIGGER subdistricts_version_truncate AFTER TRUNCATE ON subdistricts
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
--> statement-breakpoint
CREATE TRIGGER producers_version_truncate AFTER TRUNCATE ON producers
  FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
