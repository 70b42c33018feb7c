-- Audit log is append-only for every role the app connects as (DESIGN: Audit log).
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
-- Maker-checker at the database: the maker of a batch can never approve it, whatever the app does.
CREATE OR REPLACE FUNCTION approvals_refuse_maker() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM batches b WHERE b.id = NEW.batch_id AND b.created_by = NEW.approver_id) THEN
    RAISE EXCEPTION 'maker-checker: the maker of batch % cannot approve it', NEW.batch_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER approvals_maker_checker BEFORE INSERT OR UPDATE ON approvals
  FOR EACH ROW EXECUTE FUNCTION approvals_refuse_maker();
--> statement-breakpoint
-- Live updates: every batch change is announced, so browsers on any instance hear it.
CREATE OR REPLACE FUNCTION batches_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('batch_changed', json_build_object('id', NEW.id, 'status', NEW.status, 'updatedAt', NEW.updated_at)::text);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER batches_notify AFTER INSERT OR UPDATE ON batches
  FOR EACH ROW EXECUTE FUNCTION batches_notify_change();
