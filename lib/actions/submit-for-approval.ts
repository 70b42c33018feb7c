"use server";

import { defineAction } from "@/lib/actions/define-action";
import { submitForApprovalSchema } from "@/lib/batches/schemas";
import { submitForApproval } from "@/lib/batches/submit-for-approval";
import { getEnv } from "@/lib/env";
import { DomainError } from "@/lib/errors";

/**
 * "Submit for approval": re-validates the saved draft on the server and moves it to
 * pending_approval. Refused rows and header fields come back in `details` (the marks the verb
 * stored are kept: the refusal is raised after its transaction committed).
 */
export const submitForApprovalAction = defineAction(
  {
    name: "batch.submit_for_approval",
    schema: submitForApprovalSchema,
    permission: "batches.edit",
    revalidate: (input) => ["/batches", "/approvals", `/batches/${input.batchId}`],
  },
  async (ctx, input) => {
    const result = await submitForApproval(ctx, { ...input, approvalExpiryDays: getEnv().APPROVAL_EXPIRY_DAYS });
    if (result.kind === "invalid") {
      const rows = result.rowErrors.length;
      const header = Object.entries(result.headerErrors).map(([field, messages]) => `${FIELD_LABELS[field] ?? field}: ${messages.join(", ")}`);
      const message = [
        ...(rows > 0 ? [`${rows.toLocaleString("en-US")} transaction${rows === 1 ? " has" : "s have"} errors; fix or remove ${rows === 1 ? "it" : "them"} and submit again`] : []),
        ...header,
      ].join(". ");
      throw new DomainError("invalid", message || "Check the highlighted fields", { rowErrors: result.rowErrors, headerErrors: result.headerErrors });
    }
    return { approvalsNeeded: result.approvalsNeeded };
  },
);

const FIELD_LABELS: Record<string, string> = { description: "Description", scheduledAt: "Scheduled at", methodName: "Payout method", transactions: "Transactions" };
