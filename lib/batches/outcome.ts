import { formatMoney } from "../format/money";
import type { BatchStatus } from "./statuses";

// Client-safe: the list, the batch page and the live announcer say the same thing about a batch.

export type OutcomeTone = "neutral" | "pending" | "progress" | "success" | "warning" | "danger";

/** What a batch's transactions came to at Hello Clever (paid = settled). */
export type BatchTally = {
  status: BatchStatus;
  currency: string;
  transactionCount: number;
  failedCount: number;
  paidCount: number | null;
  paidAmount: string | null;
};

const LABELS: Record<BatchStatus, string> = {
  draft: "Draft",
  pending_approval: "Pending approval",
  approved: "Approved",
  submitting: "Submitting",
  submitted: "Submitted",
  processing: "Processing",
  scheduled: "Scheduled",
  completed: "Completed",
  expired: "Expired",
  rejected: "Rejected",
  cancelled: "Cancelled",
  needs_attention: "Needs attention",
  approval_expired: "Approval expired",
};

const TONES: Record<BatchStatus, OutcomeTone> = {
  draft: "neutral",
  pending_approval: "pending",
  approved: "progress",
  submitting: "progress",
  submitted: "progress",
  processing: "progress",
  scheduled: "progress",
  completed: "success",
  expired: "neutral",
  rejected: "danger",
  cancelled: "neutral",
  needs_attention: "danger",
  approval_expired: "neutral",
};

/** "pending_approval" → "Pending approval"; a status added later reads as its words. */
export function statusLabel(status: string): string {
  if (status in LABELS) return LABELS[status as BatchStatus];
  const words = status.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The batch's status as people read it: green "Completed" only when every transaction settled,
 * amber "Completed with failures" when some failed.
 */
export function batchOutcome(batch: Pick<BatchTally, "status" | "failedCount">): { label: string; tone: OutcomeTone } {
  if (batch.status === "completed" && batch.failedCount > 0) return { label: "Completed with failures", tone: "warning" };
  return { label: statusLabel(batch.status), tone: TONES[batch.status] ?? "neutral" };
}

const count = (n: number) => n.toLocaleString("en-US");

/** Statuses after which Hello Clever has said what became of each transaction. */
const SETTLED_STATUSES: readonly BatchStatus[] = ["completed", "expired", "cancelled"];

/** "45 paid · 1 failed · MYR 119,470.99 paid", for a batch Hello Clever has finished with; null before. */
export function outcomeSummary(batch: BatchTally): string | null {
  if (!SETTLED_STATUSES.includes(batch.status) || batch.paidCount === null) return null;
  const failed = batch.transactionCount - batch.paidCount;
  const failedWord = batch.status === "completed" ? "failed" : batch.status;
  const parts = [`${count(batch.paidCount)} paid`];
  if (failed > 0) parts.push(`${count(failed)} ${failedWord}`);
  parts.push(`${formatMoney(batch.paidAmount ?? "0", batch.currency)} paid`);
  return parts.join(" · ");
}

/** "Batch 5eb528f1: completed with 1 failure", for the live region. */
export function announceStatus(batchId: string, batch: Pick<BatchTally, "status" | "failedCount">): string {
  const short = batchId.slice(0, 8);
  if (batch.status === "completed" && batch.failedCount > 0) {
    return `Batch ${short}: completed with ${count(batch.failedCount)} failure${batch.failedCount === 1 ? "" : "s"}`;
  }
  return `Batch ${short}: ${statusLabel(batch.status).toLowerCase()}`;
}

/** Why a transaction failed reads as "Cancelled"/"Expired" when its payout was cancelled or expired. */
export function transactionStatusLabel(providerStatus: string | null, batchStatus: BatchStatus): { label: string; tone: OutcomeTone } | null {
  if (!providerStatus) return null;
  if (providerStatus === "failed" && (batchStatus === "cancelled" || batchStatus === "expired")) return { label: statusLabel(batchStatus), tone: "neutral" };
  // Otherwise the provider's own word (settled, failed, pending), as history and exports show it.
  const tone: OutcomeTone = providerStatus === "settled" ? "success" : providerStatus === "failed" ? "danger" : providerStatus === "pending" ? "pending" : "neutral";
  return { label: providerStatus, tone };
}
