"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { approveBatchAction, rejectBatchAction } from "@/app/actions/approvals";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextAreaField } from "@/components/ui/text-area-field";
import { rejectBatchSchema, type RejectBatchInput } from "@/lib/approvals/schemas";

/** "Approve" and "Reject" (with a required "Reason") for someone allowed to decide on this batch. */
export function ApprovalDecision({ batchId, version, finalApproval }: { batchId: string; version: number; finalApproval: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const form = useForm<RejectBatchInput>({ resolver: zodResolver(rejectBatchSchema), defaultValues: { batchId, reason: "" } });

  function approve() {
    setMessage(null);
    startTransition(async () => {
      const result = await approveBatchAction({ batchId, version });
      if (!result.ok) return setMessage({ tone: "error", text: result.message });
      setMessage({
        tone: "success",
        text: result.data.status === "approved" ? "Approved. Sending it to Hello Clever now." : `Approved: ${result.data.approvals} of ${result.data.approvalsNeeded} approvals. It now waits for someone else.`,
      });
      router.refresh();
    });
  }

  const reject = form.handleSubmit((values) =>
    new Promise<void>((resolve) =>
      startTransition(async () => {
        const result = await rejectBatchAction(values);
        if (!result.ok) {
          const reasonError = result.fieldErrors?.reason?.[0];
          form.setError(reasonError ? "reason" : "root", { message: reasonError ?? result.message });
        } else {
          setRejecting(false);
          setMessage({ tone: "success", text: "Rejected. The maker sees your reason." });
          router.refresh();
        }
        resolve();
      }),
    ),
  );

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
      <Dialog open={rejecting} onClose={() => setRejecting(false)} title="Reject this batch" description="It will not be sent. The maker sees your reason.">
        <form onSubmit={reject} noValidate>
          <TextAreaField label="Reason" rows={4} maxLength={500} placeholder="For example: the amounts are last month's" error={form.formState.errors.reason?.message} {...form.register("reason")} />
          {form.formState.errors.root ? (
            <p role="alert" className="mt-3 text-sm text-red-600">
              {form.formState.errors.root.message}
            </p>
          ) : null}
          <div className="mt-5 flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => setRejecting(false)}>
              Keep it
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              Reject batch
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
