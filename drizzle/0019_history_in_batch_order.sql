DROP INDEX "transactions_created_idx";--> statement-breakpoint
DROP INDEX "transactions_method_created_idx";--> statement-breakpoint
DROP INDEX "transactions_currency_created_idx";--> statement-breakpoint
DROP INDEX "transactions_maker_created_idx";--> statement-breakpoint
DROP INDEX "transactions_status_created_idx";--> statement-breakpoint
CREATE INDEX "transactions_history_idx" ON "transactions" USING btree ("created_at" DESC NULLS LAST,"batch_id" DESC NULLS LAST,(-"position") desc);--> statement-breakpoint
CREATE INDEX "transactions_method_history_idx" ON "transactions" USING btree ("method_name","created_at" DESC NULLS LAST,"batch_id" DESC NULLS LAST,(-"position") desc);--> statement-breakpoint
CREATE INDEX "transactions_currency_history_idx" ON "transactions" USING btree ("currency","created_at" DESC NULLS LAST,"batch_id" DESC NULLS LAST,(-"position") desc);--> statement-breakpoint
CREATE INDEX "transactions_maker_history_idx" ON "transactions" USING btree ("maker_id","created_at" DESC NULLS LAST,"batch_id" DESC NULLS LAST,(-"position") desc);--> statement-breakpoint
CREATE INDEX "transactions_status_history_idx" ON "transactions" USING btree ("provider_status","created_at" DESC NULLS LAST,"batch_id" DESC NULLS LAST,(-"position") desc);