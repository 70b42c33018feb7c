"use client";

import { useState, useTransition } from "react";
import { setRiskPolicyAction } from "@/lib/actions/set-risk-policy";
import { ActionFeedback, type ActionMessage } from "@/components/ui/use-action";

/** /admin/thresholds: "Require a second approval when any high risk flag is present". */
export function RiskPolicyForm({ secondApprovalOnHighFlag }: { secondApprovalOnHighFlag: boolean }) {
  const [checked, setChecked] = useState(secondApprovalOnHighFlag);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<ActionMessage | null>(null);

  function toggle(next: boolean) {
    setChecked(next);
    setMessage(null);
    startTransition(async () => {
      const result = await setRiskPolicyAction({ secondApprovalOnHighFlag: next });
      if (!result.ok) {
        setChecked(!next);
        return setMessage({ tone: "error", text: result.message });
      }
      setMessage({ tone: "success", text: next ? "On: batches with a high risk flag need two approvals." : "Off: risk flags are shown, the amount threshold alone decides." });
    });
  }

  return (
    <section aria-labelledby="risk-policy" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="risk-policy" className="text-base font-semibold text-slate-900">
        Risk flags
      </h2>
      <label className="mt-3 flex items-start gap-3 text-sm text-slate-700">
        <input type="checkbox" className="mt-0.5 size-4" checked={checked} disabled={pending} onChange={(event) => toggle(event.target.checked)} />
        <span>
          Require a second approval when any high risk flag is present
          <span className="block text-xs text-slate-500">High flags: payee not approved, account differs from the payee book, account changed recently, likely duplicate, balance short, contact/KYC missing.</span>
        </span>
      </label>
      <ActionFeedback message={message} />
    </section>
  );
}
