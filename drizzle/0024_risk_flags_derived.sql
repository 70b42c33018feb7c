-- Flags are derived facts written only by a join to their rows (up to 30,000 a submit): no per-flag
-- key check. They still go with their rows: one statement trigger deletes the flags of deleted rows.
ALTER TABLE "risk_flags" DROP CONSTRAINT "risk_flags_transaction_fk";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION risk_flags_follow_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM risk_flags f USING deleted_rows d WHERE f.batch_id = d.batch_id AND f.transaction_id = d.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER transactions_delete_flags AFTER DELETE ON transactions
  REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_flags_follow_rows();
--> statement-breakpoint
-- The sentence (now in details.text for older flags) and the row's amount (on its row) are not kept twice.
ALTER TABLE "risk_flags" DROP COLUMN "message";--> statement-breakpoint
ALTER TABLE "risk_flags" DROP COLUMN "amount";
