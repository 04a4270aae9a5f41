CREATE TABLE "office_profiles" (
	"province_code" char(2) PRIMARY KEY NOT NULL,
	"name_th" text NOT NULL,
	"address" text NOT NULL,
	"phone" text NOT NULL,
	"email" text NOT NULL,
	"emblem" "bytea",
	"emblem_type" text,
	"emblem_width" integer,
	"emblem_height" integer,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	"updated_by_username" text NOT NULL,
	CONSTRAINT "office_profiles_emblem_whole" CHECK (("office_profiles"."emblem" is null) = ("office_profiles"."emblem_type" is null) and ("office_profiles"."emblem" is null) = ("office_profiles"."emblem_width" is null) and ("office_profiles"."emblem" is null) = ("office_profiles"."emblem_height" is null)),
	CONSTRAINT "office_profiles_emblem_type" CHECK ("office_profiles"."emblem_type" is null or "office_profiles"."emblem_type" in ('image/png', 'image/jpeg')),
	CONSTRAINT "office_profiles_emblem_size" CHECK ("office_profiles"."emblem" is null or octet_length("office_profiles"."emblem") <= 262144)
);
--> statement-breakpoint
ALTER TABLE "office_profiles" ADD CONSTRAINT "office_profiles_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;