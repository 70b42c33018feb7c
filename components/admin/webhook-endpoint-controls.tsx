"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useStepUp } from "@/components/auth/step-up-provider";
import { resendWebhookDeliveryAction } from "@/lib/actions/resend-webhook-delivery";
import { rotateWebhookSecretAction } from "@/lib/actions/rotate-webhook-secret";
import { setWebhookEndpointEnabledAction } from "@/lib/actions/set-webhook-endpoint-enabled";
import { Button } from "@/components/ui/button";

/** Rotate the secret (the new one shown once), enable or disable the endpoint. */
export function WebhookEndpointControls({ endpointId, enabled }: { endpointId: string; enabled: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const withStepUp = useStepUp(); // a key or endpoint secret needs a fresh second factor
  const [message, setMessage] = useState<{ ok: boolean; text: string; secret?: string } | null>(null);
  const rotate = () =>
    startTransition(async () => {
      const result = await withStepUp(() => rotateWebhookSecretAction({ endpointId }));
      setMessage(result.ok ? { ok: true, text: `New secret. The previous one stays valid until ${result.data.previousValidUntil.replace("T", " ").slice(0, 16)} UTC.`, secret: result.data.secret } : { ok: false, text: result.message });
      router.refresh();
    });
  const toggle = () =>
    startTransition(async () => {
      const result = await setWebhookEndpointEnabledAction({ endpointId, enabled: !enabled });
      setMessage(result.ok ? { ok: true, text: enabled ? "Disabled." : "Enabled." } : { ok: false, text: result.message });
      router.refresh();
    });
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={pending} onClick={rotate}>
          Rotate secret
        </Button>
        <Button variant={enabled ? "danger" : "primary"} disabled={pending} onClick={toggle}>
          {enabled ? "Disable" : "Enable"}
        </Button>
      </div>
      {message ? (
        <div role={message.ok ? "status" : "alert"} className={`rounded-lg px-3 py-2 text-sm ${message.ok ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-700"}`}>
          <p>{message.text}</p>
          {message.secret ? <code className="mt-1 block break-all font-mono text-xs">{message.secret}</code> : null}
        </div>
      ) : null}
    </div>
  );
}

/** "Resend" one delivery now. */
export function ResendButton({ deliveryId, label }: { deliveryId: string; label: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="secondary"
        disabled={pending}
        aria-label={`Resend ${label}`}
        onClick={() =>
          startTransition(async () => {
            const result = await resendWebhookDeliveryAction({ deliveryId });
            setError(result.ok ? null : result.message);
            router.refresh();
          })
        }
      >
        {pending ? "Queued…" : "Resend"}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-600">
          {error}
        </span>
      ) : null}
    </span>
  );
}
