"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import { createContext, useCallback, useContext, useRef, useState, type FormEvent, type ReactNode } from "react";
import { passkeyBrowserError, usePasskeySupport } from "@/components/auth/passkey-browser";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/action-result";
import { startPasskeyStepUpAction } from "@/lib/actions/start-passkey-step-up";
import { verifyPasskeyStepUpAction } from "@/lib/actions/verify-passkey-step-up";
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

/**
 * Holds the step-up dialog for the console; components ask for it with useStepUp(). `methods`
 * says which second factors the person has: "Use a passkey" is offered when they have one and
 * the browser supports passkeys.
 */
export function StepUpProvider({ children, methods = { totp: true, passkey: false } }: { children: ReactNode; methods?: { totp: boolean; passkey: boolean } }) {
  const browserHasPasskeys = usePasskeySupport();
  const offerPasskey = methods.passkey && browserHasPasskeys;
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

  async function confirmWithPasskey() {
    setError(null);
    setPending(true);
    try {
      const options = await startPasskeyStepUpAction({});
      if (!options.ok) return setError(options.message);
      let response;
      try {
        response = await startAuthentication({ optionsJSON: options.data });
      } catch (browserError) {
        return setError(passkeyBrowserError(browserError));
      }
      const result = await verifyPasskeyStepUpAction({ response });
      if (!result.ok) return setError(result.message);
      finish(true);
    } finally {
      setPending(false);
    }
  }

  return (
    <StepUpContext.Provider value={withStepUp}>
      {children}
      <Dialog
        open={open}
        onClose={() => finish(false)}
        title="Confirm it's you"
        description={
          methods.totp
            ? `This change needs a fresh second factor. Enter the 6-digit code your authenticator app shows${offerPasskey ? ", use a passkey" : ""}, or a recovery code.`
            : `This change needs a fresh second factor. ${offerPasskey ? "Use a passkey, or enter" : "Enter"} a recovery code.`
        }
      >
        <form onSubmit={submit} noValidate className="space-y-4" data-testid="step-up-dialog">
          {offerPasskey ? (
            <Button type="button" variant="secondary" className="w-full" onClick={confirmWithPasskey} disabled={pending}>
              Use a passkey
            </Button>
          ) : null}
          <TextField label={methods.totp ? "Authentication code" : "Recovery code"} name="code" inputMode="numeric" autoComplete="one-time-code" autoFocus value={code} onChange={(event) => setCode(event.target.value)} error={error ?? undefined} />
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
