"use client";

import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";
import type { MethodForForm } from "@/lib/methods/schemas";
import { maskParams } from "@/lib/payees/mask";
import { PICKER_LIMIT, type PayeeForEditor } from "@/lib/payees/payee-row";

/** Which rows the picker fills: one row ("Choose a payee" on it), or new rows ("Add payees"). */
export type PayeePickerTarget = { kind: "row"; index: number } | { kind: "bulk" };

async function fetchPayees(method: string, q: string): Promise<PayeeForEditor[]> {
  const response = await fetch(`/api/payees?${new URLSearchParams({ method, ...(q ? { q } : {}) })}`, { cache: "no-store" });
  const body = (await response.json().catch(() => null)) as { payees?: PayeeForEditor[]; message?: string } | null;
  if (!response.ok || !body?.payees) throw new Error(body?.message ?? "The payee search did not answer; try again.");
  return body.payees;
}

/** What the search found, for the dialog's status line. */
function foundText(count: number, search: string): string {
  if (count === 0) return search ? `No payee matches “${search}”.` : "No payees for this method yet: add them on the Payees page.";
  return `${count} ${count === 1 ? "payee" : "payees"}${count === PICKER_LIMIT ? ` (the first ${PICKER_LIMIT}: narrow the search)` : ""}.`;
}

/** One line that tells payees apart: email, and the account details (the account masked). */
function PayeeSummary({ payee }: { payee: PayeeForEditor }) {
  return (
    <span className="block min-w-0">
      <span className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-slate-900">{payee.name}</span>
        {payee.status === "active" ? null : <Badge tone="warning">Not approved yet</Badge>}
      </span>
      <span className="block truncate text-xs text-slate-600">
        {payee.email} · {Object.values(maskParams(payee.params, false)).join(" · ")}
      </span>
    </span>
  );
}

/**
 * The batch editor's payee picker: searches the method's payee book by name, email or account
 * number and fills a row with a payee's approved details, or adds a row for each payee ticked.
 */
export function PayeePicker({ method, target, onClose, onPick }: { method: MethodForForm; target: PayeePickerTarget; onClose: () => void; onPick: (payees: PayeeForEditor[]) => void }) {
  const [q, setQ] = useState("");
  const search = useDeferredValue(q.trim());
  const [ticked, setTicked] = useState<ReadonlyMap<string, PayeeForEditor>>(() => new Map());
  const query = useQuery({ queryKey: ["payee-picker", method.name, search], queryFn: () => fetchPayees(method.name, search), staleTime: 10_000 });
  const found = query.data ?? [];
  const single = target.kind === "row";
  const toggle = (payee: PayeeForEditor) =>
    setTicked((current) => {
      const next = new Map(current);
      if (next.has(payee.id)) next.delete(payee.id);
      else next.set(payee.id, payee);
      return next;
    });

  return (
    <Dialog
      open
      onClose={onClose}
      title={single ? `Choose a payee for row ${(target.index + 1).toLocaleString("en-US")}` : "Add payees"}
      description={`Payees paid by ${method.label}. A row takes the payee's approved name, email and account details; the amount is yours to enter.`}
    >
      <div className="space-y-3" data-testid="payee-picker">
        <TextField label="Find a payee" hint="Name, email or account number" value={q} onChange={(event) => setQ(event.target.value)} autoFocus autoComplete="off" type="search" />
        <p role="status" className="text-xs text-slate-600">
          {query.isError ? query.error.message : query.isPending ? "Searching…" : foundText(found.length, search)}
        </p>
        {found.length > 0 ? (
          single ? (
            <ul className="max-h-72 divide-y divide-slate-100 overflow-auto rounded-lg border border-slate-200" aria-label="Payees found">
              {found.map((payee) => (
                <li key={payee.id}>
                  <button type="button" onClick={() => onPick([payee])} className="block w-full px-3 py-2 text-left text-sm outline-none hover:bg-slate-50 focus-visible:bg-brand-50 focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-500">
                    <span className="sr-only">Use </span>
                    <PayeeSummary payee={payee} />
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <fieldset className="max-h-72 divide-y divide-slate-100 overflow-auto rounded-lg border border-slate-200">
              <legend className="sr-only">Payees found</legend>
              {found.map((payee) => (
                <label key={payee.id} className="flex cursor-pointer items-start gap-3 px-3 py-2 text-sm hover:bg-slate-50">
                  <input type="checkbox" className="mt-1 size-4 rounded border-slate-300" checked={ticked.has(payee.id)} onChange={() => toggle(payee)} />
                  <PayeeSummary payee={payee} />
                </label>
              ))}
            </fieldset>
          )
        ) : null}
        <div className="flex justify-end gap-2 pt-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          {single ? null : (
            <Button type="button" disabled={ticked.size === 0} onClick={() => onPick([...ticked.values()])}>
              Add {ticked.size > 0 ? `${ticked.size} ` : ""}
              {ticked.size === 1 ? "payee" : "payees"}
            </Button>
          )}
        </div>
      </div>
    </Dialog>
  );
}
