"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { passkeyBrowserError, usePasskeySupport } from "@/components/auth/passkey-browser";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { safeCallback } from "@/lib/auth/safe-callback";
import type { SignInInput } from "@/lib/auth/schemas";
import { parseSecondFactorRequired } from "@/lib/auth/second-factor-messages";

export type SecondFactorMethods = { totp: boolean; passkey: boolean };

/**
 * Sign-in's second step, after a right password: the code from the person's authenticator app
 * (or a recovery code), or "Use a passkey" when they have one and the browser offers it. The
 * password stays in memory only for these second requests.
 */
export function SecondFactorStep({ values, methods, callbackUrl, onBack }: { values: SignInInput; methods: SecondFactorMethods; callbackUrl: string; onBack: () => void }) {
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const browserHasPasskeys = usePasskeySupport();
  const offerPasskey = methods.passkey && browserHasPasskeys;

  function done() {
    window.location.assign(safeCallback(callbackUrl, window.location.origin));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = code.trim();
    if (trimmed.length < 6) return setError(`Code: enter ${methods.totp ? "the 6-digit code from your authenticator app, or " : ""}a recovery code`);
    setError(null);
    setPending(true);
    const result = await signIn("credentials", { ...values, code: trimmed, redirect: false, callbackUrl });
    if (!result || result.error) {
      setPending(false);
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "That code is not right");
      return;
    }
    done();
  }

  async function signInWithPasskey() {
    setError(null);
    setPending(true);
    try {
      // A fresh challenge for this person (the password is checked again), then the browser's answer.
      const asked = await signIn("credentials", { ...values, passkey: "start", redirect: false, callbackUrl });
      const options = parseSecondFactorRequired(asked?.error)?.passkeyOptions;
      if (!options) return setError(asked?.error && !parseSecondFactorRequired(asked.error) && asked.error !== "CredentialsSignin" ? asked.error : "Passkeys are not available for you right now. Enter a code instead.");
      let answer;
      try {
        answer = await startAuthentication({ optionsJSON: options as Parameters<typeof startAuthentication>[0]["optionsJSON"] });
      } catch (browserError) {
        return setError(passkeyBrowserError(browserError));
      }
      const result = await signIn("credentials", { ...values, passkey: JSON.stringify(answer), redirect: false, callbackUrl });
      if (!result || result.error) return setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "That passkey could not be checked");
      done();
    } finally {
      setPending(false);
    }
  }

  const codeHint = methods.totp
    ? "Enter the 6-digit code your authenticator app shows for Payout Desk, or one of your recovery codes."
    : "Use your passkey, or enter one of your recovery codes.";

  return (
    <form onSubmit={submit} className="mt-8 space-y-5" noValidate aria-labelledby="second-factor-title">
      <div>
        <h2 id="second-factor-title" className="text-base font-semibold text-slate-900">
          Two-step sign-in
        </h2>
        <p className="mt-1 text-sm text-slate-500">{codeHint}</p>
      </div>
      {offerPasskey ? (
        <Button type="button" variant="secondary" className="w-full py-2.5" onClick={signInWithPasskey} disabled={pending}>
          Use a passkey
        </Button>
      ) : null}
      <TextField
        label={methods.totp ? "Authentication code" : "Recovery code"}
        name="code"
        inputMode={methods.totp ? "numeric" : "text"}
        autoComplete="one-time-code"
        autoFocus
        value={code}
        onChange={(event) => setCode(event.target.value)}
        error={error ?? undefined}
      />
      <Button type="submit" className="w-full py-2.5" disabled={pending}>
        {pending ? "Checking…" : "Verify"}
      </Button>
      <button type="button" onClick={onBack} className="text-sm font-medium text-brand-600 hover:text-brand-700">
        Back to email and password
      </button>
    </form>
  );
}
