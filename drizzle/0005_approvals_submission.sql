ALTER TYPE "public"."batch_status" ADD VALUE 'approval_expired';--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "rejected_by" uuid;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "rejected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "submission_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "submission_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "batches" ADD CONSTRAINT "batches_rejected_by_users_id_fk" FOREIGN KEY ("rejected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;