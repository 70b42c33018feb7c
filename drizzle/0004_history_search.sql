-- History search (issue 8): free text over payee name, email and external ids, at 1,000,000 rows.
-- One trigram index over one expression, so a search is one bitmap scan. The expression is
-- repeated verbatim in lib/history/filter-sql.ts (SEARCH_TEXT); Postgres
-- uses the index only when the query's expression is identical.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS transactions_search_trgm_idx ON transactions USING gin (
  (first_name || ' ' || last_name || ' ' || email || ' ' || coalesce(external_id, '') || ' ' || coalesce(provider_uuid, '')) gin_trgm_ops
);
--> statement-breakpoint
-- The batch's method, currency and maker are copied onto each transaction so history can filter
-- on them with an index. The database keeps the copies, so no writer can forget them.
CREATE OR REPLACE FUNCTION transactions_copy_batch_fields() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT b.method_name, b.currency, b.created_by INTO NEW.method_name, NEW.currency, NEW.maker_id
    FROM batches b WHERE b.id = NEW.batch_id;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER transactions_batch_fields BEFORE INSERT OR UPDATE OF batch_id, method_name, currency, maker_id ON transactions
  FOR EACH ROW EXECUTE FUNCTION transactions_copy_batch_fields();
--> statement-breakpoint
-- Status changes (the common update) do not fire this: only a change of the copied fields does.
CREATE OR REPLACE FUNCTION batches_propagate_history_fields() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE transactions SET method_name = NEW.method_name, currency = NEW.currency, maker_id = NEW.created_by
    WHERE batch_id = NEW.id;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER batches_history_fields AFTER UPDATE OF method_name, currency, created_by ON batches
  FOR EACH ROW WHEN (OLD.method_name IS DISTINCT FROM NEW.method_name OR OLD.currency IS DISTINCT FROM NEW.currency OR OLD.created_by IS DISTINCT FROM NEW.created_by)
  EXECUTE FUNCTION batches_propagate_history_fields();
--> statement-breakpoint
UPDATE transactions t SET method_name = b.method_name, currency = b.currency, maker_id = b.created_by
  FROM batches b WHERE b.id = t.batch_id AND t.method_name IS NULL;
