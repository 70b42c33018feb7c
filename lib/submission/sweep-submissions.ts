import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { batches } from "../db/schema";
import { recordAudit, systemActor } from "../audit/record-audit";
import { ATTENTION_MESSAGES, LOOKUP_ATTENTION_CODES } from "./attention-codes";

/** Longer than the create timeout (30 s) by far: a live submit is never taken for a dead one. */
export const DEFAULT_STUCK_AFTER_MS = 5 * 60 * 1000;
/** An approved batch normally leaves `approved` within seconds of its job being enqueued. */
export const DEFAULT_LOST_AFTER_MS = 2 * 60 * 1000;

export type SweepResult = {
  /** Were `submitting` too long (the worker died mid-call): now needs_attention / outcome_unknown. */
  stuck: string[];
  /** needs_attention where Hello Clever may hold the payout (outcome unknown, HC_PAYOUT1/2): to be resolved by lookup. */
  unresolved: string[];
  /** `approved` too long (the submit job was lost): to be enqueued again. */
  approvedWithoutJob: string[];
};

/**
 * Repairs what a crash can leave behind around submission, for the resolve job's periodic run:
 * a submit whose worker died is marked outcome unknown (never re-sent), and the batches to look
 * up or to enqueue again are listed.
 */
export async function sweepSubmissions(ctx: ServiceContext, input: { stuckAfterMs?: number; lostAfterMs?: number } = {}): Promise<SweepResult> {
  const { db } = ctx;
  const now = ctx.now();
  const stuckBefore = new Date(now.getTime() - (input.stuckAfterMs ?? DEFAULT_STUCK_AFTER_MS));
  const stuck = await db.transaction(async (tx) => {
    const moved = await tx
      .update(batches)
      .set({ status: "needs_attention", attentionCode: "outcome_unknown", attentionMessage: ATTENTION_MESSAGES.outcome_unknown, attentionDetails: { reason: "the submission never finished (worker stopped)" }, updatedAt: now })
      .where(and(eq(batches.status, "submitting"), sql`coalesce(${batches.submissionStartedAt}, ${batches.updatedAt}) < ${stuckBefore.toISOString()}::timestamptz`))
      .returning({ id: batches.id, startedAt: batches.submissionStartedAt });
    for (const batch of moved) {
      await recordAudit(tx, {
        actor: systemActor("resolve-submission"),
        action: "batch.submission_fail",
        batchId: batch.id,
        before: { status: "submitting" },
        after: { status: "needs_attention", attentionCode: "outcome_unknown" },
        details: { reason: "stuck in submitting", startedAt: batch.startedAt },
      });
    }
    return moved.map((batch) => batch.id);
  });
  const unresolved = await db
    .select({ id: batches.id })
    .from(batches)
    .where(and(eq(batches.status, "needs_attention"), inArray(batches.attentionCode, [...LOOKUP_ATTENTION_CODES])));
  const lostBefore = new Date(now.getTime() - (input.lostAfterMs ?? DEFAULT_LOST_AFTER_MS));
  const approved = await db
    .select({ id: batches.id })
    .from(batches)
    .where(and(eq(batches.status, "approved"), lt(batches.updatedAt, lostBefore)));
  return { stuck, unresolved: unresolved.map((b) => b.id), approvedWithoutJob: approved.map((b) => b.id) };
}
