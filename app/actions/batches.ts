"use server";

import { revalidatePath } from "next/cache";
import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { requirePermission, currentRequestId } from "@/lib/auth/session";
import { cancelBatch } from "@/lib/batches/cancel-batch";
import { saveDraft, type SaveDraftResult } from "@/lib/batches/save-draft";
import {
  cancelBatchSchema,
  saveDraftSchema,
  submitForApprovalSchema,
  type CancelBatchInput,
  type SaveDraftInput,
  type SubmitForApprovalInput,
} from "@/lib/batches/schemas";
import { submitForApproval } from "@/lib/batches/submit-for-approval";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";

// Typed for callers, parsed anyway: every action is a public POST endpoint.

/** "Save draft": creates or replaces the caller's draft; invalid rows are stored with their errors. */
export async function saveDraftAction(input: SaveDraftInput): Promise<ActionResult<SaveDraftResult>> {
  const parsed = saveDraftSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let result: SaveDraftResult;
  try {
    const user = await requirePermission("batches.edit");
    const started = performance.now();
    result = await saveDraft(getDb(), { ...parsed.data, actor: { id: user.id, label: user.email }, requestId: await currentRequestId() });
    log.info({ batchId: result.batchId, rows: result.transactionCount, invalid: result.invalidCount, ms: Math.round(performance.now() - started) }, "batch.draft_saved");
  } catch (error) {
    return toActionError(error, { action: "batch.save_draft", batchId: parsed.data.batchId });
  }
  // No revalidatePath: it would re-render the page under the open editor (resetting its tab,
  // scroll and messages), and every batches page is dynamic, so none holds a stale copy.
  return { ok: true, data: result };
}

/** "Submit for approval": re-validates the saved draft on the server and moves it to pending_approval. */
export async function submitForApprovalAction(input: SubmitForApprovalInput): Promise<ActionResult<{ approvalsNeeded: number }>> {
  const parsed = submitForApprovalSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const user = await requirePermission("batches.edit");
    const result = await submitForApproval(getDb(), {
      ...parsed.data,
      actor: { id: user.id, label: user.email },
      requestId: await currentRequestId(),
      approvalExpiryDays: getEnv().APPROVAL_EXPIRY_DAYS,
    });
    if (result.kind === "invalid") {
      const rows = result.rowErrors.length;
      return {
        ok: false,
        code: "invalid",
        message: rows > 0 ? `${rows.toLocaleString("en-US")} transaction${rows === 1 ? " has" : "s have"} errors; fix or remove ${rows === 1 ? "it" : "them"} and submit again` : "Check the highlighted fields",
        fieldErrors: result.headerErrors,
        details: { rowErrors: result.rowErrors },
      };
    }
    revalidatePath("/batches");
    revalidatePath("/approvals");
    revalidatePath(`/batches/${parsed.data.batchId}`);
    return { ok: true, data: { approvalsNeeded: result.approvalsNeeded } };
  } catch (error) {
    return toActionError(error, { action: "batch.submit_for_approval", batchId: parsed.data.batchId });
  }
}

/** "Cancel batch": the maker's draft only. */
export async function cancelBatchAction(input: CancelBatchInput): Promise<ActionResult> {
  const parsed = cancelBatchSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const user = await requirePermission("batches.edit");
    await cancelBatch(getDb(), { ...parsed.data, actor: { id: user.id, label: user.email }, requestId: await currentRequestId() });
  } catch (error) {
    return toActionError(error, { action: "batch.cancel", batchId: parsed.data.batchId });
  }
  revalidatePath("/batches");
  revalidatePath(`/batches/${parsed.data.batchId}`);
  return { ok: true, data: null };
}
