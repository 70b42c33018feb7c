ALTER TABLE "payout_methods" ADD COLUMN "is_refundable" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "payout_methods" ADD COLUMN "is_cancellable" boolean DEFAULT false NOT NULL;