"use server";

import { revalidatePath } from "next/cache";
import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { approveBatch, type ApproveBatchResult } from "@/lib/approvals/approve-batch";
import { rejectBatch } from "@/lib/approvals/reject-batch";
import {
  approveBatchSchema,
  rejectBatchSchema,
  setApprovalThresholdSchema,
  type ApproveBatchInput,
  type RejectBatchInput,
  type SetApprovalThresholdInput,
} from "@/lib/approvals/schemas";
import { setApprovalThreshold } from "@/lib/approvals/set-approval-threshold";
import { currentRequestId, requirePermission } from "@/lib/auth/session";
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

/** Admins: the total above which a currency's batches need two approvals. */
export async function setApprovalThresholdAction(input: SetApprovalThresholdInput): Promise<ActionResult<{ currency: string; amount: string }>> {
  const parsed = setApprovalThresholdSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let result: { currency: string; amount: string };
  try {
    const user = await requirePermission("admin.manage");
    result = await setApprovalThreshold(getDb(), { ...parsed.data, admin: { id: user.id, label: user.email }, requestId: await currentRequestId() });
  } catch (error) {
    return toActionError(error, { action: "approval_threshold.set", currency: parsed.data.currency });
  }
  revalidatePath("/admin/thresholds");
  return { ok: true, data: result };
}
