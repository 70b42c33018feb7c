"use client";

import { useState } from "react";
import { useStepUp } from "@/components/auth/step-up-provider";
import { Button } from "@/components/ui/button";
import { regenerateRecoveryCodesAction } from "@/lib/actions/regenerate-recovery-codes";
import { RecoveryCodesList } from "./recovery-codes-list";

/** "New recovery codes" (step-up): the old ones stop working. */
export function RecoveryCodesButton() {
  const withStepUp = useStepUp();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function regenerate() {
    setBusy(true);
    setError(null);
    const result = await withStepUp(() => regenerateRecoveryCodesAction({}));
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setCodes(result.data.recoveryCodes);
  }

  return (
    <div className="space-y-3">
      <Button variant="secondary" onClick={regenerate} disabled={busy}>
        New recovery codes
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      {codes ? <RecoveryCodesList codes={codes} /> : null}
    </div>
  );
}
