"use server";

import { copyBatch } from "../batches/copy-batch";
import { copyBatchSchema } from "../batches/schemas-copy";
import { defineAction } from "./define-action";

/** "Duplicate batch" / "New batch from this one" (`rows: "all"`) and "New batch from failed rows" (`rows: "failed"`). */
export const copyBatchAction = defineAction(
  { name: "batch.copy", schema: copyBatchSchema, permission: "batches.edit", revalidate: (input) => ["/batches", `/batches/${input.batchId}`] },
  (ctx, input) => copyBatch(ctx, input),
);
