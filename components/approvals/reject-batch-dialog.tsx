"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTransition } from "react";
import { useForm } from "react-hook-form";
import { rejectBatchAction } from "@/lib/actions/reject-batch";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextAreaField } from "@/components/ui/text-area-field";
import { rejectBatchSchema, type RejectBatchInput } from "@/lib/approvals/schemas";

/** "Reject this batch" with its required "Reason"; loaded only when someone clicks "Reject" (it carries zod). */
export default function RejectBatchDialog({ batchId, onClose, onRejected }: { batchId: string; onClose: () => void; onRejected: () => void }) {
  const [pending, startTransition] = useTransition();
  const form = useForm<RejectBatchInput>({ resolver: zodResolver(rejectBatchSchema), defaultValues: { batchId, reason: "" } });

  const reject = form.handleSubmit((values) =>
    new Promise<void>((resolve) =>
      startTransition(async () => {
        const result = await rejectBatchAction(values);
        if (!result.ok) {
          const reasonError = result.fieldErrors?.reason?.[0];
          form.setError(reasonError ? "reason" : "root", { message: reasonError ?? result.message });
        } else {
          onRejected();
        }
        resolve();
      }),
    ),
  );

  return (
    <Dialog open onClose={onClose} title="Reject this batch" description="It will not be sent. The maker sees your reason.">
      <form onSubmit={reject} noValidate>
        <TextAreaField label="Reason" rows={4} maxLength={500} placeholder="For example: the amounts are last month's" error={form.formState.errors.reason?.message} {...form.register("reason")} />
        {form.formState.errors.root ? (
          <p role="alert" className="mt-3 text-sm text-red-600">
            {form.formState.errors.root.message}
          </p>
        ) : null}
        <div className="mt-5 flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            Keep it
          </Button>
          <Button type="submit" variant="danger" disabled={pending}>
            Reject batch
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
