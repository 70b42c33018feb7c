import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import { withDb, type ServiceContext } from "../context";
import { approvals, batches, type Batch } from "../db/schema";
import { DomainError } from "../errors";
import { can } from "../policy/can";
import { notGrantedByMaker } from "../policy/batches";
import { enforce } from "../policy/decision";
import { recentGrantersOf } from "../users/role-grants";
import { auditActor } from "./audit-actor";

export type ApproveBatchInput = {
  batchId: string;
  /** The batch version the approver reviewed. */
  version: number;
  /** The payload hash the approver was shown; when given it must be the batch's current one. */
  payloadHash?: string;
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
 * Records one approval, with the payload hash it approved; the final one (approvalsNeeded
 * distinct approvers of the same version) moves the batch pending_approval → approved and
 * enqueues its submission. Rules: `can(ctx, "batch.approve", batch)` under the row lock.
 */
export async function approveBatch(ctx: ServiceContext, input: ApproveBatchInput, queue: SubmitQueue): Promise<ApproveBatchResult> {
  const now = ctx.now();
  let result: ApproveBatchResult;
  try {
    result = await ctx.db.transaction(async (tx) => {
      // Row lock: concurrent approvers of one batch see each other's approval and only one moves it.
      const [batch] = await tx.select().from(batches).where(eq(batches.id, input.batchId)).for("update");
      if (!batch) throw new DomainError("not_found", "This batch does not exist");
      const decision = can(ctx, "batch.approve", batch);
      if (!decision.allowed && decision.reason === "wrong_state") throw new DomainError("conflict", notPendingMessage(batch.status));
      if (!decision.allowed && decision.reason === "maker_checker") {
        throw new DomainError("forbidden", "You made this batch, so someone else must approve it (maker-checker)");
      }
      enforce(decision);
      // Separation of admin duties (issue 13): not a batch made by whoever gave the approver their role within 24 hours.
      const grantedBy = (await recentGrantersOf(withDb(ctx, tx), { userId: ctx.actor.id, now })).map((grant) => grant.adminId);
      enforce(notGrantedByMaker(batch, grantedBy));
      if (batch.version !== input.version) {
        throw new DomainError("conflict", "This batch was edited after you opened it. Review the current version, then approve again");
      }
      if (input.payloadHash && batch.payloadHash && input.payloadHash !== batch.payloadHash) {
        throw new DomainError("conflict", "What this batch would send changed after you opened it. Review the current version, then approve again");
      }
      if (batch.approvalExpiresAt && batch.approvalExpiresAt <= now) {
        throw new DomainError("conflict", "This batch waited too long for approval and has expired; it can no longer be approved");
      }
      const added = await tx
        .insert(approvals)
        .values({ batchId: batch.id, approverId: ctx.actor.id, batchVersion: batch.version, payloadHash: batch.payloadHash })
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
        actor: auditActor(ctx),
        action: "batch.approve",
        batchId: batch.id,
        before: { status: batch.status, approvals: count - 1 },
        after: { status, approvals: count },
        details: { version: batch.version, approvalsNeeded: batch.approvalsNeeded, payloadHash: batch.payloadHash },
        requestId: ctx.requestId,
      });
      return { status, approvals: count, approvalsNeeded: batch.approvalsNeeded };
    });
  } catch (error) {
    if (error instanceof DomainError && error.details?.reason === "granted_by_maker") {
      // Refused, and recorded: an approval a freshly made approver tried on their granter's batch.
      await recordAudit(ctx.db, { actor: auditActor(ctx), action: "batch.approve_refused", batchId: input.batchId, details: { reason: "granted_by_maker" }, requestId: ctx.requestId });
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
      ctx.log.warn({ err: error, batchId: input.batchId }, "submission.enqueue_failed");
    });
  }
  return result;
}
