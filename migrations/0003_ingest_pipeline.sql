DROP INDEX "submissions_loaded_file_uq";--> statement-breakpoint
ALTER TABLE "submissions" ALTER COLUMN "district_code" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "submissions" ALTER COLUMN "province_code" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "sheet_name" text;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "source" jsonb;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "normalized" jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_loaded_file_uq" ON "submissions" USING btree ("file_sha256",coalesce("district_code", "province_code", '*'),"round_code",coalesce("sheet_name", '')) WHERE dry_run = false and status in ('processing', 'loaded', 'partially-loaded');