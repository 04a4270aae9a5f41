-- Keys a distributed PostgreSQL (Citus) accepts, with no guarantee given up (docs/deploy.md §4).
-- Tables distributed by province must carry `province_code` in every primary key, unique key
-- and foreign key between them; it goes last, so lookups by id, by producer + year and by round
-- + district still use the same indexes. `producers` stays keyed by citizen ID nationally (a
-- reference table: copied to every node). What the province-scoped unique key of
-- registrations can no longer say — one registration per producer and year in the whole
-- country — `registered_years` says, fed by triggers on registrations in the same statement.
CREATE TABLE "registered_years" (
	"producer_id" bigint NOT NULL,
	"fiscal_year" integer NOT NULL,
	"province_code" char(2) NOT NULL,
	CONSTRAINT "registered_years_pkey" PRIMARY KEY("producer_id","fiscal_year")
);
--> statement-breakpoint
ALTER TABLE "products" DROP CONSTRAINT "products_registration_id_registrations_id_fk";--> statement-breakpoint
DROP INDEX "registrations_producer_year_uq";--> statement-breakpoint
DROP INDEX "products_registration_name_uq";--> statement-breakpoint
ALTER TABLE "registrations" DROP CONSTRAINT "registrations_pkey";--> statement-breakpoint
ALTER TABLE "products" DROP CONSTRAINT "products_pkey";--> statement-breakpoint
ALTER TABLE "district_rounds" DROP CONSTRAINT "district_rounds_round_code_district_code_pk";--> statement-breakpoint
ALTER TABLE "registration_counts" DROP CONSTRAINT "registration_counts_round_code_district_code_producer_type_pk";--> statement-breakpoint
ALTER TABLE "product_counts" DROP CONSTRAINT "product_counts_round_code_district_code_category_pk";--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_pkey" PRIMARY KEY("id","province_code");--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_pkey" PRIMARY KEY("id","province_code");--> statement-breakpoint
ALTER TABLE "district_rounds" ADD CONSTRAINT "district_rounds_pkey" PRIMARY KEY("round_code","district_code","province_code");--> statement-breakpoint
ALTER TABLE "registration_counts" ADD CONSTRAINT "registration_counts_pkey" PRIMARY KEY("round_code","district_code","producer_type","province_code");--> statement-breakpoint
ALTER TABLE "product_counts" ADD CONSTRAINT "product_counts_pkey" PRIMARY KEY("round_code","district_code","category","province_code");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_producer_year_uq" ON "registrations" USING btree ("producer_id","fiscal_year","province_code");--> statement-breakpoint
CREATE UNIQUE INDEX "products_registration_name_uq" ON "products" USING btree ("registration_id","name_key","province_code");--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_registration_fk" FOREIGN KEY ("registration_id","province_code") REFERENCES "public"."registrations"("id","province_code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Filled after the ALTERs above, which hold registrations locked until the migration commits: a
-- registration written by a running server meanwhile waits, then meets the triggers below.
INSERT INTO "registered_years" ("producer_id", "fiscal_year", "province_code")
SELECT "producer_id", "fiscal_year", "province_code" FROM "registrations";--> statement-breakpoint
-- The national key of every registration, kept in the statement that writes the registration.
-- Named to fire before the roll-up triggers (PostgreSQL runs a table's triggers for one event in
-- name order), so a duplicate fails the statement before the roll-ups do their work; either way
-- the whole statement is undone.
CREATE FUNCTION registered_years_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO registered_years (producer_id, fiscal_year, province_code)
  SELECT producer_id, fiscal_year, province_code FROM new_rows;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION registered_years_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM registered_years k USING old_rows o
  WHERE k.producer_id = o.producer_id AND k.fiscal_year = o.fiscal_year;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Loads never change a registration's producer, year or province; should a statement do so, the
-- key moves with it. Old keys go out first, so two registrations in different provinces that
-- exchange years in one statement pass (within one province the unique index of registrations
-- checks row by row and refuses such an exchange, as it always has). A registration with products
-- cannot change province in place: their foreign key names (id, province_code) and refuses the
-- update; a correction across provinces is a delete and an insert.
CREATE FUNCTION registered_years_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM registered_years k USING old_rows o JOIN new_rows n ON n.id = o.id
  WHERE (o.producer_id, o.fiscal_year, o.province_code) IS DISTINCT FROM (n.producer_id, n.fiscal_year, n.province_code)
    AND k.producer_id = o.producer_id AND k.fiscal_year = o.fiscal_year;
  INSERT INTO registered_years (producer_id, fiscal_year, province_code)
  SELECT n.producer_id, n.fiscal_year, n.province_code FROM old_rows o JOIN new_rows n ON n.id = o.id
  WHERE (o.producer_id, o.fiscal_year, o.province_code) IS DISTINCT FROM (n.producer_id, n.fiscal_year, n.province_code);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER registrations_a_registered_years_insert AFTER INSERT ON registrations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registered_years_insert();
