"use server";

import { editAndResubmit } from "../batches/edit-and-resubmit";
import { editAndResubmitSchema } from "../batches/schemas-copy";
import { defineAction } from "./define-action";

/** "Edit and resubmit": a rejected batch's maker starts a new version of it as a draft. */
export const editAndResubmitAction = defineAction(
  { name: "batch.edit_and_resubmit", schema: editAndResubmitSchema, permission: "batches.edit", revalidate: (input) => ["/batches", `/batches/${input.batchId}`] },
  (ctx, input) => editAndResubmit(ctx, input),
);
