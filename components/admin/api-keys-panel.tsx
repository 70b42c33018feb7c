"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useStepUp } from "@/components/auth/step-up-provider";
import { createApiKeyAction } from "@/lib/actions/create-api-key";
import { revokeApiKeyAction } from "@/lib/actions/revoke-api-key";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { API_KEY_ROLES, type ApiKeyRole } from "@/lib/api-keys/schemas";

export type ApiKeyRow = { id: string; name: string; role: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

/** Create a key (shown once), list keys with their last use, revoke one. */
export function ApiKeysPanel({ keys }: { keys: ApiKeyRow[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const withStepUp = useStepUp(); // a key or endpoint secret needs a fresh second factor
  const [name, setName] = useState("");
  const [role, setRole] = useState<ApiKeyRole>("operator");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const create = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await withStepUp(() => createApiKeyAction({ name, role }));
      if (result.ok) {
        setCreated({ name, key: result.data.key });
        setErrors({});
        setName("");
        router.refresh();
      } else setErrors({ name: result.fieldErrors?.name?.[0], role: result.fieldErrors?.role?.[0], root: result.fieldErrors ? undefined : result.message });
    });
  };
  const revoke = (id: string) =>
    startTransition(async () => {
      const result = await revokeApiKeyAction({ apiKeyId: id });
      if (!result.ok) setErrors({ root: result.message });
      router.refresh();
    });
  return (
    <div className="space-y-6">
      <form onSubmit={create} aria-label="Create API key" noValidate className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Name" hint="What uses it, e.g. Payroll system" value={name} onChange={(event) => setName(event.target.value)} error={errors.name} autoComplete="off" />
          <SelectField
            label="Role"
            value={role}
            onChange={(event) => setRole(event.target.value as ApiKeyRole)}
            error={errors.role}
            options={API_KEY_ROLES.map((value) => ({ value, label: value === "operator" ? "Operator: create and submit batches" : "Auditor: read only" }))}
          />
        </div>
        {errors.root ? (
          <p role="alert" className="text-sm text-red-600">
            {errors.root}
          </p>
        ) : null}
        {created ? (
          <div role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            <p>
              Key for {created.name}. Copy it now: it is shown only once (only its hash is kept).
            </p>
            <code data-testid="new-api-key" className="mt-1 block break-all rounded bg-white px-2 py-1 font-mono text-xs">
              {created.key}
            </code>
          </div>
        ) : null}
        <div className="flex justify-end">
          <Button type="submit" disabled={pending}>
            Create key
          </Button>
        </div>
      </form>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full text-sm">
          <caption className="sr-only">API keys</caption>
          <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-4 py-2">Name</th>
              <th scope="col" className="px-4 py-2">Role</th>
              <th scope="col" className="px-4 py-2">Key</th>
              <th scope="col" className="px-4 py-2">Created</th>
              <th scope="col" className="px-4 py-2">Last used</th>
              <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {keys.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-4 py-6 text-center text-slate-500">No API keys yet.</td>
              </tr>
            ) : null}
            {keys.map((key) => (
              <tr key={key.id} data-testid="api-key-row">
                <td className="px-4 py-2 font-medium text-slate-900">{key.name}</td>
                <td className="px-4 py-2">{key.role}</td>
                <td className="px-4 py-2 font-mono text-xs">pdk_{key.prefix}_…</td>
                <td className="px-4 py-2"><RelativeTime iso={key.createdAt} /></td>
                <td className="px-4 py-2">{key.lastUsedAt ? <RelativeTime iso={key.lastUsedAt} /> : "Never"}</td>
                <td className="px-4 py-2 text-right">
                  {key.revokedAt ? (
                    <span className="text-slate-500">Revoked</span>
                  ) : (
                    <Button variant="danger" disabled={pending} onClick={() => revoke(key.id)} aria-label={`Revoke ${key.name}`}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
