import { eq } from "drizzle-orm";
import type { Db } from "../db";
import { batches, type Batch } from "../db/schema";
import { DomainError } from "../errors";

/**
 * Locks a draft for a change by its maker (call inside a transaction). Drafts are edited,
 * submitted and cancelled by their maker only; any other status is past editing.
 */
export async function lockDraftForMaker(tx: Db, input: { batchId: string; actorId: string; action: "edit" | "submit" | "cancel" }): Promise<Batch> {
  // Row lock: two tabs saving one draft must apply one after the other, each seeing the other's version.
  const [batch] = await tx.select().from(batches).where(eq(batches.id, input.batchId)).for("update");
  if (!batch) throw new DomainError("not_found", `Batch ${input.batchId} not found`);
  if (batch.createdBy !== input.actorId) throw new DomainError("forbidden", `Only the person who created this batch can ${input.action} it`);
  if (batch.status !== "draft") throw new DomainError("conflict", `This batch is ${batch.status.replace(/_/g, " ")}, so it can no longer be ${PAST[input.action]}`);
  return batch;
}

const PAST = { edit: "edited", submit: "submitted for approval", cancel: "cancelled" } as const;
