import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { ServiceContext } from "../context";
import { batches } from "../db/schema";
import { DomainError } from "../errors";
import { can } from "../policy/can";
import { enforce } from "../policy/decision";
import { auditActor } from "./audit-actor";

export type RejectBatchInput = {
  batchId: string;
  /** Already trimmed and 5..500 characters (rejectBatchSchema). */
  reason: string;
};

/** Rejects a batch waiting for approval, with a reason the maker sees (`can(ctx, "batch.reject")` under the row lock). */
export async function rejectBatch(ctx: ServiceContext, input: RejectBatchInput): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const [batch] = await tx.select().from(batches).where(eq(batches.id, input.batchId)).for("update");
    if (!batch) throw new DomainError("not_found", "This batch does not exist");
    enforce(can(ctx, "batch.reject", batch));
    await tx
      .update(batches)
      .set({ status: "rejected", rejectionReason: input.reason, rejectedBy: ctx.actor.id, rejectedAt: now, updatedAt: now })
      .where(and(eq(batches.id, batch.id), eq(batches.status, "pending_approval")));
    await recordAudit(tx, {
      actor: auditActor(ctx),
      action: "batch.reject",
      batchId: batch.id,
      before: { status: batch.status },
      after: { status: "rejected" },
      details: { reason: input.reason, version: batch.version },
      requestId: ctx.requestId,
    });
  });
}
