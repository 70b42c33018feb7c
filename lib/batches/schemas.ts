import { z } from "zod";
import { PARAM_KEY_PATTERN } from "@/lib/methods/schemas";
import { batchHeaderSchema, MAX_TRANSACTIONS_PER_BATCH } from "@/lib/methods/transaction-schema";

// Client-safe (zod, and the method schemas, which are client-safe too): the editor builds these
// payloads and the server actions parse them again, because every action is a public endpoint.

// A draft may hold rows that do not validate yet, so a row here is only bounded text; the
// method's transaction schema judges it on the server (save marks it, submit refuses it).
const cell = z.string().max(1000, "At most 1,000 characters");

/** One transaction as the editor holds it: every value as typed. */
export const draftTransactionSchema = z.object({
  first_name: cell,
  last_name: cell,
  email: cell,
  amount: cell,
  external_id: cell.optional(),
  params: z.record(z.string().regex(PARAM_KEY_PATTERN), cell),
});
export type DraftTransactionInput = z.infer<typeof draftTransactionSchema>;

/** "Save draft": the header (validated as for submission) and the rows as typed. A new draft has no batchId. */
export const saveDraftSchema = batchHeaderSchema
  .extend({
    batchId: z.uuid().optional(),
    // The version the editor loaded, so a save over a newer edit (another tab) is refused.
    version: z.number().int().min(1).optional(),
    transactions: z
      .array(draftTransactionSchema)
      .max(MAX_TRANSACTIONS_PER_BATCH, `At most ${MAX_TRANSACTIONS_PER_BATCH.toLocaleString("en-US")} transactions per batch`),
  })
  .refine((input) => (input.batchId === undefined) === (input.version === undefined), {
    path: ["version"],
    error: "A saved draft needs its version",
  });
export type SaveDraftInput = z.input<typeof saveDraftSchema>;
export type SaveDraftData = z.output<typeof saveDraftSchema>;

/** "Submit for approval" of a saved draft, at the version the person saw. */
export const submitForApprovalSchema = z.object({ batchId: z.uuid(), version: z.number().int().min(1) });
export type SubmitForApprovalInput = z.infer<typeof submitForApprovalSchema>;

/** "Cancel batch" (drafts only). */
export const cancelBatchSchema = z.object({ batchId: z.uuid() });
export type CancelBatchInput = z.infer<typeof cancelBatchSchema>;
