import { and, eq, inArray } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { batches } from "../db/schema";
import { recordAudit, systemActor } from "../audit/record-audit";
import type { HelloCleverClient } from "../hello-clever/client";
import { findPayoutByExternalId } from "../hello-clever/find-payout-by-external-id";
import { applyPayoutInTransaction } from "../provider-sync/apply-payout";
import { submittedState } from "./submitted-state";
import { ATTENTION_MESSAGES, LOOKUP_ATTENTION_CODES, needsLookup } from "./attention-codes";

const ACTOR = systemActor("resolve-submission");

// The provider's clock may differ from ours: look a little either side of the attempt.
const LOOKUP_MARGIN_MS = 60 * 60 * 1000;
/**
 * "Not found" right after an unknown outcome may only mean "not processed yet" (a create the
 * provider is still working on): absence counts as certain only this long after the attempt.
 */
export const DEFAULT_ABSENT_AFTER_MS = 2 * 60 * 1000;

export type ResolveOutcome =
  | { kind: "skipped" }
  | { kind: "submitted"; providerUuid: string }
  | { kind: "not_at_provider" }
  | { kind: "too_early" }
  | { kind: "lookup_failed"; message: string };

/**
 * Resolves a submission Hello Clever may hold (outcome unknown, or refused with HC_PAYOUT1/2) by
 * looking the payout up by its external_id (the batch id): found → the whole payout (status,
 * error code, every transaction) is applied through the webhook's path, so a payout that already
 * finished finishes here too; certainly absent → `not_at_provider`, which a person may retry.
 * Idempotent and safe to run concurrently: every write is conditional on the state read.
 */
export async function resolveSubmission(ctx: ServiceContext, input: { client: HelloCleverClient; batchId: string; absentAfterMs?: number }): Promise<ResolveOutcome> {
  const { db, now } = ctx;
  const { client } = input;
  const [batch] = await db.select().from(batches).where(eq(batches.id, input.batchId));
  if (!batch || batch.status !== "needs_attention" || !needsLookup(batch.attentionCode)) return { kind: "skipped" };
  const attemptedAt = batch.submissionStartedAt ?? batch.updatedAt;

  let payout;
  try {
    payout = await findPayoutByExternalId(client, batch.id, {
      from: new Date(attemptedAt.getTime() - LOOKUP_MARGIN_MS),
      to: new Date(now().getTime() + LOOKUP_MARGIN_MS),
    });
  } catch (error) {
    // A failed lookup says nothing about the payout: stay unknown, the sweep looks again.
    return { kind: "lookup_failed", message: error instanceof Error ? error.message : String(error) };
  }
  const stillUnknown = and(eq(batches.id, batch.id), eq(batches.status, "needs_attention"), inArray(batches.attentionCode, [...LOOKUP_ATTENTION_CODES]));

  if (payout) {
    const at = now();
    return db.transaction(async (tx) => {
      const moved = await tx
        .update(batches)
        .set({ ...submittedState(payout, at, batch.submittedAt ?? at), attentionCode: null, attentionMessage: null, attentionDetails: null })
        .where(stillUnknown)
        .returning({ id: batches.id });
      if (moved.length === 0) return { kind: "skipped" } as const;
      await recordAudit(tx, {
        actor: ACTOR,
        action: "batch.submission_resolve",
        batchId: batch.id,
        before: { status: "needs_attention", attentionCode: batch.attentionCode },
        after: { status: "submitted", providerStatus: payout.status },
        details: { found: true, providerUuid: payout.uuid },
      });
      await applyPayoutInTransaction(tx, { batchId: batch.id, payout, source: "resolve" });
      return { kind: "submitted", providerUuid: payout.uuid } as const;
    });
  }

  if (now().getTime() - attemptedAt.getTime() < (input.absentAfterMs ?? DEFAULT_ABSENT_AFTER_MS)) return { kind: "too_early" };
  const at = now();
  return db.transaction(async (tx) => {
    const moved = await tx
      .update(batches)
      .set({ attentionCode: "not_at_provider", attentionMessage: ATTENTION_MESSAGES.not_at_provider, attentionDetails: { lookedUpAt: at.toISOString(), previousAttentionCode: batch.attentionCode }, updatedAt: at })
      .where(stillUnknown)
      .returning({ id: batches.id });
    if (moved.length === 0) return { kind: "skipped" } as const;
    await recordAudit(tx, {
      actor: ACTOR,
      action: "batch.submission_resolve",
      batchId: batch.id,
      before: { status: "needs_attention", attentionCode: batch.attentionCode },
      after: { status: "needs_attention", attentionCode: "not_at_provider" },
      details: { found: false },
    });
    return { kind: "not_at_provider" } as const;
  });
}
