"use server";

import { defineAction } from "@/lib/actions/define-action";
import { setApprovalThresholdSchema } from "@/lib/approvals/schemas";
import { setApprovalThreshold } from "@/lib/approvals/set-approval-threshold";

/** Admins: the total above which a currency's batches need two approvals (step-up). */
export const setApprovalThresholdAction = defineAction(
  { name: "approval_threshold.set", schema: setApprovalThresholdSchema, permission: "admin.manage", stepUp: true, revalidate: () => ["/admin/thresholds"] },
  (ctx, input) => setApprovalThreshold(ctx, input),
);
