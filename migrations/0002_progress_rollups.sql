CREATE TABLE "registration_counts" (
	"round_code" text NOT NULL,
	"district_code" char(4) NOT NULL,
	"producer_type" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"province_code" char(2) NOT NULL,
	"producers" integer DEFAULT 0 NOT NULL,
	"renewed" integer DEFAULT 0 NOT NULL,
	"late" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "registration_counts_round_code_district_code_producer_type_pk" PRIMARY KEY("round_code","district_code","producer_type")
);
--> statement-breakpoint
CREATE TABLE "product_counts" (
	"round_code" text NOT NULL,
	"district_code" char(4) NOT NULL,
	"category" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"province_code" char(2) NOT NULL,
	"products" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "product_counts_round_code_district_code_category_pk" PRIMARY KEY("round_code","district_code","category")
);
--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "round_code" text;--> statement-breakpoint
UPDATE "products" p SET "round_code" = r."round_code" FROM "registrations" r WHERE r."id" = p."registration_id";--> statement-breakpoint
ALTER TABLE "products" ALTER COLUMN "round_code" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "registration_counts_year_province_idx" ON "registration_counts" USING btree ("fiscal_year","province_code");--> statement-breakpoint
CREATE INDEX "product_counts_year_province_idx" ON "product_counts" USING btree ("fiscal_year","province_code");--> statement-breakpoint
-- Progress roll-ups, maintained set-wise by statement-level triggers with transition tables:
-- one aggregate per statement, in the writer's transaction, so a load or a correction shows in
-- progress at once and a rolled-back load leaves the counts untouched.
-- A registration counts as renewed when the same producer registered in the previous fiscal
-- year; as late when it was made after its round's step-1 window (Bangkok date).
-- The SQL is built once by a function and EXECUTEd inside each trigger function, where the
-- transition tables are visible; `src` names the changed rows (a transition table or a
-- filtered subquery of one).
CREATE FUNCTION registration_counts_sql(src text, sign integer) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
  INSERT INTO registration_counts AS c
    (round_code, district_code, producer_type, fiscal_year, province_code, producers, renewed, late)
  SELECT r.round_code, r.district_code, p.producer_type, r.fiscal_year, r.province_code,
         %2$s * count(*),
         %2$s * count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM registrations prev WHERE prev.producer_id = r.producer_id AND prev.fiscal_year = r.fiscal_year - 1)
           OR EXISTS (SELECT 1 FROM %1$s o WHERE o.producer_id = r.producer_id AND o.fiscal_year = r.fiscal_year - 1)),
         %2$s * count(*) FILTER (WHERE (r.registered_at AT TIME ZONE 'Asia/Bangkok')::date > w.end_date)
  FROM %1$s r
  JOIN producers p ON p.id = r.producer_id
  LEFT JOIN plan_windows w ON w.round_code = r.round_code AND w.step = 1
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (round_code, district_code, producer_type) DO UPDATE
    SET producers = c.producers + excluded.producers, renewed = c.renewed + excluded.renewed, late = c.late + excluded.late;
  INSERT INTO registration_counts AS c
    (round_code, district_code, producer_type, fiscal_year, province_code, producers, renewed, late)
  SELECT nx.round_code, nx.district_code, p.producer_type, nx.fiscal_year, nx.province_code, 0, %2$s * count(*), 0
  FROM %1$s r
  JOIN registrations nx ON nx.producer_id = r.producer_id AND nx.fiscal_year = r.fiscal_year + 1
  JOIN producers p ON p.id = nx.producer_id
  WHERE NOT EXISTS (SELECT 1 FROM %1$s r2 WHERE r2.id = nx.id)
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (round_code, district_code, producer_type) DO UPDATE SET renewed = c.renewed + excluded.renewed
$q$, src, sign)
$fn$;
--> statement-breakpoint
CREATE FUNCTION registrations_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE registration_counts_sql('new_rows', 1);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION registrations_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE registration_counts_sql('old_rows', -1);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION registrations_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only rows whose counted attributes changed: an update that touches nothing counted is free.
  EXECUTE registration_counts_sql($s$(SELECT o.* FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.round_code, o.district_code, o.province_code, o.registered_at, o.fiscal_year, o.producer_id)
      IS DISTINCT FROM (n.round_code, n.district_code, n.province_code, n.registered_at, n.fiscal_year, n.producer_id))$s$, -1);
  EXECUTE registration_counts_sql($s$(SELECT n.* FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.round_code, o.district_code, o.province_code, o.registered_at, o.fiscal_year, o.producer_id)
      IS DISTINCT FROM (n.round_code, n.district_code, n.province_code, n.registered_at, n.fiscal_year, n.producer_id))$s$, 1);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER registrations_counts_insert AFTER INSERT ON registrations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registrations_counts_insert();
