"use server";

import { revalidatePath } from "next/cache";
import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { approveBatch, type ApproveBatchResult } from "@/lib/approvals/approve-batch";
import { rejectBatch } from "@/lib/approvals/reject-batch";
import {
  approveBatchSchema,
  rejectBatchSchema,
  type ApproveBatchInput,
  type RejectBatchInput,
} from "@/lib/approvals/schemas";
import { currentRequestId, requirePermission } from "@/lib/auth/session";
import { requireRecentStepUpFor } from "@/lib/auth/step-up";
import { getDb } from "@/lib/db";
import { enqueueSubmitBatch } from "@/lib/jobs/submit-batch-job";
import { getBoss } from "@/lib/runtime";

// Typed for callers, parsed anyway: every action is a public POST endpoint, so the rules
// (maker-checker above all) are enforced here and in lib, never only by hiding a button.

const submitQueue = { enqueueSubmit: (batchId: string) => enqueueSubmitBatch(getBoss(), batchId) };

function revalidateBatch(batchId: string): void {
  revalidatePath("/approvals");
  revalidatePath("/batches");
  revalidatePath(`/batches/${batchId}`);
}

/** "Approve": one approval; the final one queues the submission to Hello Clever. */
export async function approveBatchAction(input: ApproveBatchInput): Promise<ActionResult<ApproveBatchResult>> {
  const parsed = approveBatchSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let result: ApproveBatchResult;
  try {
    const user = await requirePermission("approvals.decide");
    await requireRecentStepUpFor(user); // step-up (issue 13): a second factor within 5 minutes
    result = await approveBatch(getDb(), { ...parsed.data, approver: { id: user.id, label: user.email }, requestId: await currentRequestId() }, submitQueue);
  } catch (error) {
    return toActionError(error, { action: "batch.approve", batchId: parsed.data.batchId });
  }
  revalidateBatch(parsed.data.batchId);
  return { ok: true, data: result };
}

/** "Reject": with a reason the maker sees. */
export async function rejectBatchAction(input: RejectBatchInput): Promise<ActionResult> {
  const parsed = rejectBatchSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const user = await requirePermission("approvals.decide");
    await rejectBatch(getDb(), { ...parsed.data, rejecter: { id: user.id, label: user.email }, requestId: await currentRequestId() });
  } catch (error) {
    return toActionError(error, { action: "batch.reject", batchId: parsed.data.batchId });
  }
  revalidateBatch(parsed.data.batchId);
  return { ok: true, data: null };
}
