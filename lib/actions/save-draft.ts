"use server";

import { defineAction } from "@/lib/actions/define-action";
import { saveDraft } from "@/lib/batches/save-draft";
import { saveDraftSchema } from "@/lib/batches/schemas";

/**
 * "Save draft": creates or replaces the caller's draft; invalid rows are stored with their errors.
 * No revalidation: it would re-render the page under the open editor (resetting its tab, scroll
 * and messages), and every batches page is dynamic, so none holds a stale copy.
 */
export const saveDraftAction = defineAction({ name: "batch.save_draft", schema: saveDraftSchema, permission: "batches.edit" }, async (ctx, input) => {
  const started = performance.now();
  const result = await saveDraft(ctx, input);
  ctx.log.info({ batchId: result.batchId, rows: result.transactionCount, invalid: result.invalidCount, ms: Math.round(performance.now() - started) }, "batch.draft_saved");
  return result;
});