--> statement-breakpoint
CREATE TRIGGER registrations_a_registered_years_delete AFTER DELETE ON registrations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION registered_years_delete();
--> statement-breakpoint
CREATE TRIGGER registrations_a_registered_years_update AFTER UPDATE ON registrations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registered_years_update();
--> statement-breakpoint
-- The roll-ups' upserts name the new primary keys (the same SQL as migrations 0002 and 0006
-- otherwise).
CREATE OR REPLACE FUNCTION registration_counts_sql(src text, sign integer) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
  INSERT INTO registration_counts AS c
    (round_code, district_code, producer_type, fiscal_year, province_code, producers, renewed, late)
  SELECT r.round_code, r.district_code, p.producer_type, r.fiscal_year, r.province_code,
         %2$s * count(*),
         %2$s * count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM registrations prev WHERE prev.producer_id = r.producer_id AND prev.fiscal_year = r.fiscal_year - 1)
           %3$s),
         %2$s * count(*) FILTER (WHERE (r.registered_at AT TIME ZONE 'Asia/Bangkok')::date > w.end_date)
  FROM %1$s r
  JOIN producers p ON p.id = r.producer_id
  LEFT JOIN plan_windows w ON w.round_code = r.round_code AND w.step = 1
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (round_code, district_code, producer_type, province_code) DO UPDATE
    SET producers = c.producers + excluded.producers, renewed = c.renewed + excluded.renewed, late = c.late + excluded.late;
  INSERT INTO registration_counts AS c
    (round_code, district_code, producer_type, fiscal_year, province_code, producers, renewed, late)
  SELECT nx.round_code, nx.district_code, p.producer_type, nx.fiscal_year, nx.province_code, 0, %2$s * count(*), 0
  FROM %1$s r
  JOIN registrations nx ON nx.producer_id = r.producer_id AND nx.fiscal_year = r.fiscal_year + 1
  JOIN producers p ON p.id = nx.producer_id
  WHERE NOT EXISTS (SELECT 1 FROM %1$s r2 WHERE r2.id = nx.id)
    AND EXISTS (SELECT 1 FROM registrations later WHERE later.fiscal_year IN (SELECT o.fiscal_year + 1 FROM %1$s o))
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (round_code, district_code, producer_type, province_code) DO UPDATE SET renewed = c.renewed + excluded.renewed
$q$, src, sign, CASE WHEN sign < 0 THEN format('OR EXISTS (SELECT 1 FROM %s o WHERE o.producer_id = r.producer_id AND o.fiscal_year = r.fiscal_year - 1)', src) ELSE '' END)
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION product_counts_sql(src text, sign integer) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
  INSERT INTO product_counts AS c (round_code, district_code, category, fiscal_year, province_code, products)
  SELECT r.round_code, r.district_code, r.category, r.fiscal_year, r.province_code, %2$s * count(*)
  FROM %1$s r
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (round_code, district_code, category, province_code) DO UPDATE SET products = c.products + excluded.products
$q$, src, sign)
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION producers_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO registration_counts AS c
    (round_code, district_code, producer_type, fiscal_year, province_code, producers, renewed, late)
  SELECT r.round_code, r.district_code, t.producer_type, r.fiscal_year, r.province_code,
         t.sign * count(*),
         t.sign * count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM registrations prev WHERE prev.producer_id = r.producer_id AND prev.fiscal_year = r.fiscal_year - 1)),
         t.sign * count(*) FILTER (WHERE (r.registered_at AT TIME ZONE 'Asia/Bangkok')::date > w.end_date)
  FROM old_rows o JOIN new_rows n ON n.id = o.id AND n.producer_type IS DISTINCT FROM o.producer_type
  CROSS JOIN LATERAL (VALUES (-1, o.producer_type), (1, n.producer_type)) AS t(sign, producer_type)
  JOIN registrations r ON r.producer_id = n.id
  LEFT JOIN plan_windows w ON w.round_code = r.round_code AND w.step = 1
  GROUP BY r.round_code, r.district_code, t.producer_type, r.fiscal_year, r.province_code, t.sign
  ON CONFLICT (round_code, district_code, producer_type, province_code) DO UPDATE
    SET producers = c.producers + excluded.producers, renewed = c.renewed + excluded.renewed, late = c.late + excluded.late;
  RETURN NULL;
END $$;
