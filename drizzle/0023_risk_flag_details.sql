-- A flag keeps the facts its sentence needs beyond its row; the sentence is written when read.
-- Flags stored before keep their sentence as it was written (details.text).
ALTER TABLE "risk_flags" ADD COLUMN "details" jsonb;--> statement-breakpoint
UPDATE "risk_flags" SET "details" = jsonb_build_object('text', "message");
