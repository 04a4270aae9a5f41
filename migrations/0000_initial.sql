CREATE TABLE "provinces" (
	"code" char(2) PRIMARY KEY NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "districts" (
	"code" char(4) PRIMARY KEY NOT NULL,
	"province_code" char(2) NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"postal_code" char(5)
);
--> statement-breakpoint
CREATE TABLE "subdistricts" (
	"code" char(6) PRIMARY KEY NOT NULL,
	"district_code" char(4) NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"postal_code" char(5)
);
--> statement-breakpoint
CREATE TABLE "fiscal_rounds" (
	"code" text PRIMARY KEY NOT NULL,
	"fiscal_year" integer NOT NULL,
	"quarter" smallint NOT NULL,
	CONSTRAINT "fiscal_rounds_quarter_ck" CHECK ("fiscal_rounds"."quarter" between 1 and 4)
);
--> statement-breakpoint
CREATE TABLE "plan_windows" (
	"round_code" text NOT NULL,
	"step" smallint NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"stated_days" integer NOT NULL,
	"responsible" text NOT NULL,
	"note" text,
	CONSTRAINT "plan_windows_round_code_step_pk" PRIMARY KEY("round_code","step"),
	CONSTRAINT "plan_windows_step_ck" CHECK ("plan_windows"."step" between 1 and 3),
	CONSTRAINT "plan_windows_dates_ck" CHECK ("plan_windows"."end_date" >= "plan_windows"."start_date")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"role" text NOT NULL,
	"province_code" char(2),
	"district_code" char(4),
	"password_hash" text,
	"activation_code_hash" text,
	"activation_expires_at" timestamp with time zone,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_scope_ck" CHECK (("users"."role" = 'district' and "users"."district_code" is not null and "users"."province_code" is not null)
       or ("users"."role" = 'province' and "users"."province_code" is not null and "users"."district_code" is null)
       or ("users"."role" in ('department', 'analyst', 'admin') and "users"."province_code" is null and "users"."district_code" is null))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"first_failure_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "producers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"thai_id" char(13) NOT NULL,
	"producer_type" text NOT NULL,
	"name" text NOT NULL,
	"contact_name" text,
	"phone" text,
	"members" integer,
	"house_no" text,
	"village_no" integer,
	"subdistrict_code" char(6) NOT NULL,
	"district_code" char(4) NOT NULL,
	"province_code" char(2) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "producers_thai_id_unique" UNIQUE("thai_id"),
	CONSTRAINT "producers_members_ck" CHECK ("producers"."members" is null or "producers"."members" >= 1)
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"producer_id" bigint NOT NULL,
	"fiscal_year" integer NOT NULL,
	"round_code" text NOT NULL,
	"district_code" char(4) NOT NULL,
	"province_code" char(2) NOT NULL,
	"submission_id" uuid,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"registration_id" bigint NOT NULL,
	"producer_id" bigint NOT NULL,
	"fiscal_year" integer NOT NULL,
	"district_code" char(4) NOT NULL,
	"province_code" char(2) NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"category" text NOT NULL,
	"standards" text[] DEFAULT '{}'::text[] NOT NULL,
	"stars" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_stars_ck" CHECK ("products"."stars" is null or "products"."stars" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "district_rounds" (
	"round_code" text NOT NULL,
	"district_code" char(4) NOT NULL,
	"province_code" char(2) NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"submitted_at" timestamp with time zone,
	"certified_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "district_rounds_round_code_district_code_pk" PRIMARY KEY("round_code","district_code")
);
--> statement-breakpoint
CREATE TABLE "province_rounds" (
	"round_code" text NOT NULL,
	"province_code" char(2) NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"reported_at" timestamp with time zone,
	"announced_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "province_rounds_round_code_province_code_pk" PRIMARY KEY("round_code","province_code")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	"username" text NOT NULL,
	"action" text NOT NULL,
	"round_code" text,
	"province_code" char(2),
	"district_code" char(4),
	"from_state" text,
	"to_state" text,
	"reason" text,
	"timeliness" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"file_name" text,
	"file_sha256" char(64) NOT NULL,
	"size_bytes" bigint NOT NULL,
	"user_id" uuid,
	"username" text NOT NULL,
	"district_code" char(4) NOT NULL,
	"province_code" char(2) NOT NULL,
	"round_code" text NOT NULL,
	"dry_run" boolean NOT NULL,
	"status" text DEFAULT 'processing' NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"warnings" integer DEFAULT 0 NOT NULL,
	"issue_counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"columns" text[],
	"failure_reason" text,
	"duplicate_of" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "submission_issues" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"submission_id" uuid NOT NULL,
	"row" integer,
	"column" text,
	"value" text,
	"code" text NOT NULL,
	"severity" text NOT NULL,
	"message_th" text NOT NULL,
	"message_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rejected_rows" (
	"submission_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"cells" text[] NOT NULL,
	CONSTRAINT "rejected_rows_submission_id_row_pk" PRIMARY KEY("submission_id","row")
);
--> statement-breakpoint
CREATE TABLE "district_targets" (
	"district_code" char(4) NOT NULL,
	"fiscal_year" integer NOT NULL,
	"producers" integer NOT NULL,
	CONSTRAINT "district_targets_district_code_fiscal_year_pk" PRIMARY KEY("district_code","fiscal_year")
);
--> statement-breakpoint
ALTER TABLE "districts" ADD CONSTRAINT "districts_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subdistricts" ADD CONSTRAINT "subdistricts_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_windows" ADD CONSTRAINT "plan_windows_round_code_fiscal_rounds_code_fk" FOREIGN KEY ("round_code") REFERENCES "public"."fiscal_rounds"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "producers" ADD CONSTRAINT "producers_subdistrict_code_subdistricts_code_fk" FOREIGN KEY ("subdistrict_code") REFERENCES "public"."subdistricts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_producer_id_producers_id_fk" FOREIGN KEY ("producer_id") REFERENCES "public"."producers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_round_code_fiscal_rounds_code_fk" FOREIGN KEY ("round_code") REFERENCES "public"."fiscal_rounds"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_rounds" ADD CONSTRAINT "district_rounds_round_code_fiscal_rounds_code_fk" FOREIGN KEY ("round_code") REFERENCES "public"."fiscal_rounds"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_rounds" ADD CONSTRAINT "district_rounds_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "province_rounds" ADD CONSTRAINT "province_rounds_round_code_fiscal_rounds_code_fk" FOREIGN KEY ("round_code") REFERENCES "public"."fiscal_rounds"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "province_rounds" ADD CONSTRAINT "province_rounds_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_issues" ADD CONSTRAINT "submission_issues_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rejected_rows" ADD CONSTRAINT "rejected_rows_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "districts_province_idx" ON "districts" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "subdistricts_district_idx" ON "subdistricts" USING btree ("district_code");--> statement-breakpoint
CREATE UNIQUE INDEX "fiscal_rounds_year_quarter_uq" ON "fiscal_rounds" USING btree ("fiscal_year","quarter");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "producers_district_idx" ON "producers" USING btree ("district_code");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_producer_year_uq" ON "registrations" USING btree ("producer_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "registrations_round_district_idx" ON "registrations" USING btree ("round_code","district_code");--> statement-breakpoint
CREATE INDEX "registrations_year_province_idx" ON "registrations" USING btree ("fiscal_year","province_code");--> statement-breakpoint
CREATE UNIQUE INDEX "products_registration_name_uq" ON "products" USING btree ("registration_id","name_key");--> statement-breakpoint
CREATE INDEX "products_year_district_idx" ON "products" USING btree ("fiscal_year","district_code");--> statement-breakpoint
CREATE INDEX "district_rounds_province_idx" ON "district_rounds" USING btree ("round_code","province_code");--> statement-breakpoint
CREATE INDEX "audit_log_round_district_idx" ON "audit_log" USING btree ("round_code","district_code");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "submissions_district_round_idx" ON "submissions" USING btree ("district_code","round_code");--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_loaded_file_uq" ON "submissions" USING btree ("file_sha256","district_code","round_code") WHERE dry_run = false and status in ('processing', 'loaded', 'partially-loaded');--> statement-breakpoint
CREATE INDEX "submission_issues_submission_idx" ON "submission_issues" USING btree ("submission_id","row");