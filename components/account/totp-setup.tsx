"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { confirmTotpSetupAction } from "@/lib/actions/confirm-totp-setup";
import { startTotpSetupAction } from "@/lib/actions/start-totp-setup";
import { RecoveryCodesList } from "./recovery-codes-list";

type Pending = { secret: string; uri: string; qrDataUrl: string };

/** "Set up an authenticator app": QR code (and the secret as text), a first code, then the recovery codes once. */
export function TotpSetup() {
  const router = useRouter();
  const [pending, setPending] = useState<Pending | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);

  async function start() {
    setBusy(true);
    setError(null);
    const result = await startTotpSetupAction({});
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setPending(result.data);
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await confirmTotpSetupAction({ code });
    setBusy(false);
    if (!result.ok) return setError(result.fieldErrors?.code?.[0] ?? result.message);
    setCodes(result.data.recoveryCodes);
  }

  if (codes) {
    return (
      <div className="space-y-4">
        <p role="status" className="text-sm font-medium text-emerald-700">
          Two-step sign-in is on. From now on, signing in and sensitive changes ask for a code from your app.
        </p>
        <RecoveryCodesList codes={codes} />
        <Button onClick={() => router.refresh()}>I have saved my recovery codes</Button>
      </div>
    );
  }

  if (!pending) {
    return (
      <div className="space-y-3">
        <Button onClick={start} disabled={busy}>
          Set up authenticator app
        </Button>
        {error ? (
          <p role="alert" className="text-sm text-red-600">
            {error}
          </p>
        ) : null}
      </div>
    );
  }

  return (
    <form onSubmit={confirm} noValidate className="space-y-4">
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-600">
        <li>Scan this QR code with an authenticator app (or enter the key by hand).</li>
        <li>Enter the 6-digit code the app shows for Payout Desk.</li>
      </ol>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server, nothing to optimise */}
      <img src={pending.qrDataUrl} alt="QR code for your authenticator app" width={180} height={180} className="rounded-lg border border-slate-200" />
      <p className="text-sm text-slate-600">
        Key: <code data-testid="totp-secret" className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-900">{pending.secret}</code>
      </p>
      <TextField label="Code from the app" name="code" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(event) => setCode(event.target.value)} error={error ?? undefined} />
      <Button type="submit" disabled={busy}>
        Turn on two-step sign-in
      </Button>
    </form>
  );
}
