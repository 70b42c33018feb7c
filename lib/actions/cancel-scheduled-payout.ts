"use server";

import { batchIdSchema } from "../approvals/schemas";
import { getHelloCleverClient } from "../runtime";
import { cancelScheduledPayout } from "../submission/cancel-scheduled-payout";
import { defineAction } from "./define-action";

/** "Cancel scheduled payout": the maker or an admin, while Hello Clever still holds it unsent (lib/policy mayCancelScheduled, under the row lock). */
export const cancelScheduledPayoutAction = defineAction(
  {
    name: "batch.cancel_scheduled",
    schema: batchIdSchema,
    permission: "batches.view",
    revalidate: (input) => ["/approvals", "/batches", `/batches/${input.batchId}`],
  },
  (ctx, input) => cancelScheduledPayout(ctx, input, { client: getHelloCleverClient() }),
);
