CREATE TABLE "progress_versions" (
	"province_code" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Raise the version of every province a statement touched (one upsert per statement).
CREATE FUNCTION progress_versions_bump_sql(src text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
  INSERT INTO progress_versions AS v (province_code, version)
  SELECT DISTINCT src.province_code::text, 1 FROM %1$s AS src WHERE src.province_code IS NOT NULL
  ON CONFLICT (province_code) DO UPDATE SET version = v.version + 1
$q$, src)
$fn$;
--> statement-breakpoint
CREATE FUNCTION progress_versions_bump_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE progress_versions_bump_sql('new_rows');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION progress_versions_bump_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE progress_versions_bump_sql('old_rows');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION progress_versions_bump_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE progress_versions_bump_sql('(SELECT province_code FROM old_rows UNION SELECT province_code FROM new_rows)');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION progress_versions_bump_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO progress_versions AS v (province_code, version) VALUES ('*', 1)
  ON CONFLICT (province_code) DO UPDATE SET version = v.version + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER registrations_version_insert AFTER INSERT ON registrations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_new();
--> statement-breakpoint
CREATE TRIGGER registrations_version_delete AFTER DELETE ON registrations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_old();
--> statement-breakpoint
CREATE TRIGGER registrations_version_update AFTER UPDATE ON registrations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_both();
--> statement-breakpoint
CREATE TRIGGER products_version_insert AFTER INSERT ON products REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_new();
--> statement-breakpoint
CREATE TRIGGER products_version_delete AFTER DELETE ON products REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_old();
--> statement-breakpoint
CREATE TRIGGER products_version_update AFTER UPDATE ON products REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_both();
--> statement-breakpoint
CREATE TRIGGER district_rounds_version_insert AFTER INSERT ON district_rounds REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_new();
--> statement-breakpoint
CREATE TRIGGER district_rounds_version_delete AFTER DELETE ON district_rounds REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_old();
--> statement-breakpoint
CREATE TRIGGER district_rounds_version_update AFTER UPDATE ON district_rounds REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_both();
--> statement-breakpoint
CREATE TRIGGER province_rounds_version_insert AFTER INSERT ON province_rounds REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_new();
--> statement-breakpoint
CREATE TRIGGER province_rounds_version_delete AFTER DELETE ON province_rounds REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_old();
--> statement-breakpoint
CREATE TRIGGER province_rounds_version_update AFTER UPDATE ON province_rounds REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_both();
--> statement-breakpoint
-- Changes that can move any province's figures: the plan, targets, geography.
CREATE TRIGGER plan_windows_version AFTER INSERT OR UPDATE OR DELETE ON plan_windows FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
--> statement-breakpoint
CREATE TRIGGER fiscal_rounds_version AFTER INSERT OR UPDATE OR DELETE ON fiscal_rounds FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
--> statement-breakpoint
CREATE TRIGGER district_targets_version AFTER INSERT OR UPDATE OR DELETE ON district_targets FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
--> statement-breakpoint
CREATE FUNCTION producers_version_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only a change of type moves counts; names and addresses do not.
  EXECUTE progress_versions_bump_sql('(SELECT o.province_code FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE n.producer_type IS DISTINCT FROM o.producer_type
    UNION SELECT n.province_code FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE n.producer_type IS DISTINCT FROM o.producer_type)');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER producers_version AFTER UPDATE ON producers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION producers_version_update();
--> statement-breakpoint
CREATE TRIGGER provinces_version AFTER INSERT OR UPDATE OR DELETE ON provinces FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
--> statement-breakpoint
CREATE TRIGGER districts_version AFTER INSERT OR UPDATE OR DELETE ON districts FOR EACH STATEMENT EXECUTE FUNCTION progress_versions_bump_all();
