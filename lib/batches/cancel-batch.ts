import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { batches } from "../db/schema";
import { lockDraftForMaker } from "./lock-draft-for-maker";

/** "Cancel batch": a draft, by its maker only (DESIGN: cancelled is reachable from draft only). Rows are kept for the record. */
export async function cancelBatch(db: Db, input: { actor: { id: string; label: string }; batchId: string; requestId?: string | null }): Promise<void> {
  await db.transaction(async (tx) => {
    const draft = await lockDraftForMaker(tx, { batchId: input.batchId, actorId: input.actor.id, action: "cancel" });
    await tx
      .update(batches)
      .set({ status: "cancelled", updatedAt: sql`now()` })
      .where(and(eq(batches.id, draft.id), eq(batches.status, "draft")));
    await recordAudit(tx, {
      actor: { kind: "user", ...input.actor },
      action: "batch.cancel",
      batchId: draft.id,
      before: { status: "draft", version: draft.version },
      after: { status: "cancelled", version: draft.version },
      requestId: input.requestId ?? null,
    });
  });
}
