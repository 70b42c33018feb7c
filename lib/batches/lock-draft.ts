import { eq } from "drizzle-orm";
import type { ServiceContext } from "../context";
import type { Db } from "../db";
import { batches, type Batch } from "../db/schema";
import { DomainError } from "../errors";
import { can } from "../policy/can";
import { enforce } from "../policy/decision";

/**
 * Locks a batch for a change to its draft (inside a transaction) and asks the policy
 * (`batch.edit`: its maker, only while a draft) under that lock.
 */
export async function lockDraft(ctx: ServiceContext, tx: Db, batchId: string): Promise<Batch> {
  // Row lock: two tabs saving one draft apply one after the other, each seeing the other's version.
  const [batch] = await tx.select().from(batches).where(eq(batches.id, batchId)).for("update");
  if (!batch) throw new DomainError("not_found", `Batch ${batchId} not found`);
  enforce(can(ctx, "batch.edit", batch));
  return batch;
}

/** The audit trail's actor for a person or key acting through a context. */
export function auditActor(ctx: ServiceContext) {
  return ctx.actor.kind === "user" ? ({ kind: "user", id: ctx.actor.id, label: ctx.actor.label } as const) : ({ kind: "system", label: ctx.actor.label } as const);
}
