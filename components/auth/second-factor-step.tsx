"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { safeCallback } from "@/lib/auth/safe-callback";
import type { SignInInput } from "@/lib/auth/schemas";

/**
 * Sign-in's second step, after a right password: the code from the person's authenticator app
 * (or a recovery code). The password stays in memory only for this second request.
 */
export function SecondFactorStep({ values, callbackUrl, onBack }: { values: SignInInput; callbackUrl: string; onBack: () => void }) {
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = code.trim();
    if (trimmed.length < 6) return setError("Code: enter the 6-digit code from your authenticator app, or a recovery code");
    setError(null);
    setPending(true);
    const result = await signIn("credentials", { ...values, code: trimmed, redirect: false, callbackUrl });
    if (!result || result.error) {
      setPending(false);
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "That code is not right");
      return;
    }
    window.location.assign(safeCallback(callbackUrl, window.location.origin));
  }

  return (
    <form onSubmit={submit} className="mt-8 space-y-5" noValidate aria-labelledby="second-factor-title">
      <div>
        <h2 id="second-factor-title" className="text-base font-semibold text-slate-900">
          Two-step sign-in
        </h2>
        <p className="mt-1 text-sm text-slate-500">Enter the 6-digit code your authenticator app shows for Payout Desk, or one of your recovery codes.</p>
      </div>
      <TextField
        label="Authentication code"
        name="code"
        inputMode="numeric"
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
