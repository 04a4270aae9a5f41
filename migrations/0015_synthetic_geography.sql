ALTER TABLE "provinces" ADD COLUMN "synthetic" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "districts" ADD COLUMN "synthetic" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "subdistricts" ADD COLUMN "synthetic" boolean DEFAULT false NOT NULL;