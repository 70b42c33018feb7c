import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import { batches } from "../db/schema";
import type { SubmitQueue } from "../approvals/approve-batch";
import { recordAudit } from "../audit/record-audit";
import { can, type Role } from "../auth/roles";
import { DomainError } from "../errors";
import { log } from "../log";
import { isRetryableAttention } from "./attention-codes";

/** Who may retry: an approver or admin (the batch is already approved), or the batch's maker. */
export function mayRetrySubmission(user: { id: string; roles: readonly Role[] }, makerId: string): boolean {
  return can(user.roles, "approvals.decide") || (user.id === makerId && can(user.roles, "batches.edit"));
}

/**
 * "Retry submission": needs_attention → approved and a new submit job, allowed only where Hello
 * Clever certainly holds nothing for the batch (at-most-once). Records who retried.
 */
export async function retrySubmission(
  db: Db,
  input: { batchId: string; actor: { id: string; label: string; roles: readonly Role[] }; requestId?: string | null; now?: Date },
  queue: SubmitQueue,
): Promise<void> {
  const now = input.now ?? new Date();
  await db.transaction(async (tx) => {
    const [batch] = await tx.select().from(batches).where(eq(batches.id, input.batchId)).for("update");
    if (!batch) throw new DomainError("not_found", "This batch does not exist");
    if (!mayRetrySubmission(input.actor, batch.createdBy)) throw new DomainError("forbidden", "Only an approver, an admin or the batch's maker can retry its submission");
    if (batch.status !== "needs_attention") throw new DomainError("conflict", `Only a batch that needs attention can be retried (this one is ${batch.status.replaceAll("_", " ")})`);
    if (!isRetryableAttention(batch.attentionCode)) {
      throw new DomainError("conflict", "Hello Clever may already hold this payout, so it cannot be sent again; wait for the lookup to finish");
    }
    await tx
      .update(batches)
      .set({ status: "approved", attentionCode: null, attentionMessage: null, attentionDetails: null, providerErrorCode: null, providerErrorMessage: null, updatedAt: now })
      .where(and(eq(batches.id, batch.id), eq(batches.status, "needs_attention"), eq(batches.attentionCode, batch.attentionCode!)));
    await recordAudit(tx, {
      actor: { kind: "user", id: input.actor.id, label: input.actor.label },
      action: "batch.submission_retry",
      batchId: batch.id,
      before: { status: batch.status, attentionCode: batch.attentionCode },
      after: { status: "approved" },
      details: { previousAttempts: batch.submissionAttempts, attentionMessage: batch.attentionMessage },
      requestId: input.requestId,
    });
  });
  // As after an approval: a lost enqueue is repaired by the sweep of approved batches.
  await queue.enqueueSubmit(input.batchId).catch((error: unknown) => log.warn({ err: error, batchId: input.batchId }, "submission.enqueue_failed"));
}
