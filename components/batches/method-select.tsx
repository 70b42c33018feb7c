"use client";

import { useId, useMemo } from "react";
import type { MethodForForm } from "@/lib/methods/schemas";

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** "PH" → "Philippines"; no country → the currency ("USDC"). */
function groupOf(method: MethodForForm): string {
  if (!method.country) return method.currency;
  try {
    return regionNames.of(method.country) ?? method.country;
  } catch {
    return method.country;
  }
}

/**
 * The "Payout method" select, grouped by country (or currency when a method has none).
 * `onIntent` is called when the user reaches for it (hover, focus), before any choice.
 */
export function MethodSelect({ methods, value, onChange, onIntent }: { methods: MethodForForm[]; value: string; onChange: (name: string) => void; onIntent?: () => void }) {
  const id = useId();
  const groups = useMemo(() => {
    const byGroup = new Map<string, MethodForForm[]>();
    for (const method of methods) byGroup.set(groupOf(method), [...(byGroup.get(groupOf(method)) ?? []), method]);
    return [...byGroup.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [methods]);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Payout method
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onPointerEnter={onIntent}
        onFocus={onIntent}
        className="mt-1.5 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
      >
        <option value="">Choose a method…</option>
        {groups.map(([group, members]) => (
          <optgroup key={group} label={group}>
            {members.map((method) => (
              <option key={method.name} value={method.name}>
                {method.label} · {method.currency}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <p className="mt-1.5 text-sm text-slate-500">Its fields become the columns below. Changing it starts the form again.</p>
    </div>
  );
}

/** The method of a saved draft, shown where the select was (a draft keeps its method). */
export function MethodSummary({ method }: { method: MethodForForm }) {
  return (
    <div>
      <p className="block text-sm font-medium text-slate-700">Payout method</p>
      <p className="mt-1.5 flex h-[2.375rem] items-center gap-2 rounded-lg border border-slate-200 bg-slate-50 px-3 text-sm text-slate-800">
        {method.label} · {method.currency}
        <span className="truncate text-xs text-slate-500">{method.name}</span>
      </p>
      <p className="mt-1.5 text-sm text-slate-500">A draft keeps its method; start a new batch for another.</p>
    </div>
  );
}
