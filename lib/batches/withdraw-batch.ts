import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import { withDb, type ServiceContext } from "../context";
import { batches } from "../db/schema";
import { DomainError } from "../errors";
import { can } from "../policy/can";
import { enforce } from "../policy/decision";
import { lockSourceBatch } from "./copy-batch";

/**
 * "Withdraw": the maker takes their batch back from approval to draft. The version is bumped, so
 * approvals given so far (counted per version) lapse: after an edit it needs all its approvals again.
 */
export async function withdrawBatch(ctx: ServiceContext, input: { batchId: string; version: number }): Promise<{ batchId: string; version: number }> {
  return ctx.db.transaction(async (tx) => {
    const inTx = withDb(ctx, tx);
    const batch = await lockSourceBatch(tx, input.batchId);
    enforce(can(inTx, "batch.withdraw", batch));
    if (batch.version !== input.version) {
      throw new DomainError("conflict", `This batch changed since you opened it (now version ${batch.version}). Reload it to see the latest.`);
    }
    const version = batch.version + 1;
    await tx
      .update(batches)
      .set({ status: "draft", version, submittedForApprovalAt: null, approvalExpiresAt: null, updatedAt: sql`now()` })
      .where(and(eq(batches.id, batch.id), eq(batches.status, "pending_approval")));
    await recordAudit(tx, {
      actor: ctx.actor.kind === "system" ? { kind: "system", label: ctx.actor.label } : { kind: "user", id: ctx.actor.id, label: ctx.actor.label },
      action: "batch.withdraw",
      batchId: batch.id,
      before: { status: "pending_approval", version: batch.version },
      after: { status: "draft", version },
      requestId: ctx.requestId,
    });
    return { batchId: batch.id, version };
  });
}
