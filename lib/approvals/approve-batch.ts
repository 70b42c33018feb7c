import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import { approvals, batches, type Batch } from "../db/schema";
import { recordAudit } from "../audit/record-audit";
import { DomainError } from "../errors";
import { log } from "../log";
import { notGrantedByMaker } from "../policy/batches";
import { enforce } from "../policy/decision";
import { recentGrantersOf } from "../users/role-grants";

export type ApproveBatchInput = {
  batchId: string;
  /** The batch version the approver reviewed. */
  version: number;
  approver: { id: string; label: string };
  requestId?: string | null;
  now?: Date;
};

export type ApproveBatchResult = { status: "pending_approval" | "approved"; approvals: number; approvalsNeeded: number };

export type SubmitQueue = { enqueueSubmit: (batchId: string) => Promise<unknown> };

/** Why an approval cannot be recorded now, for a batch that is no longer waiting for one. */
function notPendingMessage(status: Batch["status"]): string {
  switch (status) {
    case "draft":
      return "This batch was sent back to draft for editing; it can be approved once it is submitted again";
    case "rejected":
      return "This batch was rejected meanwhile, so it can no longer be approved";
    case "cancelled":
      return "This batch was cancelled meanwhile, so it can no longer be approved";
    case "approval_expired":
      return "This batch waited too long for approval and has expired; it can no longer be approved";
    default:
      return "This batch has already been approved";
  }
}

// The approvals_maker_checker trigger (migration 0001) raises check_violation for the maker.
function isMakerCheckerViolation(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (code === "23514" && current.message.includes("maker-checker")) return true;
  }
  return false;
}

/**
 * Records one approval; the final one (approvalsNeeded distinct approvers of the same version)
 * moves the batch pending_approval → approved and enqueues its submission.
 */
export async function approveBatch(db: Db, input: ApproveBatchInput, queue: SubmitQueue): Promise<ApproveBatchResult> {
  const now = input.now ?? new Date();
  let result: ApproveBatchResult;
  try {
    result = await db.transaction(async (tx) => {
      // Row lock: concurrent approvers of one batch see each other's approval and only one moves it.
      const [batch] = await tx.select().from(batches).where(eq(batches.id, input.batchId)).for("update");
      if (!batch) throw new DomainError("not_found", "This batch does not exist");
      // Maker-checker, whatever roles the maker holds (the database refuses it too).
      if (batch.createdBy === input.approver.id) {
        throw new DomainError("forbidden", "You made this batch, so someone else must approve it (maker-checker)");
      }
      // Separation of admin duties (issue 13): not a batch made by whoever gave the approver their role within 24 hours.
      const grantedBy = (await recentGrantersOf(tx, { userId: input.approver.id, now })).map((grant) => grant.adminId);
      enforce(notGrantedByMaker(batch, grantedBy));
      if (batch.status !== "pending_approval") throw new DomainError("conflict", notPendingMessage(batch.status));
      if (batch.version !== input.version) {
        throw new DomainError("conflict", "This batch was edited after you opened it. Review the current version, then approve again");
      }
      if (batch.approvalExpiresAt && batch.approvalExpiresAt <= now) {
        throw new DomainError("conflict", "This batch waited too long for approval and has expired; it can no longer be approved");
      }
      const added = await tx
        .insert(approvals)
        .values({ batchId: batch.id, approverId: input.approver.id, batchVersion: batch.version })
        .onConflictDoNothing()
        .returning({ id: approvals.id });
      if (added.length === 0) throw new DomainError("conflict", "You have already approved this batch");
      const count = await tx.$count(approvals, and(eq(approvals.batchId, batch.id), eq(approvals.batchVersion, batch.version)));
      let status: ApproveBatchResult["status"] = "pending_approval";
      if (count >= batch.approvalsNeeded) {
        const moved = await tx
          .update(batches)
          .set({ status: "approved", updatedAt: now })
          .where(and(eq(batches.id, batch.id), eq(batches.status, "pending_approval"), eq(batches.version, batch.version)))
          .returning({ id: batches.id });
        if (moved.length === 0) throw new DomainError("conflict", "This batch changed while you were approving it; reload and try again");
        status = "approved";
      }
      await recordAudit(tx, {
        actor: { kind: "user", ...input.approver },
        action: "batch.approve",
        batchId: batch.id,
        before: { status: batch.status, approvals: count - 1 },
        after: { status, approvals: count },
        details: { version: batch.version, approvalsNeeded: batch.approvalsNeeded },
        requestId: input.requestId,
      });
      return { status, approvals: count, approvalsNeeded: batch.approvalsNeeded };
    });
  } catch (error) {
    if (error instanceof DomainError && error.details?.reason === "granted_by_maker") {
      // Refused, and recorded: an approval a freshly made approver tried on their granter's batch.
      await recordAudit(db, { actor: { kind: "user", ...input.approver }, action: "batch.approve_refused", batchId: input.batchId, details: { reason: "granted_by_maker" }, requestId: input.requestId });
    }
    if (isMakerCheckerViolation(error)) {
      throw new DomainError("forbidden", "You made this batch, so someone else must approve it (maker-checker)");
    }
    throw error;
  }
  if (result.status === "approved") {
    // After the commit: a lost enqueue (crash, queue down) is repaired by the submission sweep,
    // and submitting is idempotent, so the approval itself stands either way.
    await queue.enqueueSubmit(input.batchId).catch((error: unknown) => {
      log.warn({ err: error, batchId: input.batchId }, "submission.enqueue_failed");
    });
  }
  return result;
}
