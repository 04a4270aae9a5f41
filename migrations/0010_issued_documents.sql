CREATE TABLE "issued_documents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"action" text NOT NULL,
	"round_code" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"province_code" char(2) NOT NULL,
	"district_code" char(4),
	"sha256" char(64) NOT NULL,
	"bytes" "bytea" NOT NULL,
	"byte_length" integer NOT NULL,
	"file_name" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" uuid,
	"issued_by_username" text NOT NULL,
	CONSTRAINT "issued_documents_once" UNIQUE NULLS NOT DISTINCT("kind","action","round_code","province_code","district_code"),
	CONSTRAINT "issued_documents_sha256_matches" CHECK ("issued_documents"."sha256" = encode(sha256("issued_documents"."bytes"), 'hex')),
	CONSTRAINT "issued_documents_length_matches" CHECK ("issued_documents"."byte_length" = octet_length("issued_documents"."bytes"))
);
--> statement-breakpoint
CREATE INDEX "issued_documents_sha256_idx" ON "issued_documents" USING btree ("sha256");--> statement-breakpoint
-- Issued documents are a government record: once issued, the database refuses to change or
-- erase them (hand-added, like audit_log's triggers in 0001; this file needs nothing from it).
CREATE OR REPLACE FUNCTION issued_documents_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'issued_documents is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER issued_documents_no_update_delete
  BEFORE UPDATE OR DELETE ON issued_documents
  FOR EACH ROW EXECUTE FUNCTION issued_documents_refuse_change();
--> statement-breakpoint
CREATE TRIGGER issued_documents_no_truncate
  BEFORE TRUNCATE ON issued_documents
  FOR EACH STATEMENT EXECUTE FUNCTION issued_documents_refuse_change();
