"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ActionFeedback, type ActionMessage } from "@/components/ui/use-action";
import { createPayeeContactAction } from "@/lib/actions/create-payee-contact";
import { refreshPayeeContactAction } from "@/lib/actions/refresh-payee-contact";

/** "Create contact" (makers, when none is recorded) and "Refresh status" (anyone) on a payee's page. */
export function ContactActions({ payeeId, canCreate, hasContact }: { payeeId: string; canCreate: boolean; hasContact: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<ActionMessage | null>(null);

  function run(kind: "create" | "refresh") {
    setMessage(null);
    startTransition(async () => {
      const result = kind === "create" ? await createPayeeContactAction({ payeeId }) : await refreshPayeeContactAction({ payeeId });
      if (!result.ok) return setMessage({ tone: "error", text: result.message });
      setMessage({ tone: "success", text: kind === "create" ? "Contact created at Hello Clever." : "Status read from Hello Clever." });
      router.refresh();
    });
  }

  return (
    <div className="mt-3">
      <div className="flex flex-wrap gap-2">
        {canCreate && !hasContact ? (
          <Button onClick={() => run("create")} disabled={pending}>
            Create contact
          </Button>
        ) : null}
        <Button variant="secondary" onClick={() => run("refresh")} disabled={pending}>
          Refresh status
        </Button>
      </div>
      <ActionFeedback message={message} />
    </div>
  );
}
