"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import type { MethodForForm } from "@/lib/methods/schemas";
import type { TransactionInput } from "@/lib/methods/transaction-schema";
import { LazyBatchEditor, preloadBatchEditor } from "./lazy-batch-editor";
import { clearLocalDraft, localDraftKey, readLocalDraft, type LocalDraft } from "./local-draft";
import { MethodSelect, MethodSummary, methodLabel } from "./method-select";
import { RestoreUnsavedRows } from "./restore-unsaved-rows";

const count = (n: number) => n.toLocaleString("en-US");
const DESCRIPTION = "One batch is one Hello Clever payout: one method, one currency, up to 10,000 transactions. It is sent only after someone else approves it.";

/** The fields every method has: kept (if the person wants) when the method changes. */
function sharedFields(input: TransactionInput): TransactionInput {
  return { first_name: input.first_name, last_name: input.last_name, email: input.email, amount: input.amount, external_id: input.external_id ?? "", params: {} };
}

type Start = { key: number; rows?: TransactionInput[]; description?: string; notice?: string };

/** Where the page starts ("Pay again": a method chosen and a row for one payee). */
export type NewBatchStart = { methodName: string; rows?: TransactionInput[]; payeeName?: string };

/** /batches/new: pick a method, then its form. The heading turns to "Edit draft" once it is saved. */
export function NewBatchForm({ methods, start: initial }: { methods: MethodForForm[]; start?: NewBatchStart }) {
  const [name, setName] = useState(initial?.methodName ?? "");
  const [start, setStart] = useState<Start>({
    key: 0,
    rows: initial?.rows,
    notice: initial?.payeeName ? `Row 1 pays ${initial.payeeName}, with their approved details from the payee book. Enter the amount.` : undefined,
  });
  const [pending, setPending] = useState<{ name: string; rows: number } | null>(null);
  const [savedId, setSavedId] = useState<string | null>(null);
  const [restorable, setRestorable] = useState<LocalDraft | null>(null);
  const rowsSource = useRef<() => TransactionInput[]>(() => []);
  const reportRows = useCallback((read: () => TransactionInput[]) => {
    rowsSource.current = read;
  }, []);
  const confirmRef = useRef<HTMLDivElement>(null);
  const pickerId = useId();
  const method = methods.find((candidate) => candidate.name === name);

  useEffect(() => {
    const stored = readLocalDraft(localDraftKey(null));
    // localStorage exists only in the browser, after hydration.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (stored && stored.rows.length > 0 && methods.some((candidate) => candidate.name === stored.methodName)) setRestorable(stored);
    // Read once, on arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (pending) confirmRef.current?.querySelector("button")?.focus();
  }, [pending]);

  const focusPicker = () => requestAnimationFrame(() => document.querySelector<HTMLSelectElement>(`[data-picker="${pickerId}"] select`)?.focus());

  function choose(next: string) {
    if (next === name) return;
    const rows = method ? rowsSource.current() : [];
    if (rows.length > 0 && next !== "") {
      setPending({ name: next, rows: rows.length });
      return;
    }
    if (next === "") return;
    setName(next);
    setStart((previous) => ({ key: previous.key + 1 }));
    focusPicker();
  }

  function confirm(how: "clear" | "keep" | "cancel") {
    const next = pending;
    setPending(null);
    if (next && how !== "cancel") {
      const kept = how === "keep" ? rowsSource.current().map(sharedFields) : undefined;
      setName(next.name);
      setStart((previous) => ({ key: previous.key + 1, rows: kept }));
    }
    focusPicker();
  }

  function restore(stored: LocalDraft) {
    setRestorable(null);
    setName(stored.methodName);
    setStart((previous) => ({ key: previous.key + 1, rows: stored.rows, description: stored.description }));
  }

  const pendingMethod = methods.find((candidate) => candidate.name === pending?.name);
  const rowCount = pending?.rows ?? 0;
  const picker = savedId && method ? (
    <MethodSummary method={method} />
  ) : (
    <div data-picker={pickerId}>
      <MethodSelect methods={methods} value={name} onChange={choose} onIntent={preloadBatchEditor} hint={method ? "Changing it asks first when rows are typed." : undefined} />
    </div>
  );

  return (
    <>
      <PageHeader title={savedId ? "Edit draft" : "New batch"} description={savedId ? "Saved drafts stay editable by you until you submit them." : DESCRIPTION} />
      <div className="space-y-6">
        {restorable && !method ? (
          <RestoreUnsavedRows
            stored={restorable}
            methodLabel={(() => {
              const stored = methods.find((candidate) => candidate.name === restorable.methodName);
              return stored ? methodLabel(stored) : undefined;
            })()}
            onRestore={() => restore(restorable)}
            onDiscard={() => {
              clearLocalDraft(localDraftKey(null));
              setRestorable(null);
            }}
          />
        ) : null}
        <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <div className="max-w-md">{picker}</div>
          {pending && pendingMethod && method ? (
            <div ref={confirmRef} role="group" aria-label="Change method" className="mt-4 space-y-3 rounded-xl border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
              <p className="font-medium">
                Change method to {methodLabel(pendingMethod)} and clear {count(rowCount)} {rowCount === 1 ? "row" : "rows"}?
              </p>
              <p>
                Its account fields differ from {methodLabel(method)}. First name, last name, email, amount and external id can be kept; the account fields ({method.fields.map((field) => field.label).join(", ")}) cannot.
              </p>
              <div className="flex flex-wrap gap-2">
                <Button type="button" variant="danger" onClick={() => confirm("clear")}>
                  Change method and clear {count(rowCount)} {rowCount === 1 ? "row" : "rows"}
                </Button>
                <Button type="button" variant="secondary" onClick={() => confirm("keep")}>
                  Change method, keep names, emails, amounts and external ids
                </Button>
                <Button type="button" variant="ghost" onClick={() => confirm("cancel")}>
                  Keep {methodLabel(method)}
                </Button>
              </div>
            </div>
          ) : null}
        </section>
        {method ? (
          // Keyed by each start: another method has other columns and rules, so its form starts afresh.
          <LazyBatchEditor
            key={`${method.name}-${start.key}`}
            method={method}
            initialRows={start.rows}
            initialDescription={start.description}
            initialNotice={start.notice}
            reportRows={reportRows}
            onSaved={(id) => {
              setSavedId(id);
              document.title = document.title.replace("New batch", "Edit draft");
            }}
          />
        ) : null}
      </div>
    </>
  );
}
