import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import { batches } from "../db/schema";
import { recordAudit } from "../audit/record-audit";
import { DomainError } from "../errors";

export type RejectBatchInput = {
  batchId: string;
  /** Already trimmed and 5..500 characters (rejectBatchSchema). */
  reason: string;
  rejecter: { id: string; label: string };
  requestId?: string | null;
  now?: Date;
};

/** Rejects a batch waiting for approval, with a reason the maker sees. */
export async function rejectBatch(db: Db, input: RejectBatchInput): Promise<void> {
  const now = input.now ?? new Date();
  await db.transaction(async (tx) => {
    const [batch] = await tx.select().from(batches).where(eq(batches.id, input.batchId)).for("update");
    if (!batch) throw new DomainError("not_found", "This batch does not exist");
    // Maker-checker: deciding on a batch is for someone other than its maker.
    if (batch.createdBy === input.rejecter.id) {
      throw new DomainError("forbidden", "You made this batch, so someone else must decide on it (maker-checker)");
    }
    if (batch.status !== "pending_approval") {
      throw new DomainError("conflict", `This batch is no longer waiting for approval (it is ${batch.status.replaceAll("_", " ")})`);
    }
    await tx
      .update(batches)
      .set({ status: "rejected", rejectionReason: input.reason, rejectedBy: input.rejecter.id, rejectedAt: now, updatedAt: now })
      .where(and(eq(batches.id, batch.id), eq(batches.status, "pending_approval")));
    await recordAudit(tx, {
      actor: { kind: "user", ...input.rejecter },
      action: "batch.reject",
      batchId: batch.id,
      before: { status: batch.status },
      after: { status: "rejected" },
      details: { reason: input.reason, version: batch.version },
      requestId: input.requestId,
    });
  });
}
