ALTER TABLE "batches" ADD COLUMN "copied_from_id" uuid;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "copy_kind" text;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "previous_failure_reason" text;--> statement-breakpoint
ALTER TABLE "batches" ADD CONSTRAINT "batches_copied_from_id_batches_id_fk" FOREIGN KEY ("copied_from_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "batches_copied_from_idx" ON "batches" USING btree ("copied_from_id");