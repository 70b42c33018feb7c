"use client";

import { startRegistration } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { passkeyBrowserError, usePasskeySupport } from "@/components/auth/passkey-browser";
import { useStepUp } from "@/components/auth/step-up-provider";
import { Button } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead, rowClass } from "@/components/ui/table";
import { TextField } from "@/components/ui/text-field";
import { Instant } from "@/components/ui/time-zone";
import { finishPasskeyRegistrationAction } from "@/lib/actions/finish-passkey-registration";
import { removePasskeyAction } from "@/lib/actions/remove-passkey";
import { startPasskeyRegistrationAction } from "@/lib/actions/start-passkey-registration";
import { RecoveryCodesList } from "./recovery-codes-list";

export type PasskeyRow = { id: string; name: string; createdAt: string; lastUsedAt: string | null };

/** "Add a passkey" (optional name), then the list with each one's dates and "Remove" (step-up). */
export function PasskeysPanel({ passkeys }: { passkeys: PasskeyRow[] }) {
  return (
    <div className="space-y-4">
      {passkeys.length > 0 ? (
        <Table label="Your passkeys" testId="passkeys">
          <THead>
            <tr>
              <Th>Name</Th>
              <Th>Created</Th>
              <Th>Last used</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {passkeys.map((passkey) => (
              <tr key={passkey.id} className={rowClass}>
                <Td className="font-medium text-slate-900">{passkey.name}</Td>
                <Td>
                  <Instant at={passkey.createdAt} />
                </Td>
                <Td>{passkey.lastUsedAt ? <Instant at={passkey.lastUsedAt} /> : "Never"}</Td>
                <Td align="right">
                  <RemovePasskeyButton passkey={passkey} />
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      ) : null}
      <AddPasskeyForm />
    </div>
  );
}

function RemovePasskeyButton({ passkey }: { passkey: PasskeyRow }) {
  const withStepUp = useStepUp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    const result = await withStepUp(() => removePasskeyAction({ passkeyId: passkey.id }));
    setBusy(false);
    if (!result.ok) setError(result.message);
  }

  return (
    <span className="inline-flex items-center gap-2">
      {error ? (
        <span role="alert" className="text-sm text-red-600">
          {error}
        </span>
      ) : null}
      <Button variant="secondary" onClick={remove} disabled={busy} aria-label={`Remove ${passkey.name}`}>
        Remove
      </Button>
    </span>
  );
}

/** "Add a passkey": the browser creates one for this console; a first factor also yields recovery codes, shown once. */
export function AddPasskeyForm() {
  const router = useRouter();
  const withStepUp = useStepUp();
  const supported = usePasskeySupport();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      const options = await withStepUp(() => startPasskeyRegistrationAction({}));
      if (!options.ok) return setError(options.message);
      let response;
      try {
        response = await startRegistration({ optionsJSON: options.data });
      } catch (browserError) {
        return setError(passkeyBrowserError(browserError));
      }
      const result = await finishPasskeyRegistrationAction({ name: name.trim() || undefined, response });
      if (!result.ok) return setError(result.fieldErrors?.name?.[0] ?? result.message);
      setName("");
      setAdded(`Passkey "${result.data.passkey.name}" added.`);
      if (result.data.recoveryCodes) setCodes(result.data.recoveryCodes);
      else router.refresh();
    } finally {
      setBusy(false);
    }
  }

  if (codes) {
    return (
      <div className="space-y-4">
        <p role="status" className="text-sm font-medium text-emerald-700">
          {added} Signing in and sensitive changes now ask for your passkey.
        </p>
        <RecoveryCodesList codes={codes} />
        <Button onClick={() => router.refresh()}>I have saved my recovery codes</Button>
      </div>
    );
  }

  if (!supported) return <p className="text-sm text-slate-500">This browser does not offer passkeys.</p>;

  return (
    <form onSubmit={add} noValidate className="space-y-3" aria-label="Add a passkey">
      <TextField label="Passkey name (optional)" name="passkeyName" maxLength={60} placeholder="e.g. Work laptop" value={name} onChange={(event) => setName(event.target.value)} error={error ?? undefined} />
      <Button type="submit" disabled={busy}>
        {busy ? "Waiting for your passkey…" : "Add a passkey"}
      </Button>
      {added ? (
        <p role="status" className="text-sm font-medium text-emerald-700">
          {added}
        </p>
      ) : null}
    </form>
  );
}
