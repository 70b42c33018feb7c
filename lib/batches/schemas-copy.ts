import { z } from "zod";

// Client-safe: the copy, withdraw and resubmit actions' inputs.

export const copyBatchSchema = z.object({
  batchId: z.uuid({ error: "batchId: not a batch id" }),
  rows: z.enum(["all", "failed"], { error: "rows: all or failed" }),
});
export type CopyBatchInput = z.input<typeof copyBatchSchema>;

export const withdrawBatchSchema = z.object({
  batchId: z.uuid({ error: "batchId: not a batch id" }),
  version: z.number({ error: "version: a number" }).int().min(1),
});
export type WithdrawBatchInput = z.input<typeof withdrawBatchSchema>;

export const editAndResubmitSchema = z.object({ batchId: z.uuid({ error: "batchId: not a batch id" }) });
export type EditAndResubmitInput = z.input<typeof editAndResubmitSchema>;
