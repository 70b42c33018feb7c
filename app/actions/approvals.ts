"use server";

import { revalidatePath } from "next/cache";
import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { batchIdSchema, setApprovalThresholdSchema, type BatchIdInput, type SetApprovalThresholdInput } from "@/lib/approvals/schemas";
import { setApprovalThreshold } from "@/lib/approvals/set-approval-threshold";
import { currentRequestId, requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { enqueueSubmitBatch } from "@/lib/jobs/submit-batch-job";
import { getBoss, getHelloCleverClient } from "@/lib/runtime";
import { cancelScheduledPayout } from "@/lib/submission/cancel-scheduled-payout";
import { retrySubmission } from "@/lib/submission/retry-submission";

// Approve and reject live in lib/actions/approve-batch.ts and reject-batch.ts (defineAction).
// Typed for callers, parsed anyway: every action is a public POST endpoint, so the rules
// (maker-checker above all) are enforced here and in lib, never only by hiding a button.

const submitQueue = { enqueueSubmit: (batchId: string) => enqueueSubmitBatch(getBoss(), batchId) };

function revalidateBatch(batchId: string): void {
  revalidatePath("/approvals");
  revalidatePath("/batches");
  revalidatePath(`/batches/${batchId}`);
}

/** "Retry submission": only where Hello Clever certainly holds nothing (checked in lib). */
export async function retrySubmissionAction(input: BatchIdInput): Promise<ActionResult> {
  const parsed = batchIdSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const user = await requirePermission("batches.view");
    await retrySubmission(getDb(), { ...parsed.data, actor: { id: user.id, label: user.email, roles: user.roles }, requestId: await currentRequestId() }, submitQueue);
  } catch (error) {
    return toActionError(error, { action: "batch.submission_retry", batchId: parsed.data.batchId });
  }
  revalidateBatch(parsed.data.batchId);
  return { ok: true, data: null };
}

/** "Cancel scheduled payout": the maker or an admin, while Hello Clever still holds it unsent. */
export async function cancelScheduledPayoutAction(input: BatchIdInput): Promise<ActionResult<{ providerStatus: string }>> {
  const parsed = batchIdSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let result: { providerStatus: string };
  try {
    const user = await requirePermission("batches.view");
    result = await cancelScheduledPayout(getDb(), getHelloCleverClient(), {
      ...parsed.data,
      actor: { id: user.id, label: user.email, roles: user.roles },
      requestId: await currentRequestId(),
    });
  } catch (error) {
    return toActionError(error, { action: "batch.cancel_scheduled", batchId: parsed.data.batchId });
  }
  revalidateBatch(parsed.data.batchId);
  return { ok: true, data: result };
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
