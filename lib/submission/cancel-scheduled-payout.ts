import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { ServiceContext } from "../context";
import type { Db } from "../db";
import { batches, providerEvents, type Batch } from "../db/schema";
import { DomainError } from "../errors";
import type { HelloCleverClient } from "../hello-clever/client";
import { HelloCleverError, HelloCleverOutcomeUnknownError } from "../hello-clever/errors";
import { can } from "../policy/can";
import { enforce } from "../policy/decision";

type Outcome = { kind: "cancelled"; providerStatus: string } | { kind: "unknown"; message: string } | { kind: "refused"; message: string };

/**
 * "Cancel scheduled payout": asks Hello Clever to cancel a payout still waiting for its scheduled
 * time. The batch row stays locked from the rule check to the recorded outcome, so two cancels at
 * once reach the provider one after the other: the second finds the batch already cancelled (or
 * the first one's refusal) and is refused by the same rule (lib/policy mayCancelScheduled).
 * The outcome (cancelled, refused or unknown) is audited and returned for the page.
 */
export async function cancelScheduledPayout(ctx: ServiceContext, input: { batchId: string }, deps: { client: HelloCleverClient }): Promise<{ providerStatus: string }> {
  const outcome = await ctx.db.transaction(async (tx): Promise<Outcome> => {
    const [batch] = await tx.select().from(batches).where(eq(batches.id, input.batchId)).for("update");
    if (!batch) throw new DomainError("not_found", "This batch does not exist");
    enforce(can(ctx, "batch.cancel_scheduled", batch));
    const audit = (after: unknown, details: Record<string, unknown>) =>
      recordAudit(tx, {
        actor: { kind: "user", id: ctx.actor.id, label: ctx.actor.label },
        action: "batch.cancel_scheduled",
        batchId: batch.id,
        before: { status: batch.status, providerStatus: batch.providerStatus },
        after,
        details: { providerUuid: batch.providerUuid, ...details },
        requestId: ctx.requestId,
      });
    let result;
    try {
      result = await deps.client.cancelScheduledPayout(batch.providerUuid!, { currency: batch.currency });
    } catch (error) {
      const unknown = error instanceof HelloCleverOutcomeUnknownError;
      await audit({ status: batch.status, providerStatus: batch.providerStatus }, { outcome: unknown ? "unknown" : "refused", error: error instanceof Error ? error.message : String(error) });
      const reason = error instanceof HelloCleverError ? error.message : "the request failed";
      return unknown ? { kind: "unknown", message: reason } : { kind: "refused", message: reason };
    }
    await markCancelled(tx, batch, result.status, ctx.actor.label);
    await audit({ status: "cancelled", providerStatus: "cancelled" }, { outcome: "cancelled", providerAnswer: result.status });
    return { kind: "cancelled", providerStatus: result.status };
  });
  if (outcome.kind === "unknown") {
    throw new DomainError("unavailable", "Hello Clever did not answer clearly, so the payout may or may not be cancelled. Its status will update here once Hello Clever reports it");
  }
  if (outcome.kind === "refused") throw new DomainError("conflict", `Hello Clever did not cancel the payout: ${outcome.message}`);
  return { providerStatus: outcome.providerStatus };
}

/** The batch is cancelled; the timeline says so, and who asked for it (`by`). */
async function markCancelled(tx: Db, batch: Batch, answer: string, by: string): Promise<void> {
  await tx.update(batches).set({ status: "cancelled", providerStatus: "cancelled", updatedAt: new Date() }).where(eq(batches.id, batch.id));
  await tx.insert(providerEvents).values({ batchId: batch.id, source: "cancel", providerStatus: answer, outcome: "applied", detail: { uuid: batch.providerUuid, by } });
}
