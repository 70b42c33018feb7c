import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db";
import { approvals, users } from "../db/schema";
import { can, type Role } from "../auth/roles";
import { getBatch, type BatchView } from "../batches/get-batch";
import type { HelloCleverClient } from "../hello-clever/client";
import { compareAmounts } from "../money";
import { isRetryableAttention } from "../submission/attention-codes";
import { canCancelScheduled, mayCancelScheduled } from "../submission/cancel-scheduled-payout";
import { mayRetrySubmission } from "../submission/retry-submission";

export type ApprovalPanel = {
  batch: Pick<
    BatchView,
    | "id" | "status" | "version" | "currency" | "totalAmount" | "transactionCount" | "approvalsNeeded" | "approvalExpiresAt" | "rejectionReason" | "rejectedAt"
    | "attentionCode" | "attentionMessage" | "attentionDetails" | "providerUuid" | "providerStatus" | "scheduledAt" | "submissionAttempts" | "maker"
  >;
  approvals: { approverName: string; approverEmail: string; at: Date }[];
  rejectedBy: string | null;
  viewer: { isMaker: boolean; alreadyApproved: boolean; canDecide: boolean; canRetry: boolean; canCancel: boolean };
  /** Hello Clever's available balance in the batch's currency, when it matters (before approving, or short of funds). */
  balance: { kind: "known"; available: string; totalAboveBalance: boolean } | { kind: "unavailable"; message: string } | null;
};

// The page must not hang on a slow provider: the balance is advice, not a gate.
const BALANCE_TIMEOUT_MS = 3000;

async function readBalance(client: HelloCleverClient, currency: string, total: string): Promise<ApprovalPanel["balance"]> {
  try {
    const balance = await Promise.race([
      client.getBalance(currency),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${BALANCE_TIMEOUT_MS / 1000} s`)), BALANCE_TIMEOUT_MS).unref()),
    ]);
    return { kind: "known", available: balance.availableBalance, totalAboveBalance: compareAmounts(total, balance.availableBalance) > 0 };
  } catch (error) {
    return { kind: "unavailable", message: error instanceof Error ? error.message : String(error) };
  }
}

/** What the batch page's approval panel shows this viewer, and which of its actions they may take. */
export async function getApprovalPanel(
  db: Db,
  client: HelloCleverClient,
  input: { batchId: string; viewer: { id: string; roles: readonly Role[] }; now?: Date; batch?: BatchView },
): Promise<ApprovalPanel | null> {
  const now = input.now ?? new Date();
  // The batch page passes the batch it already read (one read per request).
  const batch = input.batch ?? (await getBatch(db, input.batchId));
  if (!batch) return null;
  const approvedBy = await db
    .select({ approverId: approvals.approverId, approverName: users.name, approverEmail: users.email, at: approvals.createdAt })
    .from(approvals)
    .innerJoin(users, eq(users.id, approvals.approverId))
    .where(and(eq(approvals.batchId, batch.id), eq(approvals.batchVersion, batch.version)))
    .orderBy(asc(approvals.createdAt));
  const [rejecter] = batch.rejectedBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, batch.rejectedBy)) : [];

  const isMaker = batch.createdBy === input.viewer.id;
  const alreadyApproved = approvedBy.some((a) => a.approverId === input.viewer.id);
  const pending = batch.status === "pending_approval";
  const shortOfFunds = batch.status === "needs_attention" && (batch.attentionCode === "insufficient_funds" || batch.attentionCode === "payto_charge");
  return {
    batch,
    approvals: approvedBy.map(({ approverName, approverEmail, at }) => ({ approverName, approverEmail, at })),
    rejectedBy: rejecter?.name ?? null,
    viewer: {
      isMaker,
      alreadyApproved,
      canDecide: pending && !isMaker && !alreadyApproved && can(input.viewer.roles, "approvals.decide"),
      canRetry: batch.status === "needs_attention" && isRetryableAttention(batch.attentionCode) && mayRetrySubmission(input.viewer, batch.createdBy),
      canCancel: canCancelScheduled(batch, now) && mayCancelScheduled(input.viewer, batch.createdBy),
    },
    balance: pending || shortOfFunds ? await readBalance(client, batch.currency, batch.totalAmount) : null,
  };
}
