import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { ServiceContext } from "../context";
import { batches } from "../db/schema";
import { auditActor, lockDraft } from "./lock-draft";

/** "Cancel batch": a draft, by its maker only (DESIGN: cancelled is reachable from draft only). Rows are kept for the record. */
export async function cancelBatch(ctx: ServiceContext, input: { batchId: string }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const draft = await lockDraft(ctx, tx, input.batchId);
    await tx
      .update(batches)
      .set({ status: "cancelled", updatedAt: sql`now()` })
      .where(and(eq(batches.id, draft.id), eq(batches.status, "draft")));
    await recordAudit(tx, {
      actor: auditActor(ctx),
      action: "batch.cancel",
      batchId: draft.id,
      before: { status: "draft", version: draft.version },
      after: { status: "cancelled", version: draft.version },
      requestId: ctx.requestId,
    });
  });
}
