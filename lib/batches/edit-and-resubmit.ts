import { withDb, type ServiceContext } from "../context";
import { can } from "../policy/can";
import { enforce } from "../policy/decision";
import { lockSourceBatch, writeCopy, type CopyBatchResult } from "./copy-batch";

/**
 * "Edit and resubmit": the maker of a rejected batch gets a new draft version of it (every row,
 * linked to the rejected one), to edit and submit again; approvals start from zero. The rejected
 * batch stays rejected, with its reason, for the record.
 */
export async function editAndResubmit(ctx: ServiceContext, input: { batchId: string }): Promise<CopyBatchResult> {
  return ctx.db.transaction(async (tx) => {
    const inTx = withDb(ctx, tx);
    const source = await lockSourceBatch(tx, input.batchId);
    enforce(can(inTx, "batch.edit_and_resubmit", source));
    return writeCopy(inTx, source, "resubmit");
  });
}
