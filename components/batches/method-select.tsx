"use client";

import { useId, useMemo, type KeyboardEvent } from "react";
import type { MethodForForm } from "@/lib/methods/schemas";

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** "PH" → "Philippines"; no country → the currency ("USDC"). */
export function countryOf(method: MethodForForm): string {
  if (!method.country) return method.currency;
  try {
    return regionNames.of(method.country) ?? method.country;
  } catch {
    return method.country;
  }
}

/** One label everywhere the editor names a method: "Philippines · Maya (PHP)". */
export function methodLabel(method: MethodForForm): string {
  const label = method.label.length > 1 && method.label === method.label.toUpperCase() ? method.label.charAt(0) + method.label.slice(1).toLowerCase() : method.label;
  return `${countryOf(method)} · ${label} (${method.currency})`;
}

// Keys that make a closed native select change its value at once (Chromium on Linux and Windows).
const CHANGES_AT_ONCE = new Set(["ArrowDown", "ArrowUp", "Home", "End", "PageDown", "PageUp"]);

/**
 * The "Payout method" select, grouped and sorted by country (or currency when a method has none).
 * Arrow keys and typing open the list instead of choosing a method on the spot: a method is
 * committed only by a pick in the open list (Enter or a click). `onIntent` is called when the
 * user reaches for it (hover, focus), before any choice.
 */
export function MethodSelect({ methods, value, onChange, onIntent, hint }: { methods: MethodForForm[]; value: string; onChange: (name: string) => void; onIntent?: () => void; hint?: string }) {
  const id = useId();
  const groups = useMemo(() => {
    const byGroup = new Map<string, MethodForForm[]>();
    for (const method of methods) byGroup.set(countryOf(method), [...(byGroup.get(countryOf(method)) ?? []), method]);
    return [...byGroup.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, members]) => [group, [...members].sort((a, b) => methodLabel(a).localeCompare(methodLabel(b)))] as const);
  }, [methods]);

  function onKeyDown(event: KeyboardEvent<HTMLSelectElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const typing = event.key.length === 1 && event.key !== " ";
    if (!CHANGES_AT_ONCE.has(event.key) && !typing) return;
    event.preventDefault();
    try {
      event.currentTarget.showPicker();
    } catch {
      // No picker API (or no user activation): the key simply does nothing; Space and Enter still open it.
    }
  }

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Payout method
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        onPointerEnter={onIntent}
        onFocus={onIntent}
        className="mt-1.5 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
      >
        <option value="">Choose a method…</option>
        {groups.map(([group, members]) => (
          <optgroup key={group} label={group}>
            {members.map((method) => (
              <option key={method.name} value={method.name}>
                {methodLabel(method)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <p className="mt-1.5 text-sm text-slate-500">{hint ?? "Its fields become the columns below."}</p>
    </div>
  );
}

/** The method of a saved draft, shown where the select was (a draft keeps its method). */
export function MethodSummary({ method }: { method: MethodForForm }) {
  return (
    <div>
      <p className="block text-sm font-medium text-slate-700">Payout method</p>
      <p className="mt-1.5 flex h-[2.375rem] items-center gap-2 rounded-lg border border-slate-200 bg-slate-50 px-3 text-sm text-slate-800">
        {methodLabel(method)}
        <span className="truncate text-xs text-slate-500">{method.name}</span>
      </p>
      <p className="mt-1.5 text-sm text-slate-500">A draft keeps its method; start a new batch for another.</p>
    </div>
  );
}
