"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useStepUp } from "@/components/auth/step-up-provider";
import { createWebhookEndpointAction } from "@/lib/actions/create-webhook-endpoint";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/outgoing-webhooks/event-types";

/** Register an endpoint (URL, events); its signing secret is shown once. */
export function WebhookEndpointForm() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const withStepUp = useStepUp(); // a key or endpoint secret needs a fresh second factor
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<WebhookEventType[]>(["batch.completed"]);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [secret, setSecret] = useState<string | null>(null);
  const toggle = (type: WebhookEventType) => setEvents((current) => (current.includes(type) ? current.filter((t) => t !== type) : [...current, type]));
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await withStepUp(() => createWebhookEndpointAction({ url, description, events }));
      if (result.ok) {
        setSecret(result.data.secret);
        setErrors({});
        setUrl("");
        setDescription("");
        router.refresh();
      } else {
        const field = typeof result.details?.field === "string" ? result.details.field : null;
        setErrors({ url: result.fieldErrors?.url?.[0] ?? (field === "url" ? result.message : undefined), events: result.fieldErrors?.events?.[0], root: result.fieldErrors || field ? undefined : result.message });
      }
    });
  };
  return (
    <form onSubmit={submit} aria-label="Add webhook endpoint" noValidate className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="URL" type="url" hint="https, on a public address" value={url} onChange={(e) => setUrl(e.target.value)} error={errors.url} autoComplete="off" />
        <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} autoComplete="off" />
      </div>
      <fieldset aria-describedby={errors.events ? "events-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">Events</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-3">
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} className="flex items-center gap-2 font-mono text-xs text-slate-700">
              <input type="checkbox" checked={events.includes(type)} onChange={() => toggle(type)} className="size-4 rounded border-slate-300" />
              {type}
            </label>
          ))}
        </div>
        {errors.events ? (
          <p id="events-error" className="mt-1 text-sm text-red-600">
            {errors.events}
          </p>
        ) : null}
      </fieldset>
      {errors.root ? (
        <p role="alert" className="text-sm text-red-600">
          {errors.root}
        </p>
      ) : null}
      {secret ? (
        <div role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          <p>Endpoint added. Its signing secret (Standard Webhooks), shown only here: configure your receiver with it.</p>
          <code data-testid="new-webhook-secret" className="mt-1 block break-all rounded bg-white px-2 py-1 font-mono text-xs">
            {secret}
          </code>
        </div>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          Add endpoint
        </Button>
      </div>
    </form>
  );
}
