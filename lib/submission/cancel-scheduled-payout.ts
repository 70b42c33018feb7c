import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import { batches, providerEvents, type Batch } from "../db/schema";
import { recordAudit } from "../audit/record-audit";
import type { Role } from "../auth/roles";
import type { HelloCleverClient } from "../hello-clever/client";
import { HelloCleverError, HelloCleverOutcomeUnknownError } from "../hello-clever/errors";
import { DomainError } from "../errors";

type Actor = { id: string; label: string; roles: readonly Role[] };

/** While Hello Clever still holds the payout unsent: created there, and its scheduled time ahead. */
export function canCancelScheduled(batch: Pick<Batch, "status" | "providerUuid" | "providerStatus" | "scheduledAt">, now: Date): boolean {
  return batch.status === "submitted" && batch.providerUuid !== null && batch.providerStatus === "created" && batch.scheduledAt !== null && batch.scheduledAt > now;
}

/** Who may cancel: the batch's maker or an admin. */
export function mayCancelScheduled(user: { id: string; roles: readonly Role[] }, makerId: string): boolean {
  return user.id === makerId || user.roles.includes("admin");
}

/**
 * "Cancel scheduled payout": asks Hello Clever to cancel a payout still waiting for its scheduled
 * time. The outcome (cancelled, refused or unknown) is audited and returned for the page.
 */
export async function cancelScheduledPayout(
  db: Db,
  client: HelloCleverClient,
  input: { batchId: string; actor: Actor; requestId?: string | null; now?: () => Date },
): Promise<{ providerStatus: string }> {
  const now = input.now ?? (() => new Date());
  const [batch] = await db.select().from(batches).where(eq(batches.id, input.batchId));
  if (!batch) throw new DomainError("not_found", "This batch does not exist");
  if (!mayCancelScheduled(input.actor, batch.createdBy)) throw new DomainError("forbidden", "Only the batch's maker or an admin can cancel its scheduled payout");
  if (!canCancelScheduled(batch, now())) {
    throw new DomainError("conflict", "This payout can no longer be cancelled: Hello Clever is no longer holding it for a later time");
  }
  const audit = (tx: Db, after: unknown, details: Record<string, unknown>) =>
    recordAudit(tx, {
      actor: { kind: "user", id: input.actor.id, label: input.actor.label },
      action: "batch.cancel_scheduled",
      batchId: batch.id,
      before: { status: batch.status, providerStatus: batch.providerStatus },
      after,
      details: { providerUuid: batch.providerUuid, ...details },
      requestId: input.requestId,
    });

  let result;
  try {
    result = await client.cancelScheduledPayout(batch.providerUuid!);
  } catch (error) {
    const outcome = error instanceof HelloCleverOutcomeUnknownError ? "unknown" : "refused";
    await audit(db, { status: batch.status, providerStatus: batch.providerStatus }, { outcome, error: error instanceof Error ? error.message : String(error) });
    if (outcome === "unknown") {
      throw new DomainError("unavailable", "Hello Clever did not answer clearly, so the payout may or may not be cancelled. Its status will update here once Hello Clever reports it");
    }
    const reason = error instanceof HelloCleverError ? error.message : "the request failed";
    throw new DomainError("conflict", `Hello Clever did not cancel the payout: ${reason}`);
  }

  const at = now();
  await db.transaction(async (tx) => {
    // Forward-only: only a batch still submitted/created moves; a webhook that got further wins.
    await tx
      .update(batches)
      .set({ status: "cancelled", providerStatus: "cancelled", updatedAt: at })
      .where(and(eq(batches.id, batch.id), eq(batches.status, "submitted"), eq(batches.providerStatus, "created")));
    await tx.insert(providerEvents).values({ batchId: batch.id, source: "cancel", providerStatus: result.status, outcome: "applied", detail: { uuid: batch.providerUuid } });
    await audit(tx, { status: "cancelled", providerStatus: "cancelled" }, { outcome: "cancelled", providerAnswer: result.status });
  });
  return { providerStatus: result.status };
}