--> statement-breakpoint
CREATE TRIGGER registrations_counts_delete AFTER DELETE ON registrations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION registrations_counts_delete();
--> statement-breakpoint
CREATE TRIGGER registrations_counts_update AFTER UPDATE ON registrations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registrations_counts_update();
--> statement-breakpoint
-- A producer whose type changes moves its registrations to the new type's counts.
CREATE FUNCTION producers_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
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
  ON CONFLICT (round_code, district_code, producer_type) DO UPDATE
    SET producers = c.producers + excluded.producers, renewed = c.renewed + excluded.renewed, late = c.late + excluded.late;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER producers_counts_update AFTER UPDATE ON producers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION producers_counts_update();
--> statement-breakpoint
CREATE FUNCTION product_counts_sql(src text, sign integer) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
  INSERT INTO product_counts AS c (round_code, district_code, category, fiscal_year, province_code, products)
  SELECT r.round_code, r.district_code, r.category, r.fiscal_year, r.province_code, %2$s * count(*)
  FROM %1$s r
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (round_code, district_code, category) DO UPDATE SET products = c.products + excluded.products
$q$, src, sign)
$fn$;
--> statement-breakpoint
CREATE FUNCTION products_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE product_counts_sql('new_rows', 1);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION products_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE product_counts_sql('old_rows', -1);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION products_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE product_counts_sql($s$(SELECT o.* FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.round_code, o.district_code, o.category, o.fiscal_year, o.province_code)
      IS DISTINCT FROM (n.round_code, n.district_code, n.category, n.fiscal_year, n.province_code))$s$, -1);
  EXECUTE product_counts_sql($s$(SELECT n.* FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.round_code, o.district_code, o.category, o.fiscal_year, o.province_code)
      IS DISTINCT FROM (n.round_code, n.district_code, n.category, n.fiscal_year, n.province_code))$s$, 1);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER products_counts_insert AFTER INSERT ON products
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION products_counts_insert();
--> statement-breakpoint
CREATE TRIGGER products_counts_delete AFTER DELETE ON products
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION products_counts_delete();
--> statement-breakpoint
CREATE TRIGGER products_counts_update AFTER UPDATE ON products
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION products_counts_update();
--> statement-breakpoint
-- Recomputes the roll-ups of some rounds from the rows (after a plan change moves a window,
-- which changes what counts as late). Also the reference the tests hold the triggers to.
CREATE FUNCTION rebuild_progress_counts(rounds text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM registration_counts WHERE round_code = ANY (rounds);
  DELETE FROM product_counts WHERE round_code = ANY (rounds);
  INSERT INTO registration_counts (round_code, district_code, producer_type, fiscal_year, province_code, producers, renewed, late)
  SELECT r.round_code, r.district_code, p.producer_type, r.fiscal_year, r.province_code, count(*),
         count(prev.id),
         count(*) FILTER (WHERE (r.registered_at AT TIME ZONE 'Asia/Bangkok')::date > w.end_date)
  FROM registrations r JOIN producers p ON p.id = r.producer_id
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
-- Count what is already there (a database created before this migration).
SELECT rebuild_progress_counts(ARRAY(SELECT code FROM fiscal_rounds));
