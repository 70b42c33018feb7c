"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useStepUp } from "@/components/auth/step-up-provider";
import { setSecondFactorRequirementAction } from "@/lib/actions/set-second-factor-requirement";

/** "Require two-step sign-in for everyone" (approvers and admins always need it). */
export function SecondFactorRequirement({ required }: { required: boolean }) {
  const router = useRouter();
  const withStepUp = useStepUp();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="mt-1">
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          className="mt-0.5 size-4 rounded border-slate-300"
          checked={required}
          disabled={pending}
          onChange={(event) => {
            const next = event.target.checked;
            startTransition(async () => {
              setError(null);
              const result = await withStepUp(() => setSecondFactorRequirementAction({ required: next }));
              if (!result.ok) setError(result.message);
              else router.refresh();
            });
          }}
        />
        <span>Require two-step sign-in for everyone (approvers and admins always need it)</span>
      </label>
      {error ? (
        <p role="alert" className="mt-1 text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
