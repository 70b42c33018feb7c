import type { Db } from "../db";
import { auditLog } from "../db/schema";

export type Actor = { kind: "user"; id: string; label: string } | { kind: "system"; label: string };

export type AuditInput = {
  actor: Actor;
  action: string; // entity.verb, e.g. batch.approve
  batchId?: string | null;
  entityType?: string;
  entityId?: string;
  before?: unknown;
  after?: unknown;
  details?: unknown;
  requestId?: string | null;
};

/** The one way to write the audit trail; call it with the transaction that made the change. */
export async function recordAudit(db: Db, input: AuditInput): Promise<void> {
  await db.insert(auditLog).values({
    actorId: input.actor.kind === "user" ? input.actor.id : null,
    actorLabel: input.actor.label,
    action: input.action,
    batchId: input.batchId ?? null,
    entityType: input.entityType ?? (input.batchId ? "batch" : null),
    entityId: input.entityId ?? input.batchId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    details: input.details ?? null,
    requestId: input.requestId ?? null,
  });
}

export const systemActor = (job: string): Actor => ({ kind: "system", label: `job:${job}` });
