"use server";

import { batchIdSchema } from "../approvals/schemas";
import { enqueueSubmitBatch } from "../jobs/submit-batch-job";
import { getBoss } from "../runtime";
import { retrySubmission } from "../submission/retry-submission";
import { defineAction } from "./define-action";

/** "Retry submission": only where Hello Clever certainly holds nothing (lib/policy mayRetrySubmission, under the row lock). */
export const retrySubmissionAction = defineAction(
  {
    name: "batch.submission_retry",
    schema: batchIdSchema,
    permission: "batches.view",
    revalidate: (input) => ["/approvals", "/batches", `/batches/${input.batchId}`],
  },
  (ctx, input) => retrySubmission(ctx, input, { queue: { enqueueSubmit: (batchId) => enqueueSubmitBatch(getBoss(), batchId) } }),
);
