"use server";

import { defineAction } from "@/lib/actions/define-action";
import { cancelBatch } from "@/lib/batches/cancel-batch";
import { cancelBatchSchema } from "@/lib/batches/schemas";

/** "Cancel batch": the maker's draft only. */
export const cancelBatchAction = defineAction(
  { name: "batch.cancel", schema: cancelBatchSchema, permission: "batches.edit", revalidate: (input) => ["/batches", `/batches/${input.batchId}`] },
  async (ctx, input) => {
    await cancelBatch(ctx, input);
    return null;
  },
);
