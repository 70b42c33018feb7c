"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { safeCallback } from "@/lib/auth/safe-callback";
import { signInSchema, type SignInInput } from "@/lib/auth/schemas";
import { parseSecondFactorRequired } from "@/lib/auth/second-factor-messages";
import { SecondFactorStep, type SecondFactorMethods } from "./second-factor-step";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [formError, setFormError] = useState<string | null>(null);
  const [secondStep, setSecondStep] = useState<{ values: SignInInput; methods: SecondFactorMethods } | null>(null);
  const { register, handleSubmit, formState } = useForm<SignInInput>({ resolver: zodResolver(signInSchema) });

  async function onSubmit(values: SignInInput) {
    setFormError(null);
    const result = await signIn("credentials", { ...values, redirect: false, callbackUrl });
    // The password was right and a second factor is needed: ask for the code (or a passkey) next.
    const methods = parseSecondFactorRequired(result?.error);
    if (methods) return setSecondStep({ values, methods: { totp: methods.totp, passkey: methods.passkey } });
    if (!result || result.error) {
      setFormError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Email or password is incorrect");
      return;
    }
    // A full navigation, so every server component renders with the new session.
    window.location.assign(safeCallback(callbackUrl, window.location.origin));
  }

  if (secondStep) return <SecondFactorStep values={secondStep.values} methods={secondStep.methods} callbackUrl={callbackUrl} onBack={() => setSecondStep(null)} />;

  return (
    <form onSubmit={handleSubmit(onSubmit)} className="mt-8 space-y-5" noValidate>
      {formError ? (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3.5 py-2.5 text-sm text-red-700">
          {formError}
        </div>
      ) : null}
      <TextField label="Email" type="email" autoComplete="username" error={formState.errors.email?.message} {...register("email")} />
      <TextField label="Password" type="password" autoComplete="current-password" error={formState.errors.password?.message} {...register("password")} />
      <Button type="submit" className="w-full py-2.5" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
