-- Every audit row that may cause a notification or an outgoing webhook is queued in audit_outbox
-- in the same transaction as the change, and the event processor is woken (it also polls).
CREATE OR REPLACE FUNCTION audit_outbox_enqueue() RETURNS trigger AS $$
BEGIN
  INSERT INTO audit_outbox (audit_id) VALUES (NEW.id);
  PERFORM pg_notify('audit_appended', '');
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_outbox AFTER INSERT ON audit_log FOR EACH ROW
  WHEN (NEW.action LIKE 'batch.%' OR NEW.action LIKE 'payee.%' OR NEW.action LIKE 'provider.%' OR NEW.action LIKE 'webhook%' OR NEW.action = 'methods.sync')
  EXECUTE FUNCTION audit_outbox_enqueue();
