import { z } from "zod";

// Client-safe: the approval panel's forms and the server actions parse with the same schemas.

/** Policy (DESIGN "Maker-checker"): a batch above its currency's threshold needs two approvals. */
export const DEFAULT_APPROVAL_THRESHOLD = "10000";

export const approveBatchSchema = z.object({
  batchId: z.uuid("Batch id is not valid"),
  // The version the approver looked at: an approval of a batch edited meanwhile is refused.
  version: z.number().int().min(1),
  // The payload hash the approver was shown (issue 17): refused if the batch would now send something else.
  payloadHash: z.string().regex(/^[0-9a-f]{64}$/, "Payload hash: 64 hex characters").optional(),
});
export type ApproveBatchInput = z.infer<typeof approveBatchSchema>;

export const rejectBatchSchema = z.object({
  batchId: z.uuid("Batch id is not valid"),
  reason: z
    .string({ error: "Reason is required" })
    .trim()
    .min(5, "Reason: say why, in at least 5 characters")
    .max(500, "Reason: at most 500 characters"),
});
export type RejectBatchInput = z.infer<typeof rejectBatchSchema>;

export const batchIdSchema = z.object({ batchId: z.uuid("Batch id is not valid") });
export type BatchIdInput = z.infer<typeof batchIdSchema>;

export const setApprovalThresholdSchema = z.object({
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3,4}$/, "Currency: a 3- or 4-letter code such as PHP"),
  amount: z
    .string()
    .trim()
    .regex(/^\d{1,15}(\.\d{1,4})?$/, "Amount: a plain number such as 10000 or 2500.50"),
});
export type SetApprovalThresholdInput = z.infer<typeof setApprovalThresholdSchema>;
