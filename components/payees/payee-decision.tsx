"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useStepUp } from "@/components/auth/step-up-provider";
import { Button } from "@/components/ui/button";
import { ActionFeedback, type ActionMessage } from "@/components/ui/use-action";
import { decidePayeeAction } from "@/lib/actions/decide-payee";

/**
 * "Approve" / "Reject" what waits on a payee (a new payee, or a change of its details). Rendered
 * by the page whether or not the viewer may still decide, so the message of a decision just made
 * (how many open batches it flagged) stays on screen after the page refreshes without the change.
 */
export function PayeeDecision({ payeeId, what }: { payeeId: string; what: "payee" | "change" | null }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const withStepUp = useStepUp(); // deciding on bank details needs a fresh second factor, like approving a batch
  const [message, setMessage] = useState<ActionMessage | null>(null);

  function decide(decision: "approve" | "reject") {
    setMessage(null);
    startTransition(async () => {
      const result = await withStepUp(() => decidePayeeAction({ payeeId, decision }));
      if (!result.ok) return setMessage({ tone: "error", text: result.message });
      const flagged = result.data.flaggedBatches;
      setMessage({
        tone: "success",
        text: decision === "approve" ? `Approved.${flagged > 0 ? ` ${flagged} open batch${flagged === 1 ? " pays" : "es pay"} this payee and ${flagged === 1 ? "is" : "are"} now flagged.` : ""}` : "Rejected.",
      });
      router.refresh();
    });
  }

  if (!what && !message) return null;
  return (
    <div className="mt-3">
      {what ? (
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => decide("approve")} disabled={pending}>
            Approve {what}
          </Button>
          <Button variant="secondary" onClick={() => decide("reject")} disabled={pending}>
            Reject {what}
          </Button>
        </div>
      ) : null}
      <ActionFeedback message={message} />
    </div>
  );
}
