"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { cancelScheduledPayoutAction } from "@/lib/actions/cancel-scheduled-payout";
import { retrySubmissionAction } from "@/lib/actions/retry-submission";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/action-result";

function useAction<T>(run: () => Promise<ActionResult<T>>, success: (data: T) => string) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const trigger = () =>
    startTransition(async () => {
      const result = await run();
      setMessage(result.ok ? { tone: "success", text: success(result.data) } : { tone: "error", text: result.message });
      if (result.ok) router.refresh();
    });
  const feedback = message ? (
    <p role={message.tone === "error" ? "alert" : "status"} className={`mt-3 text-sm ${message.tone === "error" ? "text-red-600" : "text-emerald-700"}`}>
      {message.text}
    </p>
  ) : null;
  return { pending, trigger, feedback };
}

/** "Retry submission": offered only where Hello Clever certainly holds nothing for the batch. */
export function RetrySubmissionButton({ batchId }: { batchId: string }) {
  const { pending, trigger, feedback } = useAction(() => retrySubmissionAction({ batchId }), () => "Queued: it is being sent to Hello Clever again.");
  return (
    <div>
      <Button onClick={trigger} disabled={pending}>
        Retry submission
      </Button>
      {feedback}
    </div>
  );
}

/** "Cancel scheduled payout", confirmed first: it asks Hello Clever to drop a payout it still holds for later. */
export function CancelScheduledPayoutButton({ batchId, scheduledFor }: { batchId: string; scheduledFor: string }) {
  const [confirming, setConfirming] = useState(false);
  const { pending, trigger, feedback } = useAction(
    () => cancelScheduledPayoutAction({ batchId }),
    (data) => `Hello Clever cancelled the payout (its status is now ${data.providerStatus}).`,
  );
  return (
    <div>
      <Button variant="secondary" onClick={() => setConfirming(true)} disabled={pending}>
        Cancel scheduled payout
      </Button>
      {feedback}
      <Dialog open={confirming} onClose={() => setConfirming(false)} title="Cancel the scheduled payout?" description={`Hello Clever holds it until ${scheduledFor}. Cancelled, it will not be paid and cannot be resumed.`}>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => setConfirming(false)}>
            Keep it
          </Button>
          <Button
            variant="danger"
            disabled={pending}
            onClick={() => {
              setConfirming(false);
              trigger();
            }}
          >
            Cancel payout
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
