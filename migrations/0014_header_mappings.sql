CREATE TABLE "header_mappings" (
	"district_code" char(4) NOT NULL,
	"signature" text NOT NULL,
	"choices" jsonb NOT NULL,
	"headers" text[] NOT NULL,
	"confirmed_by" text NOT NULL,
	"submission_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "header_mappings_district_code_signature_pk" PRIMARY KEY("district_code","signature")
);
--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "header_mapping" jsonb;