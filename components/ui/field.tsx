import { useId, type ReactNode } from "react";

/** Ids that tie a control to its label and its error or hint (announced with it via aria-describedby). */
export function useFieldIds(id: string | undefined, error?: string, hint?: string) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const describedBy = error ? `${inputId}-error` : hint ? `${inputId}-hint` : undefined;
  return { inputId, describedBy, ariaInvalid: error ? true : undefined };
}

/** The border and focus ring of every text-like control, red when it has an error. */
export function controlClasses(error: string | undefined, extra = "px-3"): string {
  return `mt-1.5 block w-full rounded-lg border bg-white py-2 text-sm shadow-sm outline-none transition placeholder:text-slate-400 focus:ring-2 ${extra} ${
    error ? "border-red-400 focus:border-red-500 focus:ring-red-200" : "border-slate-300 focus:border-brand-500 focus:ring-brand-100"
  }`;
}

/** A label above a control, and its error (or hint) below. */
export function FieldFrame({ inputId, label, error, hint, className = "", children }: { inputId: string; label: string; error?: string; hint?: string; className?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${inputId}-error`} className="mt-1.5 text-sm text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p id={`${inputId}-hint`} className="mt-1.5 text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
