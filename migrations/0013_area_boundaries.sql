CREATE TABLE "area_boundaries" (
	"level" text NOT NULL,
	"code" text NOT NULL,
	"province_code" char(2) NOT NULL,
	"geometry" jsonb NOT NULL,
	"label_lon" real NOT NULL,
	"label_lat" real NOT NULL,
	"source" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "area_boundaries_level_code_pk" PRIMARY KEY("level","code"),
	CONSTRAINT "area_boundaries_code_shape" CHECK (("area_boundaries"."level" = 'province' and "area_boundaries"."code" ~ '^[0-9]{2}$') or ("area_boundaries"."level" = 'district' and "area_boundaries"."code" ~ '^[0-9]{4}$'))
);
