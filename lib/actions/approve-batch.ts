"use server";

import { approveBatch } from "../approvals/approve-batch";
import { approveBatchSchema } from "../approvals/schemas";
import { enqueueSubmitBatch } from "../jobs/submit-batch-job";
import { getBoss } from "../runtime";
import { defineAction } from "./define-action";

/** "Approve": one approval of the payload hash shown; the final one queues the submission to Hello Clever. */
export const approveBatchAction = defineAction(
  {
    name: "batch.approve",
    schema: approveBatchSchema,
    permission: "approvals.decide",
    // Step-up (issue 13): a second factor within the last 5 minutes before money is approved.
    stepUp: true,
    revalidate: (input) => ["/approvals", "/batches", `/batches/${input.batchId}`],
  },
  (ctx, input) => approveBatch(ctx, input, { enqueueSubmit: (batchId) => enqueueSubmitBatch(getBoss(), batchId) }),
);
