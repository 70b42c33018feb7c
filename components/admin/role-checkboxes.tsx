import type { UseFormRegisterReturn } from "react-hook-form";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";

const ROLE_HINTS = {
  operator: "Creates and submits batches",
  approver: "Approves or rejects others' batches",
  auditor: "Reads everything: history, audit, exports",
  admin: "Users, methods, approval thresholds",
} as const;

/** The four roles as checkboxes (a person may hold several), with what each allows. */
export function RoleCheckboxes({ register, error, idPrefix }: { register: UseFormRegisterReturn<"roles">; error?: string; idPrefix: string }) {
  return (
    <fieldset aria-describedby={error ? `${idPrefix}-roles-error` : undefined}>
      <legend className="text-sm font-medium text-slate-700">Roles</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {ROLES.map((role) => (
          <label key={role} htmlFor={`${idPrefix}-${role}`} className="flex cursor-pointer items-start gap-2.5 rounded-lg border border-slate-200 px-3 py-2 hover:bg-slate-50">
            <input id={`${idPrefix}-${role}`} type="checkbox" value={role} className="mt-0.5 size-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500" {...register} />
            <span>
              <span className="block text-sm font-medium text-slate-900">{ROLE_LABELS[role]}</span>
              <span className="block text-xs text-slate-500">{ROLE_HINTS[role]}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${idPrefix}-roles-error`} className="mt-1.5 text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
