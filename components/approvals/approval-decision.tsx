"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { approveBatchAction } from "@/lib/actions/approve-batch";
import { useStepUp } from "@/components/auth/step-up-provider";
import { Button } from "@/components/ui/button";

// The reject form (zod and its resolver) is fetched on the first "Reject" click, not with the page.
const RejectBatchDialog = dynamic(() => import("./reject-batch-dialog"), { ssr: false });

/** "Approve" and "Reject" (with a required "Reason") for someone allowed to decide on this batch. */
export function ApprovalDecision({ batchId, version, payloadHash, finalApproval }: { batchId: string; version: number; payloadHash?: string | null; finalApproval: boolean }) {
  const router = useRouter();
  const withStepUp = useStepUp();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [rejecting, setRejecting] = useState(false);

  function approve() {
    setMessage(null);
    startTransition(async () => {
      // The approval records the payload hash the approver was shown (issue 17).
      const result = await withStepUp(() => approveBatchAction({ batchId, version, ...(payloadHash ? { payloadHash } : {}) }));
      if (!result.ok) return setMessage({ tone: "error", text: result.message });
      setMessage({
        tone: "success",
        text: result.data.status === "approved" ? "Approved. Sending it to Hello Clever now." : `Approved: ${result.data.approvals} of ${result.data.approvalsNeeded} approvals. It now waits for someone else.`,
      });
      router.refresh();
    });
  }

  return (
    <div>
      <div className="flex flex-wrap gap-2">
        <Button onClick={approve} disabled={pending}>
          Approve
        </Button>
        <Button variant="secondary" onClick={() => setRejecting(true)} disabled={pending}>
          Reject
        </Button>
      </div>
      {finalApproval ? null : <p className="mt-2 text-xs text-slate-500">Your approval counts towards the two this batch needs; it is sent once a second person approves.</p>}
      {message ? (
        <p role={message.tone === "error" ? "alert" : "status"} className={`mt-3 text-sm ${message.tone === "error" ? "text-red-600" : "text-emerald-700"}`}>
          {message.text}
        </p>
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
