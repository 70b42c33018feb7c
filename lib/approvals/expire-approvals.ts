import { and, eq, sql } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { batches } from "../db/schema";
import { recordAudit, systemActor } from "../audit/record-audit";

/**
 * Moves batches that waited for approval past their deadline to `approval_expired`. The deadline
 * is approvalExpiresAt, or submittedForApprovalAt + expiryDays when it was never set.
 */
export async function expireApprovals(ctx: ServiceContext, input: { expiryDays: number }): Promise<string[]> {
  const now = ctx.now();
  const deadline = sql`coalesce(${batches.approvalExpiresAt}, ${batches.submittedForApprovalAt} + make_interval(days => ${input.expiryDays}::int))`;
  return ctx.db.transaction(async (tx) => {
    // Conditional on the status: an approval holding the row lock wins, and this skips the batch.
    const expired = await tx
      .update(batches)
      .set({ status: "approval_expired", updatedAt: now })
      .where(and(eq(batches.status, "pending_approval"), sql`${deadline} <= ${now.toISOString()}::timestamptz`))
      .returning({ id: batches.id, approvalExpiresAt: batches.approvalExpiresAt });
    for (const batch of expired) {
      await recordAudit(tx, {
        actor: systemActor("expire-approvals"),
        action: "batch.approval_expire",
        batchId: batch.id,
        before: { status: "pending_approval" },
        after: { status: "approval_expired" },
        details: { deadline: batch.approvalExpiresAt, expiryDays: input.expiryDays },
      });
    }
    return expired.map((batch) => batch.id);
  });
}
