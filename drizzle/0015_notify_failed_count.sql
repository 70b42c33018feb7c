-- Live updates also carry the failed count, so the live region can say "completed with 1 failure".
CREATE OR REPLACE FUNCTION batches_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('batch_changed', json_build_object('id', NEW.id, 'status', NEW.status, 'updatedAt', NEW.updated_at, 'failedCount', NEW.failed_count)::text);
  RETURN NEW;
END;
$$;
