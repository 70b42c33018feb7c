"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useAction } from "@/components/ui/use-action";
import { copyBatchAction } from "@/lib/actions/copy-batch";
import { editAndResubmitAction } from "@/lib/actions/edit-and-resubmit";
import { withdrawBatchAction } from "@/lib/actions/withdraw-batch";

/** Which of the batch's follow-up buttons this viewer gets (asked of lib/policy by the page). */
export type BatchActionsAllowed = { duplicate: boolean; copyFailed: boolean; withdraw: boolean; editAndResubmit: boolean };

/**
 * A batch's follow-ups: "New batch from failed rows", "Duplicate batch" ("New batch from this
 * one" on an expired batch: a copy with a new id, never a re-post), "Edit and resubmit" for a
 * rejected batch's maker, "Withdraw" for a pending batch's maker. Copies open as the new draft.
 */
export function BatchActions({ batchId, version, status, failedCount, allowed }: { batchId: string; version: number; status: string; failedCount: number; allowed: BatchActionsAllowed }) {
  const router = useRouter();
  const [withdrawing, setWithdrawing] = useState(false);
  const open = (data: { batchId: string }) => router.push(`/batches/${data.batchId}`);
  const copyAll = useAction(copyBatchAction, { success: (data) => `Draft created with ${data.transactionCount} transactions. Opening it…`, then: open });
  const copyFailed = useAction(copyBatchAction, { success: (data) => `Draft created with the ${data.transactionCount} failed transactions. Opening it…`, then: open });
  const resubmit = useAction(editAndResubmitAction, { success: () => "New version created as a draft. Opening it…", then: open });
  const withdraw = useAction(withdrawBatchAction, { success: () => "Withdrawn: the batch is a draft again and its approvals so far no longer count." });
  const pending = copyAll.pending || copyFailed.pending || resubmit.pending || withdraw.pending;
  if (!Object.values(allowed).some(Boolean)) return null;
  return (
    <section aria-label="Batch actions" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="batch-actions">
      <div className="flex flex-wrap gap-2">
        {allowed.copyFailed ? (
          <Button onClick={() => copyFailed.run({ batchId, rows: "failed" })} disabled={pending}>
            New batch from failed rows ({failedCount})
          </Button>
        ) : null}
        {allowed.editAndResubmit ? (
          <Button onClick={() => resubmit.run({ batchId })} disabled={pending}>
            Edit and resubmit
          </Button>
        ) : null}
        {allowed.duplicate ? (
          <Button variant="secondary" onClick={() => copyAll.run({ batchId, rows: "all" })} disabled={pending}>
            {status === "expired" ? "New batch from this one" : "Duplicate batch"}
          </Button>
        ) : null}
        {allowed.withdraw ? (
          <Button variant="secondary" onClick={() => setWithdrawing(true)} disabled={pending}>
            Withdraw
          </Button>
        ) : null}
      </div>
      {copyFailed.feedback}
      {resubmit.feedback}
      {copyAll.feedback}
      {withdraw.feedback}
      <Dialog
        open={withdrawing}
        onClose={() => setWithdrawing(false)}
        title="Withdraw this batch?"
        description="It goes back to draft so you can change it. Approvals given so far no longer count; submit it again when ready."
      >
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => setWithdrawing(false)}>
            Keep it
          </Button>
          <Button
            onClick={() => {
              setWithdrawing(false);
              withdraw.run({ batchId, version });
            }}
          >
            Withdraw batch
          </Button>
        </div>
      </Dialog>
    </section>
  );
}
