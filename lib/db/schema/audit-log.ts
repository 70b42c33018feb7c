import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Append-only: a trigger (migration 0001) rejects UPDATE, DELETE and TRUNCATE. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"), // null for a system job
    actorLabel: text("actor_label").notNull(), // email, or `job:<name>` / `webhook`
    action: text("action").notNull(), // entity.verb
    batchId: uuid("batch_id"),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    details: jsonb("details"),
    requestId: text("request_id"),
    // The chain (set by a trigger, migration): position, the previous row's hash and this row's own.
    chainSeq: bigint("chain_seq", { mode: "number" }),
    prevHash: text("prev_hash"),
    rowHash: text("row_hash"),
  },
  (t) => [index("audit_log_at_idx").on(t.at.desc(), t.id.desc()), index("audit_log_batch_idx").on(t.batchId, t.at), index("audit_log_actor_idx").on(t.actorId, t.at)],
);
export type AuditEntry = typeof auditLog.$inferSelect;
