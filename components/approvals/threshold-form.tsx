"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { setApprovalThresholdAction } from "@/lib/actions/set-approval-threshold";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { setApprovalThresholdSchema, type SetApprovalThresholdInput } from "@/lib/approvals/schemas";

/**
 * Sets one currency's two-approval threshold. Given a currency it is a compact row form (the
 * table names the currency); without one, the admin types the currency too.
 */
export function ThresholdForm({ currency }: { currency?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<SetApprovalThresholdInput>({ resolver: zodResolver(setApprovalThresholdSchema), defaultValues: { currency: currency ?? "", amount: "" } });
  const submit = form.handleSubmit((values) =>
    new Promise<void>((resolve) =>
      startTransition(async () => {
        setSaved(null);
        const result = await setApprovalThresholdAction(values);
        if (result.ok) {
          setSaved(`Saved: ${result.data.currency} above ${result.data.amount}`);
          form.reset({ currency: currency ?? "", amount: "" });
          router.refresh();
        } else {
          const field = result.details?.field === "amount" || result.fieldErrors?.amount ? "amount" : result.fieldErrors?.currency ? "currency" : "root";
          form.setError(field, { message: field === "root" ? result.message : (result.fieldErrors?.[field]?.[0] ?? result.message) });
        }
        resolve();
      }),
    ),
  );
  const { errors } = form.formState;
  const feedback = (
    <>
      {errors.root ? <p role="alert" className="mt-1.5 w-full text-sm text-red-600">{errors.root.message}</p> : null}
      {saved ? <p role="status" className="mt-1.5 w-full text-sm text-emerald-700">{saved}</p> : null}
    </>
  );

  if (currency) {
    return (
      <form onSubmit={submit} noValidate>
        <div className="flex items-center gap-2">
          <input type="hidden" {...form.register("currency")} />
          <input
            aria-label={`New threshold for ${currency}`}
            aria-invalid={errors.amount ? true : undefined}
            inputMode="decimal"
            placeholder="New amount"
            className={`w-36 rounded-lg border bg-white px-3 py-1.5 text-sm shadow-sm outline-none focus:ring-2 ${errors.amount ? "border-red-400 focus:ring-red-200" : "border-slate-300 focus:border-brand-500 focus:ring-brand-100"}`}
            {...form.register("amount")}
          />
          <Button type="submit" variant="secondary" disabled={pending} className="!py-1.5">
            Set
          </Button>
        </div>
        {errors.amount ? <p role="alert" className="mt-1.5 text-sm text-red-600">{errors.amount.message}</p> : null}
        {feedback}
      </form>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="flex flex-wrap items-start gap-3">
      <TextField label="Currency" className="w-32" placeholder="PHP" error={errors.currency?.message} {...form.register("currency")} />
      <TextField label="Two approvals above" className="w-48" inputMode="decimal" placeholder="10000" error={errors.amount?.message} {...form.register("amount")} />
      <div className="pt-7">
        <Button type="submit" disabled={pending}>
          Save
        </Button>
      </div>
      {feedback}
    </form>
  );
}
