import { and, asc, eq } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { approvals, batches, users } from "../db/schema";
import { balanceShortFlag } from "../risk/balance-short";
import { withFlag, type BatchFlags } from "../risk/flags";
import { listBatchFlags } from "../risk/list-batch-flags";
import { can, type Role } from "../auth/roles";
import { getBatch, type BatchView } from "../batches/get-batch";
import type { HelloCleverClient } from "../hello-clever/client";
import { compareAmounts } from "../money";
import { mayCancelScheduled, mayRetrySubmission, notGrantedByMaker } from "../policy/batches";
import { recentGrantersOf } from "../users/role-grants";

export type ApprovalPanel = {
  batch: Pick<
    BatchView,
    | "id" | "status" | "version" | "currency" | "totalAmount" | "transactionCount" | "approvalsNeeded" | "approvalExpiresAt" | "rejectionReason" | "rejectedAt"
    | "attentionCode" | "attentionMessage" | "attentionDetails" | "providerUuid" | "providerStatus" | "scheduledAt" | "submissionAttempts" | "maker"
  >;
  approvals: { approverName: string; approverEmail: string; at: Date; payloadHash: string | null }[];
  /** Issue 17: the hash of what would be sent, recorded at submit-for-approval. */
  payloadHash: string | null;
  /** Risk flags computed at submit-for-approval, plus "balance short" read now. */
  flags: BatchFlags;
  rejectedBy: string | null;
  viewer: { isMaker: boolean; alreadyApproved: boolean; canDecide: boolean; canRetry: boolean; canCancel: boolean; grantedByMaker: boolean };
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
  ctx: ServiceContext,
  input: { client: HelloCleverClient; batchId: string; viewer: { id: string; roles: readonly Role[] }; batch?: BatchView },
): Promise<ApprovalPanel | null> {
  const { db } = ctx;
  const now = ctx.now();
  // The batch page passes the batch it already read (one read per request).
  const batch = input.batch ?? (await getBatch(ctx, { batchId: input.batchId }));
  if (!batch) return null;
  const approvedBy = await db
    .select({ approverId: approvals.approverId, approverName: users.name, approverEmail: users.email, at: approvals.createdAt, payloadHash: approvals.payloadHash })
    .from(approvals)
    .innerJoin(users, eq(users.id, approvals.approverId))
    .where(and(eq(approvals.batchId, batch.id), eq(approvals.batchVersion, batch.version)))
    .orderBy(asc(approvals.createdAt));
  const [rejecter] = batch.rejectedBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, batch.rejectedBy)) : [];

  const isMaker = batch.createdBy === input.viewer.id;
  // Separation of admin duties: the maker gave this viewer their role less than 24 hours ago.
  const grantedByMaker = !notGrantedByMaker(batch, (await recentGrantersOf(ctx, { userId: input.viewer.id, now })).map((grant) => grant.adminId)).allowed;
  const alreadyApproved = approvedBy.some((a) => a.approverId === input.viewer.id);
  const pending = batch.status === "pending_approval";
  const shortOfFunds = batch.status === "needs_attention" && (batch.attentionCode === "insufficient_funds" || batch.attentionCode === "payto_charge");
  const balance = pending || shortOfFunds ? await readBalance(input.client, batch.currency, batch.totalAmount) : null;
  let flags = await listBatchFlags(ctx, { batchId: batch.id });
  if (pending && balance?.kind === "known") {
    const short = await balanceShortFlag(ctx, { batchId: batch.id, currency: batch.currency, total: batch.totalAmount, available: balance.available });
    if (short) flags = withFlag(flags, short);
  }
  return {
    batch,
    payloadHash: (await db.select({ hash: batches.payloadHash }).from(batches).where(eq(batches.id, batch.id)))[0]?.hash ?? null,
    flags,
    approvals: approvedBy.map(({ approverName, approverEmail, at, payloadHash }) => ({ approverName, approverEmail, at, payloadHash })),
    rejectedBy: rejecter?.name ?? null,
    viewer: {
      isMaker,
      alreadyApproved,
      canDecide: pending && !isMaker && !alreadyApproved && !grantedByMaker && can(input.viewer.roles, "approvals.decide"),
      grantedByMaker,
      canRetry: mayRetrySubmission({ kind: "user", ...input.viewer }, batch).allowed,
      canCancel: mayCancelScheduled({ kind: "user", ...input.viewer }, batch, now).allowed,
    },
    balance,
  };
}
