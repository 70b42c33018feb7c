"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useStepUp } from "@/components/auth/step-up-provider";
import { approveBatchAction } from "@/lib/actions/approve-batch";
import type { ApproveBatchInput } from "@/lib/approvals/schemas";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { ApproveConfirmDialog, type ApproveSummary } from "./approve-confirm-dialog";

// The reject form (zod and its resolver) is fetched on the first "Reject" click, not with the page.
const RejectBatchDialog = dynamic(() => import("./reject-batch-dialog"), { ssr: false });

/**
 * "Approve" (confirmed first: total, count, balance after payout, risk flags) and "Reject" (with a
 * required "Reason"). Rendered by the panel whether or not the viewer may still decide, so the
 * message of a decision just made stays on screen after the page refreshes.
 */
export function ApprovalDecision({
  batchId,
  version,
  payloadHash,
  finalApproval,
  canDecide = true,
  summary,
}: {
  batchId: string;
  version: number;
  /** The payload hash shown to the approver: the approval records it (issue 17). */
  payloadHash?: string | null;
  finalApproval: boolean;
  canDecide?: boolean;
  summary?: ApproveSummary;
}) {
  const router = useRouter();
  const [rejecting, setRejecting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const withStepUp = useStepUp();
  // Step-up (issue 13): the server asks for a fresh second factor; the dialog asks and retries.
  const approve = useAction((input: ApproveBatchInput) => withStepUp(() => approveBatchAction(input)), {
    success: (data) =>
      data.status === "approved" ? "Approved. Sending it to Hello Clever now." : `Approved: ${data.approvals} of ${data.approvalsNeeded} approvals. It now waits for someone else.`,
  });
  const { setMessage, pending } = approve;
  const approveInput = { batchId, version, ...(payloadHash ? { payloadHash } : {}) };

  return (
    <div data-testid="approval-decision">
      {canDecide ? (
        <>
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => (summary ? setConfirming(true) : approve.run(approveInput))} disabled={pending}>
              Approve
            </Button>
            <Button variant="secondary" onClick={() => setRejecting(true)} disabled={pending}>
              Reject
            </Button>
          </div>
          {finalApproval ? null : <p className="mt-2 text-xs text-slate-600">Your approval counts towards the two this batch needs; it is sent once a second person approves.</p>}
        </>
      ) : null}
      {approve.feedback}
      {summary ? (
        <ApproveConfirmDialog
          open={confirming}
          summary={summary}
          pending={pending}
          onClose={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            approve.run(approveInput);
          }}
        />
      ) : null}
      {rejecting ? (
        <RejectBatchDialog
          batchId={batchId}
          onClose={() => setRejecting(false)}
          onRejected={() => {
            setRejecting(false);
            setMessage({ tone: "success", text: "Rejected. The maker sees your reason." });
            router.refresh();
          }}
        />
      ) : null}
    </div>
  );
}
