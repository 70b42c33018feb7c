"use client";

import { createContext, useCallback, useContext, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/action-result";
import { verifyStepUpAction } from "@/lib/actions/verify-step-up";

type WithStepUp = <T>(call: () => Promise<ActionResult<T>>) => Promise<ActionResult<T>>;

const StepUpContext = createContext<WithStepUp | null>(null);

export function isStepUpRequired(result: ActionResult<unknown>): boolean {
  return !result.ok && result.details?.reason === "step_up_required";
}

/**
 * Runs an action; when the server answers "step-up required" (no second factor in this session
 * for 5 minutes), asks for a code in a dialog, then runs the action once more. Outside a
 * StepUpProvider the action just runs.
 */
export function useStepUp(): WithStepUp {
  return useContext(StepUpContext) ?? ((call) => call());
}

/** Holds the step-up dialog for the console; components ask for it with useStepUp(). */
export function StepUpProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const waiting = useRef<((confirmed: boolean) => void) | null>(null);

  const ask = useCallback(
    () =>
      new Promise<boolean>((resolve) => {
        waiting.current = resolve;
        setCode("");
        setError(null);
        setOpen(true);
      }),
    [],
  );

  const finish = useCallback((confirmed: boolean) => {
    setOpen(false);
    waiting.current?.(confirmed);
    waiting.current = null;
  }, []);

  const withStepUp = useCallback<WithStepUp>(
    async (call) => {
      const first = await call();
      if (!isStepUpRequired(first)) return first;
      if (!(await ask())) return first;
      return call();
    },
    [ask],
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = await verifyStepUpAction({ code });
    setPending(false);
    if (!result.ok) return setError(result.fieldErrors?.code?.[0] ?? result.message);
    finish(true);
  }

  return (
    <StepUpContext.Provider value={withStepUp}>
      {children}
      <Dialog open={open} onClose={() => finish(false)} title="Confirm it's you" description="This change needs a fresh second factor. Enter the 6-digit code your authenticator app shows, or a recovery code.">
        <form onSubmit={submit} noValidate className="space-y-4" data-testid="step-up-dialog">
          <TextField label="Authentication code" name="code" inputMode="numeric" autoComplete="one-time-code" autoFocus value={code} onChange={(event) => setCode(event.target.value)} error={error ?? undefined} />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => finish(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Checking…" : "Confirm"}
            </Button>
          </div>
        </form>
      </Dialog>
    </StepUpContext.Provider>
  );
}
