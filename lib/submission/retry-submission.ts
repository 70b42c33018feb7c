import { and, eq } from "drizzle-orm";
import type { SubmitQueue } from "../approvals/approve-batch";
import { recordAudit } from "../audit/record-audit";
import type { ServiceContext } from "../context";
import { batches } from "../db/schema";
import { DomainError } from "../errors";
import { can } from "../policy/can";
import { enforce } from "../policy/decision";

/**
 * "Retry submission": needs_attention → approved and a new submit job, allowed only where Hello
 * Clever certainly holds nothing for the batch (lib/policy mayRetrySubmission, asked under the
 * row lock). Records who retried.
 */
export async function retrySubmission(ctx: ServiceContext, input: { batchId: string }, deps: { queue: SubmitQueue }): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const [batch] = await tx.select().from(batches).where(eq(batches.id, input.batchId)).for("update");
    if (!batch) throw new DomainError("not_found", "This batch does not exist");
    enforce(can(ctx, "batch.retry_submission", batch));
    await tx
      .update(batches)
      .set({ status: "approved", attentionCode: null, attentionMessage: null, attentionDetails: null, providerErrorCode: null, providerErrorMessage: null, updatedAt: now })
      .where(and(eq(batches.id, batch.id), eq(batches.status, "needs_attention"), eq(batches.attentionCode, batch.attentionCode!)));
    await recordAudit(tx, {
      actor: { kind: "user", id: ctx.actor.id, label: ctx.actor.label },
      action: "batch.submission_retry",
      batchId: batch.id,
      before: { status: batch.status, attentionCode: batch.attentionCode },
      after: { status: "approved" },
      details: { previousAttempts: batch.submissionAttempts, attentionMessage: batch.attentionMessage },
      requestId: ctx.requestId,
    });
  });
  // As after an approval: a lost enqueue is repaired by the sweep of approved batches.
  await deps.queue.enqueueSubmit(input.batchId).catch((error: unknown) => ctx.log.warn({ err: error, batchId: input.batchId }, "submission.enqueue_failed"));
}
