import type { ServiceContext } from "../context";
import { cancelBatch } from "../batches/cancel-batch";
import { saveDraft, type SaveDraftParams, type SaveDraftResult } from "../batches/save-draft";
import { submitForApproval, type SubmitForApprovalParams, type SubmitForApprovalResult } from "../batches/submit-for-approval";

// Thin adapters from the (ctx, input) shape to the batch verbs as they are on this branch; the
// editor branch moves those verbs to (ctx, input), and these become direct calls at merge.

const actorOf = (ctx: ServiceContext) => ({ id: ctx.actor.id, label: ctx.actor.label });

export function saveDraftAs(ctx: ServiceContext, input: Omit<SaveDraftParams, "actor" | "requestId">): Promise<SaveDraftResult> {
  return saveDraft(ctx.db, { ...input, actor: actorOf(ctx), requestId: ctx.requestId });
}

export function submitForApprovalAs(ctx: ServiceContext, input: Omit<SubmitForApprovalParams, "actor" | "requestId" | "now">): Promise<SubmitForApprovalResult> {
  return submitForApproval(ctx.db, { ...input, actor: actorOf(ctx), requestId: ctx.requestId, now: ctx.now });
}

export function cancelDraftAs(ctx: ServiceContext, input: { batchId: string }): Promise<void> {
  return cancelBatch(ctx.db, { actor: actorOf(ctx), batchId: input.batchId, requestId: ctx.requestId });
}
