-- A flag costs one key check, not three: (batch, row) instead of batch, row and payee apart.
CREATE UNIQUE INDEX "transactions_batch_id_idx" ON "transactions" USING btree ("batch_id","id");--> statement-breakpoint
ALTER TABLE "risk_flags" DROP CONSTRAINT "risk_flags_batch_id_batches_id_fk";
--> statement-breakpoint
ALTER TABLE "risk_flags" DROP CONSTRAINT "risk_flags_transaction_id_transactions_id_fk";
--> statement-breakpoint
ALTER TABLE "risk_flags" DROP CONSTRAINT "risk_flags_payee_id_payees_id_fk";
--> statement-breakpoint
DROP INDEX "risk_flags_batch_idx";--> statement-breakpoint
DROP INDEX "risk_flags_payee_idx";--> statement-breakpoint
DROP INDEX "risk_flags_transaction_idx";--> statement-breakpoint
ALTER TABLE "risk_flags" ALTER COLUMN "transaction_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "risk_flags" ADD CONSTRAINT "risk_flags_transaction_fk" FOREIGN KEY ("batch_id","transaction_id") REFERENCES "public"."transactions"("batch_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "risk_flags_batch_transaction_idx" ON "risk_flags" USING btree ("batch_id","transaction_id");