"use server";

import { withdrawBatchSchema } from "../batches/schemas-copy";
import { withdrawBatch } from "../batches/withdraw-batch";
import { defineAction } from "./define-action";

/** "Withdraw": the maker takes a batch waiting for approval back to draft. */
export const withdrawBatchAction = defineAction(
  { name: "batch.withdraw", schema: withdrawBatchSchema, permission: "batches.edit", revalidate: (input) => ["/batches", "/approvals", `/batches/${input.batchId}`] },
  (ctx, input) => withdrawBatch(ctx, input),
);
