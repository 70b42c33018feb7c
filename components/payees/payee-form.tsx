"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ActionFeedback, type ActionMessage } from "@/components/ui/use-action";
import { createPayeeAction } from "@/lib/actions/create-payee";
import { proposePayeeChangeAction } from "@/lib/actions/propose-payee-change";

export type PayeeFormMethod = { name: string; label: string; fields: { key: string; label: string; required: boolean }[] };

type Props =
  | { mode: "create"; methods: PayeeFormMethod[] }
  | { mode: "change"; payeeId: string; method: PayeeFormMethod; initial: { name: string; params: Record<string, string> } };

/** "Add payee" (any method) or "Change details" of one payee: a proposal someone else approves. */
export function PayeeForm(props: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [methodName, setMethodName] = useState(props.mode === "create" ? (props.methods[0]?.name ?? "") : props.method.name);
  const method = props.mode === "create" ? props.methods.find((m) => m.name === methodName) : props.method;
  const [message, setMessage] = useState<ActionMessage | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  function submit(form: FormData) {
    setMessage(null);
    setFieldErrors({});
    const params: Record<string, string> = {};
    for (const field of method?.fields ?? []) params[field.key] = String(form.get(`param:${field.key}`) ?? "");
    const name = String(form.get("name") ?? "");
    startTransition(async () => {
      const result =
        props.mode === "create"
          ? await createPayeeAction({ methodName, name, email: String(form.get("email") ?? ""), params })
          : await proposePayeeChangeAction({ payeeId: props.payeeId, name, params });
      if (!result.ok) {
        setFieldErrors(Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([key, value]) => [key, Array.isArray(value) ? value.join(" ") : String(value)])));
        return setMessage({ tone: "error", text: result.message });
      }
      setMessage({ tone: "success", text: "Saved. It takes effect once someone other than you approves it." });
      if (props.mode === "create") router.push(`/payees/${result.data.id}`);
      else router.refresh();
    });
  }

  return (
    <form action={submit} className="space-y-3" aria-label={props.mode === "create" ? "Add payee" : "Change details"}>
      {props.mode === "create" ? (
        <div>
          <label htmlFor="payee-method" className="block text-sm font-medium text-slate-700">
            Method
          </label>
          <select
            id="payee-method"
            value={methodName}
            onChange={(event) => setMethodName(event.target.value)}
            className="mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30"
          >
            {props.methods.map((m) => (
              <option key={m.name} value={m.name}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <TextField label="Name" name="name" required defaultValue={props.mode === "change" ? props.initial.name : undefined} error={fieldErrors.name} />
      {props.mode === "create" ? <TextField label="Email" name="email" type="email" required error={fieldErrors.email} /> : null}
      {(method?.fields ?? []).map((field) => (
        <TextField
          key={`${methodName}:${field.key}`}
          label={field.label}
          name={`param:${field.key}`}
          required={field.required}
          defaultValue={props.mode === "change" ? (props.initial.params[field.key] ?? "") : undefined}
          error={fieldErrors[`params.${field.key}`]}
        />
      ))}
      <Button type="submit" disabled={pending}>
        {props.mode === "create" ? "Add payee" : "Propose change"}
      </Button>
      <ActionFeedback message={message} />
    </form>
  );
}
