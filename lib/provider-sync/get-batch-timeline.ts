import { asc, count, desc, eq, isNotNull, and } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { batches, providerEvents, transactions, webhookDeliveries, type BatchStatus, type ProviderStatus, type UnmatchedProviderTransaction } from "../db/schema";
import { buildBatchTimeline, type TimelineEntry } from "./build-batch-timeline";

// The timeline shows the latest deliveries; a flood of repeats would otherwise bury the rest.
const MAX_DELIVERIES = 300;

export type BatchProgress = {
  status: BatchStatus;
  currency: string;
  providerStatus: ProviderStatus | null;
  /** Provider transactions no row could be matched to (shown, never dropped). */
  providerUnmatched: UnmatchedProviderTransaction[] | null;
  attentionCode: string | null;
  /** The provider's own words and fields when it refused the batch (every documented error shape, as the client read it). */
  providerRefusal: { message: string | null; fieldErrors: { field: string | null; message: string }[] } | null;
  providerUuid: string | null;
  providerErrorCode: string | null;
  providerErrorMessage: string | null;
  lastReconciledAt: Date | null;
  transactions: number;
  /** By the provider's transaction status: settled (paid), failed, and everything else (pending). */
  paid: number;
  failed: number;
  pending: number;
  failureReasons: { reason: string; count: number }[];
};

type BatchTimelineHead = Pick<
  BatchProgress,
  "status" | "currency" | "providerStatus" | "providerUnmatched" | "attentionCode" | "providerUuid" | "providerErrorCode" | "providerErrorMessage" | "lastReconciledAt"
> & { attentionDetails: Record<string, unknown> | null };

const pickHead = (batch: BatchTimelineHead): BatchTimelineHead => ({
  status: batch.status,
  currency: batch.currency,
  providerStatus: batch.providerStatus,
  providerUnmatched: batch.providerUnmatched,
  attentionCode: batch.attentionCode,
  attentionDetails: batch.attentionDetails,
  providerUuid: batch.providerUuid,
  providerErrorCode: batch.providerErrorCode,
  providerErrorMessage: batch.providerErrorMessage,
  lastReconciledAt: batch.lastReconciledAt,
});

export type BatchTimeline = { progress: BatchProgress; entries: TimelineEntry[]; deliveriesShown: number; deliveriesTotal: number };

/** The batch's provider progress and its timeline of provider reads and webhook deliveries; null if no such batch. */
export async function getBatchTimeline(ctx: ServiceContext, input: { batchId: string; loaded?: BatchTimelineHead }): Promise<BatchTimeline | null> {
  const { db } = ctx;
  const { batchId, loaded } = input;
  // The batch page passes the batch it already read (one read per request).
  const [batch] = loaded ? [pickHead(loaded)] : await db
    .select({
      status: batches.status,
      currency: batches.currency,
      providerStatus: batches.providerStatus,
      providerUnmatched: batches.providerUnmatched,
      attentionCode: batches.attentionCode,
      attentionDetails: batches.attentionDetails,
      providerUuid: batches.providerUuid,
      providerErrorCode: batches.providerErrorCode,
      providerErrorMessage: batches.providerErrorMessage,
      lastReconciledAt: batches.lastReconciledAt,
    })
    .from(batches)
    .where(eq(batches.id, batchId));
  if (!batch) return null;
  const [byStatus, reasons, events, recent, [total]] = await Promise.all([
    db
      .select({ status: transactions.providerStatus, count: count() })
      .from(transactions)
      .where(eq(transactions.batchId, batchId))
      .groupBy(transactions.providerStatus),
    db
      .select({ reason: transactions.failureReason, count: count() })
      .from(transactions)
      .where(and(eq(transactions.batchId, batchId), eq(transactions.providerStatus, "failed"), isNotNull(transactions.failureReason)))
      .groupBy(transactions.failureReason)
      .orderBy(desc(count())),
    db.select().from(providerEvents).where(eq(providerEvents.batchId, batchId)).orderBy(asc(providerEvents.id)),
    db
      .select({
        id: webhookDeliveries.id,
        at: webhookDeliveries.receivedAt,
        claimedStatus: webhookDeliveries.claimedStatus,
        malformed: webhookDeliveries.malformed,
        processedAt: webhookDeliveries.processedAt,
      })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.batchId, batchId))
      .orderBy(desc(webhookDeliveries.id))
      .limit(MAX_DELIVERIES),
    db.select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.batchId, batchId)),
  ]);
  const tally = (status: string) => byStatus.find((row) => row.status === status)?.count ?? 0;
  const all = byStatus.reduce((sum, row) => sum + row.count, 0);
  const paid = tally("settled");
  const failed = tally("failed");
  const { attentionDetails, ...shown } = batch;
  const fieldErrors = Array.isArray(attentionDetails?.fieldErrors) ? (attentionDetails.fieldErrors as { field: string | null; message: string }[]) : [];
  const providerMessage = typeof attentionDetails?.providerMessage === "string" ? attentionDetails.providerMessage : null;
  return {
    progress: {
      ...shown,
      providerRefusal: batch.status === "needs_attention" && (fieldErrors.length > 0 || providerMessage) ? { message: providerMessage, fieldErrors } : null,
      transactions: all,
      paid,
      failed,
      pending: all - paid - failed,
      failureReasons: reasons.map((row) => ({ reason: row.reason!, count: row.count })),
    },
    entries: buildBatchTimeline(
      events.map((event) => ({ id: event.id, at: event.createdAt, source: event.source, providerStatus: event.providerStatus, outcome: event.outcome, detail: event.detail })),
      recent,
    ),
    deliveriesShown: recent.length,
    deliveriesTotal: total?.n ?? 0,
  };
}
