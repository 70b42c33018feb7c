import { and, eq, isNull, lte, max } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { batches, webhookDeliveries } from "../db/schema";
import type { HelloCleverClient } from "../hello-clever/client";
import { needsLookup } from "../submission/attention-codes";
import { refreshBatchFromProvider, type RefreshOutcome } from "../provider-sync/refresh-batch-from-provider";

export type ProcessDeliveriesOutcome = RefreshOutcome & { deliveries: number; needsResolution: boolean };

/**
 * Acts on a batch's pending deliveries: one re-read of the payout from Hello Clever covers all
 * of them (the bodies are only hints), then they are marked processed. A delivery that arrives
 * during the read has its own job queued, so it is never left behind.
 */
export async function processDeliveries(ctx: ServiceContext, input: { client: HelloCleverClient; batchId: string }): Promise<ProcessDeliveriesOutcome> {
  const { db } = ctx;
  const { client, batchId } = input;
  const [latest] = await db
    .select({ id: max(webhookDeliveries.id) })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.batchId, batchId), isNull(webhookDeliveries.processedAt)));
  const outcome = await refreshBatchFromProvider(ctx, { client, batchId, source: "webhook" });
  let needsResolution = false;
  if (outcome.kind === "not_at_provider") {
    // A delivery for a batch whose submission outcome is unknown: the payout exists after all,
    // and the submission's lookup (resolve-submission) is what records it.
    const [batch] = await db.select({ status: batches.status, attentionCode: batches.attentionCode }).from(batches).where(eq(batches.id, batchId));
    needsResolution = batch?.status === "needs_attention" && needsLookup(batch.attentionCode);
  }
  const upTo = latest?.id ?? null;
  const marked = upTo === null
    ? []
    : await db
        .update(webhookDeliveries)
        .set({ processedAt: new Date() })
        .where(and(eq(webhookDeliveries.batchId, batchId), isNull(webhookDeliveries.processedAt), lte(webhookDeliveries.id, upTo)))
        .returning({ id: webhookDeliveries.id });
  return { ...outcome, deliveries: marked.length, needsResolution };
}
