-- A registration keeps the producer's details as registered (issue #15): the producer row is
-- shared by every year and province and holds only the latest details, so a certified or
-- announced round must print its registrations' own copy. The columns are added nullable,
-- filled from the producer rows as they stand (the best record of what was registered), then
-- made NOT NULL as the schema declares.
ALTER TABLE "registrations" ADD COLUMN "producer_type" text;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "producer_name" text;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "members" integer;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "house_no" text;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "village_no" integer;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "subdistrict_code" char(6);--> statement-breakpoint
UPDATE "registrations" r SET "producer_type" = p.producer_type, "producer_name" = p.name, "contact_name" = p.contact_name,
  "phone" = p.phone, "members" = p.members, "house_no" = p.house_no, "village_no" = p.village_no,
  "subdistrict_code" = p.subdistrict_code
FROM "producers" p WHERE p.id = r.producer_id;--> statement-breakpoint
ALTER TABLE "registrations" ALTER COLUMN "producer_type" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "registrations" ALTER COLUMN "producer_name" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "registrations" ALTER COLUMN "subdistrict_code" SET NOT NULL;--> statement-breakpoint
-- A registration inserted without its copy (a hand-written insert or script; the load always
-- writes it) takes the producer's details as they stand, which is what registering them means.
-- The WHEN keeps the load's inserts free of any per-row call.
CREATE FUNCTION registrations_snapshot_default() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT coalesce(NEW.producer_type, p.producer_type), p.name, coalesce(NEW.contact_name, p.contact_name),
         coalesce(NEW.phone, p.phone), coalesce(NEW.members, p.members), coalesce(NEW.house_no, p.house_no),
         coalesce(NEW.village_no, p.village_no), coalesce(NEW.subdistrict_code, p.subdistrict_code)
    INTO NEW.producer_type, NEW.producer_name, NEW.contact_name, NEW.phone, NEW.members, NEW.house_no, NEW.village_no, NEW.subdistrict_code
    FROM producers p WHERE p.id = NEW.producer_id;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER registrations_snapshot_default BEFORE INSERT ON registrations
  FOR EACH ROW WHEN (NEW.producer_name IS NULL) EXECUTE FUNCTION registrations_snapshot_default();
--> statement-breakpoint
-- Progress counts registrations by the type they were registered with, not the producer's
-- current type: the same SQL as migration 0007 with r.producer_type (and nx.producer_type) in
-- place of a join to producers — which also spares the insert trigger that join.
CREATE OR REPLACE FUNCTION registration_counts_sql(src text, sign integer) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
  INSERT INTO registration_counts AS c
    (round_code, district_code, producer_type, fiscal_year, province_code, producers, renewed, late)
  SELECT r.round_code, r.district_code, r.producer_type, r.fiscal_year, r.province_code,
         %2$s * count(*),
         %2$s * count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM registrations prev WHERE prev.producer_id = r.producer_id AND prev.fiscal_year = r.fiscal_year - 1)
           %3$s),
         %2$s * count(*) FILTER (WHERE (r.registered_at AT TIME ZONE 'Asia/Bangkok')::date > w.end_date)
  FROM %1$s r
  LEFT JOIN plan_windows w ON w.round_code = r.round_code AND w.step = 1
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (round_code, district_code, producer_type, province_code) DO UPDATE
    SET producers = c.producers + excluded.producers, renewed = c.renewed + excluded.renewed, late = c.late + excluded.late;
  INSERT INTO registration_counts AS c
    (round_code, district_code, producer_type, fiscal_year, province_code, producers, renewed, late)
  SELECT nx.round_code, nx.district_code, nx.producer_type, nx.fiscal_year, nx.province_code, 0, %2$s * count(*), 0
  FROM %1$s r
  JOIN registrations nx ON nx.producer_id = r.producer_id AND nx.fiscal_year = r.fiscal_year + 1
  WHERE NOT EXISTS (SELECT 1 FROM %1$s r2 WHERE r2.id = nx.id)
    AND EXISTS (SELECT 1 FROM registrations later WHERE later.fiscal_year IN (SELECT o.fiscal_year + 1 FROM %1$s o))
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (round_code, district_code, producer_type, province_code) DO UPDATE SET renewed = c.renewed + excluded.renewed
$q$, src, sign, CASE WHEN sign < 0 THEN format('OR EXISTS (SELECT 1 FROM %s o WHERE o.producer_id = r.producer_id AND o.fiscal_year = r.fiscal_year - 1)', src) ELSE '' END)
$fn$;
--> statement-breakpoint
-- A correction of a registration's type (a re-upload of the same year) moves it between counts.
CREATE OR REPLACE FUNCTION registrations_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only rows whose counted attributes changed: an update that touches nothing counted is free.
  EXECUTE registration_counts_sql($s$(SELECT o.* FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.round_code, o.district_code, o.province_code, o.registered_at, o.fiscal_year, o.producer_id, o.producer_type)
      IS DISTINCT FROM (n.round_code, n.district_code, n.province_code, n.registered_at, n.fiscal_year, n.producer_id, n.producer_type))$s$, -1);
  EXECUTE registration_counts_sql($s$(SELECT n.* FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.round_code, o.district_code, o.province_code, o.registered_at, o.fiscal_year, o.producer_id, o.producer_type)
      IS DISTINCT FROM (n.round_code, n.district_code, n.province_code, n.registered_at, n.fiscal_year, n.producer_id, n.producer_type))$s$, 1);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A change of the producer's current details no longer changes any count or progress figure.
DROP TRIGGER producers_counts_update ON producers;--> statement-breakpoint
DROP FUNCTION producers_counts_update();--> statement-breakpoint
DROP TRIGGER producers_version ON producers;--> statement-breakpoint
DROP FUNCTION producers_version_update();--> statement-breakpoint
CREATE OR REPLACE FUNCTION rebuild_progress_counts(rounds text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM registration_counts WHERE round_code = ANY (rounds);
  DELETE FROM product_counts WHERE round_code = ANY (rounds);
  INSERT INTO registration_counts (round_code, district_code, producer_type, fiscal_year, province_code, producers, renewed, late)
  SELECT r.round_code, r.district_code, r.producer_type, r.fiscal_year, r.province_code, count(*),
         count(prev.id),
         count(*) FILTER (WHERE (r.registered_at AT TIME ZONE 'Asia/Bangkok')::date > w.end_date)
  FROM registrations r
  LEFT JOIN registrations prev ON prev.producer_id = r.producer_id AND prev.fiscal_year = r.fiscal_year - 1
  LEFT JOIN plan_windows w ON w.round_code = r.round_code AND w.step = 1
  WHERE r.round_code = ANY (rounds)
  GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO product_counts (round_code, district_code, category, fiscal_year, province_code, products)
  SELECT round_code, district_code, category, fiscal_year, province_code, count(*)
  FROM products WHERE round_code = ANY (rounds)
  GROUP BY 1, 2, 3, 4, 5;
END $$;
--> statement-breakpoint
-- The counts as the snapshot has them (the same as before unless a producer's type had changed).
SELECT rebuild_progress_counts(ARRAY(SELECT code FROM fiscal_rounds));
