"use client";

import { useState, useTransition } from "react";
import { saveNotificationPreferencesAction } from "@/lib/actions/save-notification-preferences";
import { Button } from "@/components/ui/button";
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS, type NotificationKind } from "@/lib/notifications/kinds";

/** Email on or off per kind of notification, and a daily digest instead of each mail. */
export function PreferencesForm({ initial }: { initial: { emailOn: NotificationKind[]; digest: boolean } }) {
  const [emailOn, setEmailOn] = useState<NotificationKind[]>(initial.emailOn);
  const [digest, setDigest] = useState(initial.digest);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const toggle = (kind: NotificationKind) => setEmailOn((current) => (current.includes(kind) ? current.filter((k) => k !== kind) : [...current, kind]));
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await saveNotificationPreferencesAction({ emailOn, digest });
      setMessage(result.ok ? { ok: true, text: "Saved." } : { ok: false, text: result.message });
    });
  };
  return (
    <form onSubmit={save} aria-label="Email preferences" className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <fieldset>
        <legend className="text-base font-semibold text-slate-900">Email me when</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {NOTIFICATION_KINDS.map((kind) => (
            <label key={kind} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" checked={emailOn.includes(kind)} onChange={() => toggle(kind)} className="size-4 rounded border-slate-300" />
              {NOTIFICATION_KIND_LABELS[kind]}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={digest} onChange={(event) => setDigest(event.target.checked)} className="size-4 rounded border-slate-300" />
        Send one daily digest (07:00 UTC) instead of each email
      </label>
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-700" : "text-red-600"}`}>
          {message.text}
        </p>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save preferences"}
        </Button>
      </div>
    </form>
  );
}
