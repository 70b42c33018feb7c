"use client";

import { useState } from "react";
import { cancelScheduledPayoutAction } from "@/lib/actions/cancel-scheduled-payout";
import { retrySubmissionAction } from "@/lib/actions/retry-submission";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useAction as useActionResult } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/action-result";

// The shared hook, in this file's original call shape (kept so the provider branch's edits here merge cleanly).
function useAction<T>(call: () => Promise<ActionResult<T>>, success: (data: T) => string) {
  const { pending, run, feedback } = useActionResult(() => call(), { success });
  return { pending, trigger: () => run(undefined), feedback };
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
