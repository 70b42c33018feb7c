-- Audit chain (issue 17): every audit row stores the previous row's hash and its own, computed in
-- the inserting transaction under a row lock on the single chain head. The content hashed is the
-- row's exported CSV cells (lib/audit/audit-chain.ts reproduces it), each as <bytes>:<text>;.
CREATE OR REPLACE FUNCTION audit_chain_cell(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT octet_length(coalesce(value, ''))::text || ':' || coalesce(value, '') || ';'
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_chain_row_hash(prev text, r audit_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(
    prev || E'\n' ||
    audit_chain_cell(r.chain_seq::text) || audit_chain_cell(r.id::text) ||
    audit_chain_cell(to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) ||
    audit_chain_cell(r.actor_id::text) || audit_chain_cell(r.actor_label) || audit_chain_cell(r.action) ||
    audit_chain_cell(r.batch_id::text) || audit_chain_cell(r.entity_type) || audit_chain_cell(r.entity_id) ||
    audit_chain_cell(r.before::text) || audit_chain_cell(r.after::text) || audit_chain_cell(r.details::text) ||
    audit_chain_cell(r.request_id),
  'UTF8')), 'hex')
$$;
--> statement-breakpoint
INSERT INTO audit_chain_head (id, seq, hash) VALUES ('head', 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Rows written before the chain existed are chained now, in id order.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
--> statement-breakpoint
DO $$
DECLARE
  r audit_log;
  head_seq bigint := 0;
  head_hash text := repeat('0', 64);
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    head_seq := head_seq + 1;
    r.chain_seq := head_seq;
    r.prev_hash := head_hash;
    head_hash := audit_chain_row_hash(head_hash, r);
    UPDATE audit_log SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, row_hash = head_hash WHERE id = r.id;
  END LOOP;
  UPDATE audit_chain_head SET seq = head_seq, hash = head_hash WHERE id = 'head';
END;
$$;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head audit_chain_head;
BEGIN
  -- The per-row lock on the head serialises chain writers until this transaction ends.
  SELECT * INTO head FROM audit_chain_head WHERE id = 'head' FOR UPDATE;
  NEW.chain_seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  NEW.row_hash := audit_chain_row_hash(head.hash, NEW);
  UPDATE audit_chain_head SET seq = NEW.chain_seq, hash = NEW.row_hash WHERE id = 'head';
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
--> statement-breakpoint
CREATE UNIQUE INDEX audit_log_chain_seq_idx ON audit_log (chain_seq);
--> statement-breakpoint
-- The head is only ever moved by the trigger.
CREATE OR REPLACE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_chain_head cannot be deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.seq <> OLD.seq + 1 THEN
    RAISE EXCEPTION 'audit_chain_head only moves forward by one' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_guard BEFORE UPDATE OR DELETE ON audit_chain_head FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();
