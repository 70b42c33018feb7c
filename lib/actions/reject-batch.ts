"use server";

import { rejectBatch } from "../approvals/reject-batch";
import { rejectBatchSchema } from "../approvals/schemas";
import { defineAction } from "./define-action";

/** "Reject": with a reason the maker sees. */
export const rejectBatchAction = defineAction(
  {
    name: "batch.reject",
    schema: rejectBatchSchema,
    permission: "approvals.decide",
    revalidate: (input) => ["/approvals", "/batches", `/batches/${input.batchId}`],
  },
  (ctx, input) => rejectBatch(ctx, input).then(() => null),
);
