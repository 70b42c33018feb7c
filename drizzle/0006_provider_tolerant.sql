ALTER TABLE "batches" ALTER COLUMN "provider_status" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "provider_unmatched" jsonb;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "body_gzip" "bytea";--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "body_sha256" text;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "body_size" bigint;--> statement-breakpoint
DROP TYPE "public"."provider_status";